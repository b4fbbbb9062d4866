import { Injectable } from '@nestjs/common';
import {
  compareWithBaseline,
  countsAsBaseline,
  DomainError,
  isErased,
  outcomeAttentionRules,
  outcomeCheckDedupeKey,
  type OutcomeCheckState,
  outcomeCheckState,
  type OutcomeTimepoint,
  type OwnOutcomeWords,
  parseOutcomeCheckDedupeKey,
  psfsSixths,
  type RawOutcomeAnswer,
  readOutcomeAnswer,
} from '@retrowalk/domain';
import {
  CheckInRepository,
  type EnrollmentEntity,
  EnrollmentRepository,
  MessageRepository,
  type OrganizationEntity,
  OrganizationRepository,
  type OutcomeCheckEntity,
  OutcomeCheckRepository,
  type Tx,
  UnitOfWork,
} from '@retrowalk/persistence';
import { AttentionService } from '../attention/attention.service';
import { Clock } from '../clock/clock';
import { DispatchNudge } from '../messages/dispatch-nudge';
import { organizationDisplayName } from '../organizations/organization.service';
import { countingBaseline, knownActivitiesFor, ownOutcomeWords, scoredOf } from './outcome-views';

/** What the questionnaire page shows. `off`: no such check (switched off, or never planned). */
export interface OutcomeCheckPage {
  state: OutcomeCheckState | 'off';
  organizationName: string;
  firstName: string;
  /** The person's timezone, for the dates the page shows. */
  timezone: string;
  timepoint: OutcomeTimepoint;
  week: number;
  opensAt: Date | null;
  closesAt: Date | null;
  answeredAt: Date | null;
  /** The activities this check asks about by name (none: the person may name up to three). */
  knownActivities: string[];
  /** After a later check: how the knee changed since the start, in plain words. */
  words: OwnOutcomeWords | null;
}

export interface OutcomeAnswerResult {
  /** recorded: this answer was kept; otherwise the page's state says why nothing changed. */
  recorded: boolean;
  page: OutcomeCheckPage;
}

/** The decision trail's entry for an outcome answer a coach should see. */
export const OUTCOME_WORSE_ACTION = 'outcome_worse' as const;

/**
 * The questionnaire behind an outcome check's link: what to show, and recording the answer. An
 * answer, its derived scores, the cancelled reminder and (for answers that need a coach) the
 * audit entry commit in one transaction; answering twice keeps the first answer.
 */
