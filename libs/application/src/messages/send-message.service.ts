import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@retrowalk/config';
import {
  hasExpired,
  isStillWanted,
  localParts,
  rescheduleDelayMs,
  summariseWeek,
  type WeekSummary,
} from '@retrowalk/domain';
import { EmailRepository, MailDeliveryError, type OutgoingEmail } from '@retrowalk/mail';
import {
  CheckInRepository,
  type EnrollmentEntity,
  EnrollmentRepository,
  type MessageClaim,
  MessageDeliveryRepository,
  OrganizationRepository,
  type SendingMessage,
} from '@retrowalk/persistence';
import { type JobContext, UnrecoverableError } from '@retrowalk/queue';
import { Clock } from '../clock/clock';
import { OutcomeCheckService } from '../outcomes/outcome-check.service';
import { OutcomeSummaryService } from '../outcomes/outcome-summary.service';
import { MemberMailComposer } from '../members/member-mail.composer';
import { MessageComposer } from './message-composer';

/** A reply or error text kept on the row: enough to read, never a whole bounce message. */
const REASON_CHARS = 500;
/** After the SMTP server accepted a message, how often to retry marking it sent if Postgres is away. */
const MARK_RETRY_MS = 500;

/**
 * Sends one claimed row. BullMQ delivers at least once, so the row decides: only the job of the
 * row's current claim moves it from queued to sending, and a redelivered job finds nothing to do.
 * While it sends, the claim's lease is renewed, so only a dead process lets another take it over.
 */
