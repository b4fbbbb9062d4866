import { Injectable } from '@nestjs/common';
import { nextReminderOccurrence, reminderDedupeKey, type ReminderOccurrence } from '@retrowalk/domain';
import { type EnrollmentEntity, MessageRepository, type Tx } from '@retrowalk/persistence';

// A week holds every chosen day once; a few more tries cover dates already taken by sent reminders.
const MAX_TRIES = 9;

/** Puts a participant's next session reminder into the schedule. */
@Injectable()
export class ReminderPlanner {
  constructor(private readonly messages: MessageRepository) {}

  occurrenceAfter(enrollment: EnrollmentEntity, after: Date): ReminderOccurrence {
    return nextReminderOccurrence(
      { days: enrollment.reminderDays, time: enrollment.reminderTime },
      enrollment.timezone,
      after,
    );
  }

  /**
   * Schedules the first reminder after `after`. A local date that already has a live reminder (sent
   * this morning, say, before the time was changed) is kept and the following chosen day is used.
   */
  async planNext(tx: Tx, enrollment: EnrollmentEntity, after: Date, now: Date): Promise<Date> {
    let cursor = after;
    for (let i = 0; i < MAX_TRIES; i++) {
      const occurrence = this.occurrenceAfter(enrollment, cursor);
      const dedupeKey = reminderDedupeKey(enrollment.id, occurrence.localDate);
      const inserted = await this.messages.insertIfAbsent(
        tx,
        [
          {
            organizationId: enrollment.organizationId,
            enrollmentId: enrollment.id,
            kind: 'reminder',
            dedupeKey,
            dueAt: occurrence.dueAt,
            localDate: occurrence.localDate,
          },
        ],
        now,
      );
      if (inserted.has(dedupeKey)) return occurrence.dueAt;
      cursor = occurrence.dueAt;
    }
    throw new Error(`Could not find a free reminder date for enrollment ${enrollment.id}`);
  }
}
