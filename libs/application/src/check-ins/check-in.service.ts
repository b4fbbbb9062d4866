import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  addDays,
  type CheckInReport,
  checkInReportIssues,
  type Decision,
  decideAfterCheckIn,
  decideAfterFollowUp,
  DEFAULT_PROGRAMME_CONFIG,
  DomainError,
  type FollowUpAnswer,
  type FollowUpRedFlags,
  isProgrammeComplete,
  kindsStoppedBySafetyStop,
  localParts,
  nextLocalTimeAfter,
  type PastSession,
  releaseFromQuietHours,
  type RuleHit,
  zonedTimeToInstant,
} from '@retrowalk/domain';
import {
  type CheckInEntity,
  CheckInRepository,
  type EnrollmentEntity,
  EnrollmentRepository,
  MessageRepository,
  type NewMessage,
  type StoredReport,
  type Tx,
  UnitOfWork,
} from '@retrowalk/persistence';
import { AttentionService } from '../attention/attention.service';
import { Clock } from '../clock/clock';
import { DispatchNudge } from '../messages/dispatch-nudge';
import { OrganizationPolicies } from '../organizations/organization-policies';
import { ReminderPlanner } from '../enrollments/reminder-planner';

const DAY_MS = 86_400_000;
/** A check-in may be logged late (a busy week), but not so late the rules would judge stale data. */
const OLDEST_CHECK_IN_DAYS = 7;
/** Phones' clocks drift; a few minutes "in the future" is still now. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** Every rule looks back at most this far (the progression window is 14 days). */
const HISTORY_DAYS = 30;
/** The next-morning question is asked once more when it had no answer after this long. */
const FOLLOW_UP_REMINDER_AFTER_MS = 48 * 3_600_000;
export const FOLLOW_UP_AGAIN_PREFIX = 'pain_follow_up_again:';

export interface CheckInOutcome {
  id: string;
  decision: { action: Decision['action']; level: number; reasons: string[] };
}

export interface CheckInResult {
  outcome: CheckInOutcome;
  /** False when an Idempotency-Key matched an earlier check-in and nothing new was recorded. */
  created: boolean;
  /** The rules that fired, with their inputs, for the words a page shows; null for a repeat. */
  rules: readonly RuleHit[] | null;
}

/**
 * What a participant reports after a walk decides what the programme does next. The check-in, the
 * decision (with the rules and inputs that fired), the level or status change and every message it
 * causes commit in one transaction; mail follows through the schedule and the dispatcher.
 */
