import { Injectable } from '@nestjs/common';
import {
  DomainError,
  outcomeCheckState,
  type OutcomeTimepoint,
  type OwnOutcomeWords,
  parseOutcomeCheckDedupeKey,
} from '@retrowalk/domain';
import { EnrollmentRepository, OrganizationRepository, OutcomeCheckRepository } from '@retrowalk/persistence';
import { Clock } from '../clock/clock';
import { outcomeSettingsOf } from './outcome-settings';
import { type OutcomeChecksView, outcomeChecksView, ownOutcomeWords } from './outcome-views';

/** What an email about the end of the programme (or week 12) says about the person's knee. */
export interface OutcomeForEmail {
  /** Their change since the start, from the latest later check they answered; null if none yet. */
  change: { words: OwnOutcomeWords; week: number } | null;
  /** The end-of-dose check is open and not answered: the email can offer its link. */
  doseEndCheckOpen: boolean;
  /** The week of the follow-up check when it is still to come; null if none will be asked. */
  followUpWeek: number | null;
  /** For a check's own email: which check it is, its week, and when it closes. */
  check: { timepoint: OutcomeTimepoint; week: number; closesAt: Date; reminder: boolean } | null;
}

/** Outcome checks as others read them: the coach's side-by-side view, and the person's own emails. */
@Injectable()
export class OutcomeSummaryService {
  constructor(
    private readonly enrollments: EnrollmentRepository,
    private readonly organizations: OrganizationRepository,
    private readonly checks: OutcomeCheckRepository,
    private readonly clock: Clock,
  ) {}

  /** The three checks of one enrolment of the caller's organisation (another's is not found). */
  async forCoach(organizationId: string, enrollmentId: string): Promise<OutcomeChecksView> {
    const enrollment = await this.enrollments.findInOrganization(organizationId, enrollmentId);
    if (!enrollment) throw new DomainError('not_found', 'No enrolment with this id.');
    const organization = await this.organizations.findById(organizationId);
    const settings = organization
      ? outcomeSettingsOf(organization)
      : { enabled: false, weeks: [6, 12] as const };
    const checks = await this.checks.listForEnrollment(enrollment.id);
    return outcomeChecksView(
      enrollment.id,
      checks,
      { baseline: 0, dose_end: settings.weeks[0], follow_up: settings.weeks[1] },
      this.clock.now(),
    );
  }

  /** What an email needs; `dedupeKey` (an outcome check's own row) says which check it asks. */
  async forEmail(enrollmentId: string, dedupeKey?: string): Promise<OutcomeForEmail> {
    const checks = await this.checks.listForEnrollment(enrollmentId);
    const parsed = dedupeKey === undefined ? null : parseOutcomeCheckDedupeKey(dedupeKey);
    const asked = parsed ? checks.find((c) => c.timepoint === parsed.timepoint) : undefined;
    const now = this.clock.now();
    const doseEnd = checks.find((c) => c.timepoint === 'dose_end');
    const followUp = checks.find((c) => c.timepoint === 'follow_up');
    return {
      change: ownOutcomeWords(checks),
      doseEndCheckOpen: doseEnd !== undefined && outcomeCheckState({ ...doseEnd, now }) === 'open',
      followUpWeek:
        followUp !== undefined && outcomeCheckState({ ...followUp, now }) === 'not_open_yet'
          ? followUp.week
          : null,
      check:
        parsed && asked
          ? {
              timepoint: parsed.timepoint,
              week: asked.week,
              closesAt: asked.closesAt,
              reminder: parsed.reminder,
            }
          : null,
    };
  }
}
