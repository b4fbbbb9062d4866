import { Injectable } from '@nestjs/common';
import {
  assessScreening,
  type Audience,
  canonicalTimeZone,
  canPause,
  canResume,
  canUnsubscribe,
  DomainError,
  kindsStoppedByPause,
  kindsStoppedByUnsubscribe,
  type ReminderSchedule,
  type Screening,
  statusAfterConfirmation,
} from '@retrowalk/domain';
import {
  type EnrollmentEntity,
  EnrollmentRepository,
  isUniqueViolation,
  MessageRepository,
  OrganizationRepository,
  type Tx,
  UnitOfWork,
} from '@retrowalk/persistence';
import { AttentionService } from '../attention/attention.service';
import { Clock } from '../clock/clock';
import { DispatchNudge } from '../messages/dispatch-nudge';
import { OutcomeCheckPlanner } from '../outcomes/outcome-check-planner';
import { newPendingEnrollment, TIMEZONE_REQUIRED } from './new-enrollment';
import { ReminderPlanner, SIX_DAYS_MS } from './reminder-planner';

export interface EnrollInput {
  email: string;
  firstName: string;
  /** The organisation's default timezone when left out. */
  timezone?: string;
  /** The organisation's default days and time fill whatever is left out. */
  reminder?: Partial<ReminderSchedule>;
  audience: Audience;
  screening: Screening;
  externalId?: string | null;
  /** When the confirmation email may go (bulk imports pace them); now when left out. */
  confirmAt?: Date;
}

export interface EnrollmentUpdate {
  timezone?: string;
  reminder?: ReminderSchedule;
}

export interface EnrollmentView {
  enrollment: EnrollmentEntity;
  nextReminderAt: Date | null;
}

/** What a participant's link did, for the page that answers it. */
export type LinkOutcome = 'done' | 'already_done' | 'not_possible';