@Injectable()
export class CheckInService {
  private readonly config = DEFAULT_PROGRAMME_CONFIG;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly enrollments: EnrollmentRepository,
    private readonly checkIns: CheckInRepository,
    private readonly messages: MessageRepository,
    private readonly planner: ReminderPlanner,
    private readonly dispatch: DispatchNudge,
    private readonly policies: OrganizationPolicies,
    private readonly attention: AttentionService,
    private readonly clock: Clock,
  ) {}

  async record(
    target: { organizationId?: string; enrollmentId: string },
    report: CheckInReport,
    idempotencyKey: string | null,
  ): Promise<CheckInResult> {
    const result = await this.uow.run(async (tx) => {
      const enrollment = await this.lockEnrollment(tx, target);
      if (idempotencyKey !== null) {
        const earlier = await this.checkIns.findByIdempotencyKey(tx, enrollment.id, idempotencyKey);
        if (earlier) {
          return { outcome: earlier.response as unknown as CheckInOutcome, created: false, rules: null };
        }
      }
      if (enrollment.status !== 'active') {
        throw new DomainError('invalid_state', 'Check-ins are only taken while the programme is active.', {
          status: enrollment.status,
        });
      }
      this.assertReportable(report);
      const now = this.clock.now();
      const history = await this.checkIns.recent(
        enrollment.id,
        new Date(now.getTime() - HISTORY_DAYS * DAY_MS),
        tx,
      );
      const decision = decideAfterCheckIn({
        report,
        level: enrollment.level,
        audience: enrollment.audience,
        history: history.map(toPastSession),
        config: this.config,
      });
      // The id is chosen here so that the answer, which a retry with the same Idempotency-Key gets
      // back, is stored with the check-in in one INSERT.
      const id = randomUUID();
      const outcome: CheckInOutcome = {
        id,
        decision: {
          action: decision.action,
          level: decision.level,
          reasons: decision.rules.map((r) => r.reason),
        },
      };
      const checkIn = await this.checkIns.insert(tx, {
        id,
        organizationId: enrollment.organizationId,
        enrollmentId: enrollment.id,
        performedAt: report.performedAt,
        level: enrollment.level,
        report: storeReport(report),
        action: decision.action,
        levelAfter: decision.level,
        needsFollowUp: decision.needsFollowUp,
        followUpAnswer: null,
        followUpAnsweredAt: null,
        idempotencyKey,
        response: outcome as unknown as Record<string, unknown>,
        createdAt: now,
      });
      // The walk is logged: that day's reminder, if it has not gone yet, is no longer needed.
      await this.skipReminderOn(
        tx,
        enrollment,
        localParts(report.performedAt, enrollment.timezone).date,
        now,
      );
      if (enrollment.lastWalkAt === null || enrollment.lastWalkAt < report.performedAt) {
        enrollment.lastWalkAt = report.performedAt;
      }
      const { followUpDueAt } = await this.apply(tx, enrollment, decision, 'check_in', checkIn, now);
      await this.attention.record(
        tx,
        enrollment,
        { type: 'walk_logged', action: decision.action, needsFollowUp: decision.needsFollowUp },
        now,
        { lastActivity: enrollment.lastWalkAt, followUpDueAt, checkInId: checkIn.id },
      );
      if (enrollment.status === 'active') {
        await this.completeIfDone(tx, enrollment, now);
      }
      if (enrollment.status === 'active') await this.planner.planReEngagement(tx, enrollment, now, now);
      return { outcome, created: true, rules: decision.rules };
    });
    if (result.created) await this.dispatch.soon();
    return result;
  }

  /** The next-morning answer (settled / same / worse) to the newest check-in that asked for one. */
  async answerFollowUp(
    enrollmentId: string,
    answer: FollowUpAnswer,
    redFlag?: FollowUpRedFlags,
  ): Promise<{ decision: Decision | null }> {
    const result = await this.uow.run(async (tx) => {
      const enrollment = await this.lockEnrollment(tx, { enrollmentId });
      const checkIn = await this.checkIns.latestAwaitingFollowUp(tx, enrollment.id);
      if (!checkIn || enrollment.status !== 'active') return { decision: null };
      const now = this.clock.now();
      checkIn.followUpAnswer = answer;
      checkIn.followUpAnsweredAt = now;
      await this.checkIns.save(tx, checkIn);
      await this.messages.cancelUnsent(tx, enrollment.id, ['pain_follow_up'], 'answered');
      const decision = decideAfterFollowUp({ answer, level: enrollment.level, config: this.config, redFlag });
      await this.apply(tx, enrollment, decision, 'follow_up', checkIn, now);
      await this.attention.record(
        tx,
        enrollment,
        { type: 'follow_up_answered', answer, action: decision.action },
        now,
        { lastActivity: now, checkInId: checkIn.id },
      );
      return { decision };
    });
    await this.dispatch.soon();
    return result;
  }

  private async apply(
    tx: Tx,
    enrollment: EnrollmentEntity,
    decision: Decision,
    source: 'check_in' | 'follow_up',
    checkIn: CheckInEntity,
    now: Date,
  ): Promise<{ followUpDueAt: Date | null }> {
    const levelBefore = enrollment.level;
    const planned: NewMessage[] = [];
    let followUpDueAt: Date | null = null;
    switch (decision.action) {
      case 'stop':
        enrollment.status = 'needs_clearance';
        enrollment.levelBeforeStop = levelBefore;
        await this.messages.cancelUnsent(tx, enrollment.id, kindsStoppedBySafetyStop(), 'safety_stop');
        // Both at once, whatever the hour: quiet hours and caps never hold a safety message.
        planned.push(
          this.message(enrollment, 'safety_stop', `safety_stop:${checkIn.id}:${source}`, now, checkIn.id),
        );
        planned.push(
          this.message(enrollment, 'coach_alert', `coach_alert:${checkIn.id}:${source}`, now, checkIn.id),
        );
        break;
      case 'hold':
        if (decision.needsFollowUp) {
          // "Tomorrow morning": the end of quiet hours after the walk, in the participant's own time.
          const quietHours = await this.policies.quietHours(enrollment.organizationId, tx);
          const morning = releaseFromQuietHours(
            nextLocalTimeAfter(now, enrollment.timezone, quietHours.end),
            enrollment.timezone,
            quietHours,
          );
          planned.push(
            this.message(enrollment, 'pain_follow_up', `pain_follow_up:${checkIn.id}`, morning, checkIn.id),
          );
          followUpDueAt = morning;
          // No answer in 48 hours: ask once more. An answer cancels both.
          const again = new Date(morning.getTime() + FOLLOW_UP_REMINDER_AFTER_MS);
          planned.push(
            this.message(
              enrollment,
              'pain_follow_up',
              `${FOLLOW_UP_AGAIN_PREFIX}${checkIn.id}`,
              again,
              checkIn.id,
            ),
          );
        }
        break;
      case 'progress':
        enrollment.level = decision.level;
        planned.push(
          this.message(enrollment, 'progression', `progression:${checkIn.id}:${source}`, now, checkIn.id),
        );
        break;
      case 'step_back': {
        enrollment.level = decision.level;
        // A rest day: no reminder on the following day(s).
        const today = localParts(now, enrollment.timezone).date;
        for (let day = 1; day <= decision.restDays; day++) {
          await this.skipReminderOn(tx, enrollment, addDays(today, day), now);
        }
        break;
      }
      case 'carry_on':
        break;
    }
    enrollment.updatedAt = now;
    await this.enrollments.save(tx, enrollment);
    await this.checkIns.recordDecision(tx, {
      organizationId: enrollment.organizationId,
      enrollmentId: enrollment.id,
      checkInId: checkIn.id,
      source,
      action: decision.action,
      levelBefore,
      levelAfter: enrollment.level,
      statusAfter: enrollment.status,
      rules: [...decision.rules],
      createdAt: now,
    });
    await this.messages.insertIfAbsent(tx, planned, now);
    return { followUpDueAt };
  }

  /** Six weeks in, with the top level reached or the planned sessions done: the programme is complete. */
  private async completeIfDone(tx: Tx, enrollment: EnrollmentEntity, now: Date): Promise<void> {
    const complete = isProgrammeComplete({
      startedAt: enrollment.confirmedAt ?? enrollment.createdAt,
      now,
      level: enrollment.level,
      sessionsDone: await this.checkIns.count(enrollment.id, tx),
      config: this.config,
    });
    if (!complete) return;
    enrollment.status = 'completed';
    enrollment.updatedAt = now;
    await this.enrollments.save(tx, enrollment);
    await this.messages.cancelUnsent(
      tx,
      enrollment.id,
      ['reminder', 'pain_follow_up', 're_engagement', 'progression', 'weekly_summary'],
      'completed',
    );
    await this.messages.insertIfAbsent(
      tx,
      [this.message(enrollment, 'completion', `completion:${enrollment.id}`, now, null)],
      now,
    );
    await this.attention.record(tx, enrollment, { type: 'completed' }, now);
  }

  /**
   * Cancels the reminder of one local date if it has not gone yet. That row may be the head of the
   * reminder chain, so the next one is scheduled from the end of that day.
   */
  private async skipReminderOn(
    tx: Tx,
    enrollment: EnrollmentEntity,
    localDate: string,
    now: Date,
  ): Promise<void> {
    const cancelled = await this.messages.cancelReminderOn(tx, enrollment.id, localDate);
    if (cancelled === 0 || enrollment.status !== 'active') return;
    const endOfDay = zonedTimeToInstant(localDate, '23:59', enrollment.timezone);
    await this.planner.planNext(tx, enrollment, new Date(Math.max(endOfDay.getTime(), now.getTime())), now);
  }

  private assertReportable(report: CheckInReport): void {
    const issues = checkInReportIssues(report).map((i) => ({ field: i.field, message: i.message }));
    const now = this.clock.now().getTime();
    const at = report.performedAt.getTime();
    if (at > now + FUTURE_TOLERANCE_MS)
      issues.push({ field: 'performedAt', message: 'must not be in the future' });
    if (at < now - OLDEST_CHECK_IN_DAYS * DAY_MS) {
      issues.push({ field: 'performedAt', message: `must be within the last ${OLDEST_CHECK_IN_DAYS} days` });
    }
    if (report.durationMinutes === undefined && report.distanceMeters === undefined) {
      issues.push({ field: 'durationMinutes', message: 'or distanceMeters is required' });
    }
    if (issues.length > 0) {
      throw new DomainError(
        'validation_failed',
        `Please check these fields: ${[...new Set(issues.map((i) => i.field))].join(', ')}.`,
        issues,
      );
    }
  }

  private message(
    enrollment: EnrollmentEntity,
    kind: NewMessage['kind'],
    dedupeKey: string,
    dueAt: Date,
    checkInId: string | null,
  ): NewMessage {
    return {
      organizationId: enrollment.organizationId,
      enrollmentId: enrollment.id,
      kind,
      dedupeKey,
      dueAt,
      checkInId,
    };
  }

  private async lockEnrollment(tx: Tx, target: { organizationId?: string; enrollmentId: string }) {
    const found =
      target.organizationId === undefined
        ? await this.enrollments.findForLink(target.enrollmentId, { tx, lock: true })
        : await this.enrollments.findInOrganization(target.organizationId, target.enrollmentId, {
            tx,
            lock: true,
          });
    if (!found) throw new DomainError('not_found', 'No enrolment with this id.');
    return found;
  }
}

function toPastSession(c: CheckInEntity): PastSession {
  return {
    performedAt: c.performedAt,
    level: c.level,
    painDuring: Number(c.report.painDuring),
    action: c.action,
    needsFollowUp: c.needsFollowUp,
    followUpAnswer: c.followUpAnswer,
  };
}

function storeReport(report: CheckInReport): StoredReport {
  const stored: StoredReport = {};
  for (const [key, value] of Object.entries(report)) {
    if (value === undefined) continue;
    stored[key] = value instanceof Date ? value.toISOString() : (value as string | number | boolean);
  }
  return stored;
}
