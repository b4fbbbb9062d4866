import { Injectable } from '@nestjs/common';
import { type CheckInDayChoice, checkInDayChoices, CHECK_IN_DAYS_BACK } from '@retrowalk/domain';
import { CheckInRepository, type EnrollmentEntity } from '@retrowalk/persistence';
import { Clock } from '../clock/clock';

const DAY_MS = 86_400_000;

/** The "which day was the walk?" answers of the check-in form, with the days already logged. */
@Injectable()
export class CheckInDaysService {
  constructor(
    private readonly checkIns: CheckInRepository,
    private readonly clock: Clock,
  ) {}

  async choices(enrollment: EnrollmentEntity, reminderDay: string | null): Promise<CheckInDayChoice[]> {
    const now = this.clock.now();
    // A day more than the form offers, so a walk late on the oldest local day is seen in any zone.
    const since = new Date(now.getTime() - (CHECK_IN_DAYS_BACK + 2) * DAY_MS);
    const recent = await this.checkIns.recent(enrollment.id, since);
    return checkInDayChoices({
      now,
      timezone: enrollment.timezone,
      reminderDay,
      walkedAt: recent.map((c) => c.performedAt),
    });
  }
}