@Injectable()
export class OutcomeCheckService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly enrollments: EnrollmentRepository,
    private readonly organizations: OrganizationRepository,
    private readonly checks: OutcomeCheckRepository,
    private readonly checkIns: CheckInRepository,
    private readonly messages: MessageRepository,
    private readonly dispatch: DispatchNudge,
    private readonly attention: AttentionService,
    private readonly clock: Clock,
  ) {}

  async page(enrollmentId: string, timepoint: OutcomeTimepoint): Promise<OutcomeCheckPage> {
    return this.uow.run(async (tx) => {
      const { enrollment, organization, all, check } = await this.load(tx, enrollmentId, timepoint, false);
      return this.pageOf(enrollment, organization, all, check, timepoint);
    });
  }

  async answer(
    enrollmentId: string,
    timepoint: OutcomeTimepoint,
    raw: RawOutcomeAnswer,
  ): Promise<OutcomeAnswerResult> {
    const result = await this.uow.run(async (tx) => {
      const { enrollment, organization, all, check } = await this.load(tx, enrollmentId, timepoint, true);
      const before = this.pageOf(enrollment, organization, all, check, timepoint);
      if (!check || before.state !== 'open') return { recorded: false, page: before };

      const read = readOutcomeAnswer(raw, { timepoint, knownActivities: before.knownActivities });
      if ('problems' in read) {
        throw new DomainError(
          'validation_failed',
          `Please check these fields: ${[...new Set(read.problems.map((p) => p.field))].join(', ')}.`,
          read.problems,
        );
      }
      const { answer } = read;
      const now = this.clock.now();
      check.answeredAt = now;
      check.pain = answer.pain;
      check.activities = [...answer.activities];
      check.globalChange = answer.globalChange;
      check.psfsSixths = psfsSixths(answer.activities);
      if (timepoint === 'baseline') {
        // The baseline opens when the programme starts: answered within its first week, it counts.
        check.countsAsBaseline = countsAsBaseline(check.opensAt, now);
      } else {
        const baseline = countingBaseline(all);
        const change = baseline ? compareWithBaseline(scoredOf(baseline), scoredOf(check)) : null;
        check.baselinePain = baseline?.pain ?? null;
        check.psfsChangeSixths = change?.psfsChangeSixths ?? null;
      }
      await this.checks.save(tx, check);
      await this.messages.cancelUnsentByKeys(
        tx,
        [
          outcomeCheckDedupeKey(enrollment.id, timepoint, 'ask'),
          outcomeCheckDedupeKey(enrollment.id, timepoint, 'reminder'),
        ],
        'answered',
      );

      const rules = outcomeAttentionRules(answer, timepoint);
      if (rules.length > 0) {
        // A coach looks at it: the `outcome_worse` item opens in this same transaction, and the
        // decision trail keeps which answer (the rules and their inputs) made it open.
        await this.attention.record(tx, enrollment, { type: 'outcome_worse' }, now);
        await this.checkIns.recordDecision(tx, {
          organizationId: enrollment.organizationId,
          enrollmentId: enrollment.id,
          checkInId: null,
          source: 'outcome_check',
          action: OUTCOME_WORSE_ACTION,
          levelBefore: enrollment.level,
          levelAfter: enrollment.level,
          statusAfter: enrollment.status,
          rules,
          createdAt: now,
        });
      }
      if (timepoint === 'follow_up') {
        // The week-12 email: how the knee changed since the start, at once (a reply to the answer).
        await this.messages.insertIfAbsent(
          tx,
          [
            {
              organizationId: enrollment.organizationId,
              enrollmentId: enrollment.id,
              kind: 'outcome_results',
              dedupeKey: `outcome_results:${enrollment.id}`,
              dueAt: now,
            },
          ],
          now,
        );
      }
      return { recorded: true, page: this.pageOf(enrollment, organization, all, check, timepoint) };
    });
    if (result.recorded) await this.dispatch.soon();
    return result;
  }

  /** The check's email reached the mail transport: the person has been asked (the first time counts). */
  async markAsked(message: { kind: string; dedupeKey: string }, at: Date): Promise<void> {
    if (message.kind !== 'outcome_check') return;
    const parsed = parseOutcomeCheckDedupeKey(message.dedupeKey);
    if (parsed) await this.checks.markAsked(parsed.enrollmentId, parsed.timepoint, at);
  }

  private async load(tx: Tx, enrollmentId: string, timepoint: OutcomeTimepoint, lock: boolean) {
    const enrollment = await this.enrollments.findForLink(enrollmentId, { tx, lock });
    // The signature was valid, so the enrolment existed: it has been erased since.
    if (!enrollment || isErased(enrollment.status))
      throw new DomainError('link_gone', 'This link no longer works.');
    const organization = await this.organizations.findById(enrollment.organizationId, tx);
    if (!organization) throw new DomainError('link_gone', 'This link no longer works.');
    const all = await this.checks.listForEnrollment(enrollment.id, tx);
    const check = lock
      ? await this.checks.findForAnswer(tx, enrollment.id, timepoint)
      : (all.find((c) => c.timepoint === timepoint) ?? null);
    return { enrollment, organization, all: all.map((c) => (check && c.id === check.id ? check : c)), check };
  }

  private pageOf(
    enrollment: EnrollmentEntity,
    organization: OrganizationEntity,
    all: readonly OutcomeCheckEntity[],
    check: OutcomeCheckEntity | null,
    timepoint: OutcomeTimepoint,
  ): OutcomeCheckPage {
    const state = !check
      ? 'off'
      : check.answeredAt === null && !organization.outcomeChecksEnabled
        ? 'off'
        : outcomeCheckState({ ...check, now: this.clock.now() });
    return {
      state,
      organizationName: organizationDisplayName(organization),
      firstName: enrollment.firstName,
      timezone: enrollment.timezone,
      timepoint,
      week: check?.week ?? 0,
      opensAt: check?.opensAt ?? null,
      closesAt: check?.closesAt ?? null,
      answeredAt: check?.answeredAt ?? null,
      knownActivities: knownActivitiesFor(all, timepoint),
      words:
        state === 'answered' && timepoint !== 'baseline'
          ? (ownOutcomeWords(all, timepoint)?.words ?? null)
          : null,
    };
  }
}