@Injectable()
export class SendMessageService {
  private readonly logger = new Logger(SendMessageService.name);
  /** Rows this process is sending right now (for shutdown to hand back what it abandons). */
  private readonly inFlight = new Map<string, MessageClaim>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly delivery: MessageDeliveryRepository,
    private readonly enrollments: EnrollmentRepository,
    private readonly organizations: OrganizationRepository,
    private readonly checkIns: CheckInRepository,
    private readonly composer: MessageComposer,
    private readonly memberMail: MemberMailComposer,
    private readonly mail: EmailRepository,
    private readonly clock: Clock,
    private readonly outcomeChecks: OutcomeCheckService,
    private readonly outcomes: OutcomeSummaryService,
  ) {}

  get sendingNow(): number {
    return this.inFlight.size;
  }

  async send(claim: MessageClaim, context: JobContext): Promise<void> {
    await this.clock.refresh();
    const message = await this.delivery.beginSending(claim, this.leaseFromNow());
    if (!message) return; // sent, final, being sent, or claimed again since this job was made
    this.inFlight.set(message.id, claim);
    const renewal = this.renewWhileSending(claim);
    try {
      await this.deliver(message, claim, context);
    } finally {
      clearInterval(renewal);
      this.inFlight.delete(message.id);
    }
  }

  /**
   * Shutdown could not wait for these sends to finish: their rows go back to the schedule now, so
   * another worker sends each once (unless the SMTP server had already accepted it: the documented
   * window for a duplicate).
   */
  async abandonInFlight(): Promise<number> {
    const claims = [...this.inFlight.values()];
    await this.delivery.abandon(claims, this.clock.now());
    return claims.length;
  }

  private async deliver(message: SendingMessage, claim: MessageClaim, context: JobContext): Promise<void> {
    const now = this.clock.now();
    try {
      const email = await this.prepare(message, claim, now);
      if (email === null) return;
      await this.mail.send(email);
    } catch (error) {
      await this.handleFailure(message, claim, context, error);
    }
    // Outside the try: once the server has the message, nothing may send it back for a retry.
    await this.markSent(message, now);
  }

  /** The email to send, or null when the message ended here (no longer wanted, or too late). */
  private async prepare(
    message: SendingMessage,
    claim: MessageClaim,
    now: Date,
  ): Promise<OutgoingEmail | null> {
    if (message.enrollmentId === null) {
      // A workspace member's email (sign-in link, invitation): no participant behind it.
      const prepared = await this.memberMail.prepare(message, now);
      if ('skip' in prepared) {
        await this.delivery.finish(
          claim,
          prepared.skip === 'expired' ? 'expired' : 'cancelled',
          prepared.skip,
        );
        return null;
      }
      return prepared.email;
    }
    const enrollment = await this.enrollments.findForLink(message.enrollmentId);
    if (!enrollment || !isStillWanted(message.kind, enrollment.status)) {
      const status = enrollment?.status ?? 'erased';
      await this.delivery.finish(claim, 'cancelled', `not_wanted_while_${status}`);
      return null;
    }
    if (hasExpired(message.kind, message.dueAt, now)) {
      await this.delivery.finish(claim, 'expired', 'too_late');
      return null;
    }
    const organization = await this.organizations.findById(enrollment.organizationId);
    if (!organization) {
      await this.delivery.finish(claim, 'cancelled', 'organization_missing');
      return null;
    }
    const checkIn = message.checkInId ? await this.checkIns.findById(message.checkInId) : null;
    const sessionsDone = message.kind === 'completion' ? await this.checkIns.count(enrollment.id) : 0;
    const week =
      message.kind === 'weekly_summary' ? await this.weekOf(enrollment, message.localDate, now) : null;
    const outcome =
      message.kind === 'completion' || message.kind === 'outcome_results' || message.kind === 'outcome_check'
        ? await this.outcomes.forEmail(enrollment.id, message.dedupeKey)
        : null;
    const rules =
      message.kind === 'coach_alert' && message.checkInId
        ? await this.checkIns.stopRulesFor(message.checkInId)
        : [];
    return this.composer.compose(
      message,
      enrollment,
      organization,
      now,
      checkIn,
      sessionsDone,
      week,
      rules,
      outcome,
    );
  }

  /**
   * A refused recipient ends the message as bounced. Anything else is transient: BullMQ tries again
   * within this claim, and when its tries are spent the row goes back to the schedule, later each
   * time (application clock, capped), never to a final state.
   */
  private async handleFailure(
    message: SendingMessage,
    claim: MessageClaim,
    context: JobContext,
    error: unknown,
  ): Promise<never> {
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, REASON_CHARS);
    if (error instanceof MailDeliveryError && error.verdict === 'bounce') {
      await this.delivery.finish(claim, 'bounced', reason);
      throw new UnrecoverableError(`Message ${message.id} (${message.kind}) bounced: ${reason}`);
    }
    if (!context.isFinalAttempt) {
      await this.delivery.releaseForRetry(claim, reason);
      throw error; // BullMQ retries with backoff
    }
    const delay = rescheduleDelayMs(message.reschedules, this.config.reschedule);
    const attemptAt = new Date(this.clock.now().getTime() + delay);
    await this.delivery.reschedule(claim, attemptAt, reason);
    throw new UnrecoverableError(
      `Message ${message.id} (${message.kind}) not sent (${reason}); tried again at ${attemptAt.toISOString()}`,
    );
  }

  /**
   * The SMTP server has the message: marking it sent must not be lost to a Postgres blip, or the
   * lease would run out and another worker would send it again. Tried until the lease would lapse.
   */
  private async markSent(message: SendingMessage, now: Date): Promise<void> {
    const giveUpAt = Date.now() + this.config.dispatchLeaseMs;
    for (;;) {
      try {
        await this.delivery.markSent(message.id, now);
        this.logger.log(`Sent ${message.kind} message ${message.id}`);
        break;
      } catch (error) {
        if (Date.now() + MARK_RETRY_MS >= giveUpAt) throw error;
        await sleep(MARK_RETRY_MS);
      }
    }
    // After the row is final, best effort: a failure here only leaves an outcome check's "asked" unset.
    await this.outcomeChecks.markAsked(message, now).catch((error: Error) => {
      this.logger.warn(`Outcome check of message ${message.id} not marked asked: ${error.message}`);
    });
  }

  /** Renews the claim's lease while the send runs; a failed renewal is retried at the next beat. */
  private renewWhileSending(claim: MessageClaim): NodeJS.Timeout {
    const every = Math.max(200, Math.floor(this.config.dispatchLeaseMs / 3));
    const timer = setInterval(() => {
      this.delivery.renewLease(claim, this.leaseFromNow()).catch((error: Error) => {
        this.logger.warn(`Lease of message ${claim.id} not renewed: ${error.message}`);
      });
    }, every);
    timer.unref();
    return timer;
  }

  private leaseFromNow(): Date {
    return new Date(this.clock.now().getTime() + this.config.dispatchLeaseMs);
  }

  /** The seven local days before the summary's date, and the week before for the pain trend. */
  private async weekOf(
    enrollment: EnrollmentEntity,
    localDate: string | null,
    now: Date,
  ): Promise<WeekSummary> {
    const since = new Date(now.getTime() - 16 * 86_400_000);
    const sessions = await this.checkIns.recent(enrollment.id, since);
    // Stops, holds and steps back decide how the summary speaks about the week.
    const decisions = await this.checkIns.decisionsSince(enrollment.id, since);
    return summariseWeek({
      weekEnd: localDate ?? localParts(now, enrollment.timezone).date,
      timezone: enrollment.timezone,
      plannedDays: enrollment.reminderDays,
      sessions: sessions.map((s) => ({
        performedAt: s.performedAt,
        durationMinutes: typeof s.report.durationMinutes === 'number' ? s.report.durationMinutes : null,
        painDuring: Number(s.report.painDuring),
      })),
      // What the programme decided that week: an outcome check's flag for the coach, or a statement
      // waiting for a coach to confirm, is not one of them.
      decisions: decisions.flatMap((d) =>
        d.action === 'outcome_worse' || d.action === 'clearance_requested'
          ? []
          : [{ at: d.createdAt, action: d.action }],
      ),
    });
  }
}