@Injectable()
export class EnrollmentService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly enrollments: EnrollmentRepository,
    private readonly organizations: OrganizationRepository,
    private readonly messages: MessageRepository,
    private readonly planner: ReminderPlanner,
    private readonly dispatch: DispatchNudge,
    private readonly attention: AttentionService,
    private readonly clock: Clock,
    private readonly outcomeChecks: OutcomeCheckPlanner,
  ) {}

  async enroll(organizationId: string, input: EnrollInput): Promise<EnrollmentView> {
    const now = this.clock.now();
    const enrollment = await this.uow
      .run(async (tx) => {
        const organization = await this.organizations.findById(organizationId, tx);
        if (!organization) throw new DomainError('not_found', 'No such organisation.');
        const row = newPendingEnrollment(
          organization,
          { ...input, reminderDays: input.reminder?.days, reminderTime: input.reminder?.time },
          now,
        );
        if (!row) {
          throw new DomainError('validation_failed', 'Say which timezone the participant lives in.', [
            { field: 'timezone', message: TIMEZONE_REQUIRED },
          ]);
        }
        const created = await this.enrollments.insert(tx, row);
        // The confirm email is a row in the same transaction: the schedule doubles as the outbox.
        await this.messages.insertIfAbsent(
          tx,
          [{ ...this.immediate(created, 'confirm', now), dueAt: input.confirmAt ?? now }],
          now,
        );
        return created;
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error, 'enrollments_org_email')) {
          throw new DomainError(
            'email_already_enrolled',
            'This email is already enrolled in your organisation.',
            [{ field: 'email', message: 'is already enrolled in this organisation' }],
          );
        }
        if (isUniqueViolation(error, 'enrollments_org_external_id')) {
          throw new DomainError('external_id_taken', 'Another enrolment already has this externalId.', [
            { field: 'externalId', message: 'is already used by another enrolment in this organisation' },
          ]);
        }
        throw error;
      });
    await this.dispatch.soon();
    return { enrollment, nextReminderAt: null };
  }

  async get(organizationId: string, id: string): Promise<EnrollmentView> {
    const enrollment = await this.requireInOrganization(organizationId, id);
    return this.view(enrollment);
  }

  async update(organizationId: string, id: string, change: EnrollmentUpdate): Promise<EnrollmentView> {
    const view = await this.uow.run(async (tx) => {
      const enrollment = await this.requireInOrganization(organizationId, id, tx);
      const now = this.clock.now();
      if (change.timezone !== undefined) {
        enrollment.timezone = canonicalTimeZone(change.timezone) ?? change.timezone;
      }
      if (change.reminder !== undefined) {
        enrollment.reminderDays = [...change.reminder.days];
        enrollment.reminderTime = change.reminder.time;
      }
      enrollment.updatedAt = now;
      await this.enrollments.save(tx, enrollment);
      let nextReminderAt: Date | null = null;
      if (enrollment.status === 'active') {
        // Move the pending reminder at once, in the same transaction as the change.
        await this.messages.cancelUnsent(tx, enrollment.id, ['reminder'], 'schedule_changed');
        nextReminderAt = await this.planner.planNext(tx, enrollment, now, now);
        // The weekly summary follows the first chosen weekday and the timezone; the first one still
        // waits for six days in the programme.
        if (await this.messages.nextPendingDue(enrollment.id, 'weekly_summary', tx)) {
          await this.messages.cancelUnsent(tx, enrollment.id, ['weekly_summary'], 'schedule_changed');
          const sixDaysIn = (enrollment.confirmedAt ?? now).getTime() + SIX_DAYS_MS;
          await this.planner.planWeeklySummary(
            tx,
            enrollment,
            new Date(Math.max(now.getTime(), sixDaysIn)),
            now,
          );
        }
      }
      return { enrollment, nextReminderAt };
    });
    await this.dispatch.soon();
    return view;
  }

  async pause(organizationId: string, id: string): Promise<EnrollmentView> {
    return this.uow.run(async (tx) => {
      const enrollment = await this.requireInOrganization(organizationId, id, tx);
      if (!canPause(enrollment.status)) {
        throw this.invalidState(enrollment, 'pause', 'Only an active enrolment can be paused.');
      }
      await this.applyPause(tx, enrollment);
      return { enrollment, nextReminderAt: null };
    });
  }

  async resume(organizationId: string, id: string): Promise<EnrollmentView> {
    const view = await this.uow.run(async (tx) => {
      const enrollment = await this.requireInOrganization(organizationId, id, tx);
      if (!canResume(enrollment.status)) {
        throw this.invalidState(enrollment, 'resume', 'Only a paused enrolment can be resumed.');
      }
      const nextReminderAt = await this.applyResume(tx, enrollment);
      return { enrollment, nextReminderAt };
    });
    await this.dispatch.soon();
    return view;
  }

  /** The participant confirms their address (double opt-in). */
  async confirmByLink(enrollmentId: string): Promise<{ outcome: LinkOutcome; enrollment: EnrollmentEntity }> {
    const result = await this.uow.run(async (tx) => {
      const enrollment = await this.requireForLink(enrollmentId, tx);
      if (enrollment.status !== 'pending_confirmation') {
        const outcome: LinkOutcome = enrollment.status === 'unsubscribed' ? 'not_possible' : 'already_done';
        return { outcome, enrollment };
      }
      const now = this.clock.now();
      const { needsClearance } = assessScreening(enrollment.screening);
      enrollment.status = statusAfterConfirmation(needsClearance);
      enrollment.confirmedAt = now;
      enrollment.updatedAt = now;
      await this.enrollments.save(tx, enrollment);
      await this.messages.insertIfAbsent(tx, [this.immediate(enrollment, 'welcome', now)], now);
      if (enrollment.status === 'active') {
        // The baseline goes with the welcome. Someone who must be cleared first starts (and is
        // asked) once a professional has cleared them.
        await this.outcomeChecks.planAtStart(tx, enrollment, now, now);
        await this.planner.planNext(tx, enrollment, now, now);
        await this.planner.planReEngagement(tx, enrollment, now, now);
        await this.planner.planWeeklySummary(tx, enrollment, new Date(now.getTime() + SIX_DAYS_MS), now);
        await this.attention.record(tx, enrollment, { type: 'activated' }, now);
      }
      return { outcome: 'done' as const, enrollment };
    });
    await this.dispatch.soon();
    return result;
  }

  async pauseByLink(enrollmentId: string): Promise<{ outcome: LinkOutcome; enrollment: EnrollmentEntity }> {
    return this.uow.run(async (tx) => {
      const enrollment = await this.requireForLink(enrollmentId, tx);
      if (enrollment.status === 'paused') return { outcome: 'already_done', enrollment };
      if (!canPause(enrollment.status)) return { outcome: 'not_possible', enrollment };
      await this.applyPause(tx, enrollment);
      return { outcome: 'done', enrollment };
    });
  }

  async resumeByLink(enrollmentId: string): Promise<{ outcome: LinkOutcome; enrollment: EnrollmentEntity }> {
    const result = await this.uow.run(async (tx) => {
      const enrollment = await this.requireForLink(enrollmentId, tx);
      if (enrollment.status === 'active') return { outcome: 'already_done' as const, enrollment };
      if (!canResume(enrollment.status)) return { outcome: 'not_possible' as const, enrollment };
      await this.applyResume(tx, enrollment);
      return { outcome: 'done' as const, enrollment };
    });
    await this.dispatch.soon();
    return result;
  }

  /** Idempotent, as RFC 8058 one-click unsubscribe needs: a second POST changes nothing. */
  async unsubscribeByLink(
    enrollmentId: string,
  ): Promise<{ outcome: LinkOutcome; enrollment: EnrollmentEntity }> {
    return this.uow.run(async (tx) => {
      const enrollment = await this.requireForLink(enrollmentId, tx);
      if (!canUnsubscribe(enrollment.status)) return { outcome: 'already_done', enrollment };
      const now = this.clock.now();
      enrollment.status = 'unsubscribed';
      enrollment.unsubscribedAt = now;
      enrollment.updatedAt = now;
      await this.enrollments.save(tx, enrollment);
      await this.messages.cancelUnsent(tx, enrollment.id, kindsStoppedByUnsubscribe(), 'unsubscribed');
      await this.attention.record(tx, enrollment, { type: 'unsubscribed' }, now);
      return { outcome: 'done', enrollment };
    });
  }

  findForLink(enrollmentId: string): Promise<EnrollmentEntity> {
    return this.requireForLink(enrollmentId);
  }

  private async applyPause(tx: Tx, enrollment: EnrollmentEntity): Promise<void> {
    const now = this.clock.now();
    enrollment.status = 'paused';
    enrollment.pausedAt = now;
    enrollment.updatedAt = now;
    await this.enrollments.save(tx, enrollment);
    await this.messages.cancelUnsent(tx, enrollment.id, kindsStoppedByPause(), 'paused');
    await this.attention.record(tx, enrollment, { type: 'paused' }, now);
  }

  private async applyResume(tx: Tx, enrollment: EnrollmentEntity): Promise<Date> {
    const now = this.clock.now();
    enrollment.status = 'active';
    enrollment.pausedAt = null;
    enrollment.updatedAt = now;
    await this.enrollments.save(tx, enrollment);
    await this.messages.cancelUnsent(tx, enrollment.id, ['reminder'], 'rescheduled_on_resume');
    await this.planner.planReEngagement(tx, enrollment, now, now);
    await this.planner.planWeeklySummary(tx, enrollment, now, now);
    await this.attention.record(tx, enrollment, { type: 'resumed' }, now);
    return this.planner.planNext(tx, enrollment, now, now);
  }

  private async view(enrollment: EnrollmentEntity): Promise<EnrollmentView> {
    const nextReminderAt =
      enrollment.status === 'active' ? await this.messages.nextPendingDue(enrollment.id, 'reminder') : null;
    return { enrollment, nextReminderAt };
  }

  private immediate(enrollment: EnrollmentEntity, kind: 'confirm' | 'welcome', now: Date) {
    return {
      organizationId: enrollment.organizationId,
      enrollmentId: enrollment.id,
      kind,
      dedupeKey: `${kind}:${enrollment.id}`,
      dueAt: now,
    };
  }

  private async requireInOrganization(
    organizationId: string,
    id: string,
    tx?: Tx,
  ): Promise<EnrollmentEntity> {
    const found = await this.enrollments.findInOrganization(organizationId, id, {
      tx,
      lock: tx !== undefined,
    });
    if (!found) throw new DomainError('not_found', 'No enrolment with this id.');
    return found;
  }

  private async requireForLink(id: string, tx?: Tx): Promise<EnrollmentEntity> {
    const found = await this.enrollments.findForLink(id, { tx, lock: tx !== undefined });
    // The signature was valid, so the enrolment existed; it can only have been erased since.
    if (!found) throw new DomainError('link_gone', 'This link no longer works.');
    return found;
  }

  private invalidState(enrollment: EnrollmentEntity, action: string, message: string): DomainError {
    return new DomainError('invalid_state', message, { action, status: enrollment.status });
  }
}
