import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@retrowalk/config';
import { rescheduleDelayMs } from '@retrowalk/domain';
import { EmailRepository, MailDeliveryError } from '@retrowalk/mail';
import {
  type MessageClaim,
  MessageDeliveryRepository,
  MessageSendingRepository,
  type SendingContext,
  type SendingMessage,
  type SentMessage,
  type ServerAnswer,
  UnitOfWork,
} from '@retrowalk/persistence';
import { type JobContext, JobSettled } from '@retrowalk/queue';
import { Clock } from '../clock/clock';
import { DeliverabilityService } from '../deliverability/deliverability.service';
import { OutcomeCheckService } from '../outcomes/outcome-check.service';
import { DispatchNudge } from './dispatch-nudge';
import { MicroBatcher } from './micro-batcher';
import { type Prepared, SendPreparation } from './send-preparation';
import { SendMetrics } from './send-metrics';

/**
 * Claims and "sent" marks wait this long to share one statement with other sends' (at most
 * BATCH_MAX): a millisecond against a round trip of several under load.
 */
const BATCH_WINDOW_MS = 1;
const BATCH_MAX = 200;

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
  /** Claims of the sends starting in one turn, taken in one statement (each fenced on its own). */
  private readonly beginning = new MicroBatcher<MessageClaim, SendingContext | null>(
    async (claims) => {
      const begun = await this.sending.beginSendingBatch(claims, this.leaseFromNow());
      return claims.map((c) => {
        const row = begun.get(c.id);
        return row && row.claim === c.claim ? row : null;
      });
    },
    BATCH_MAX,
    BATCH_WINDOW_MS,
  );
  /** "Sent" marks of one turn, in one statement. */
  private readonly marking = new MicroBatcher<SentMessage, boolean>(
    async (sent) => {
      const marked = await this.sending.markSentBatch(sent);
      return sent.map((s) => marked.has(s.id));
    },
    BATCH_MAX,
    BATCH_WINDOW_MS,
  );

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly delivery: MessageDeliveryRepository,
    private readonly sending: MessageSendingRepository,
    private readonly preparation: SendPreparation,
    private readonly mail: EmailRepository,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
    private readonly deliverability: DeliverabilityService,
    private readonly nudge: DispatchNudge,
    private readonly outcomeChecks: OutcomeCheckService,
    private readonly metrics: SendMetrics,
  ) {}

  get sendingNow(): number {
    return this.inFlight.size;
  }

  async send(claim: MessageClaim, context: JobContext): Promise<void> {
    await this.clock.refresh();
    const message = await this.beginning.add(claim);
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

  private async deliver(message: SendingContext, claim: MessageClaim, context: JobContext): Promise<void> {
    const now = this.clock.now();
    let server: ServerAnswer | null = null;
    let prepared: Prepared | null = null;
    try {
      prepared = await this.preparation.prepare(message, claim, now);
      if (prepared === null) return;
      const { email } = prepared;
      const accepted = await this.metrics.timeSmtp(() => this.mail.send(email));
      server = {
        recipient: email.to,
        messageId: email.messageId,
        queueId: accepted.queueId,
        reply: accepted.reply,
      };
    } catch (error) {
      await this.handleFailure(message, claim, context, error, prepared);
    }
    // Outside the try: once the server has the message, nothing may send it back for a retry.
    await this.markSent(message, now, server);
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
    prepared: Prepared | null,
  ): Promise<never> {
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, REASON_CHARS);
    if (error instanceof MailDeliveryError && error.verdict === 'bounce' && prepared) {
      await this.bounced(message, claim, prepared, error);
      throw new JobSettled(`Message ${message.id} (${message.kind}) bounced: ${reason}`);
    }
    this.metrics.failed(message.kind, error);
    if (!context.isFinalAttempt) {
      await this.delivery.releaseForRetry(claim, reason);
      throw error; // BullMQ retries with backoff
    }
    const delay = rescheduleDelayMs(message.reschedules, this.config.reschedule);
    const attemptAt = new Date(this.clock.now().getTime() + delay);
    if (await this.delivery.reschedule(claim, attemptAt, reason)) this.metrics.rescheduled(message.kind);
    throw new JobSettled(
      `Message ${message.id} (${message.kind}) not sent (${reason}); tried again at ${attemptAt.toISOString()}`,
    );
  }

  /**
   * The receiving server refused the address: the row ends as bounced with the server's reply, and
   * the bounce counts for the address (a hard bounce suppresses it) in the same transaction. Safety
   * mail also opens the undeliverable item; a coach alert goes again to the other coach address.
   */
  private async bounced(
    message: SendingMessage,
    claim: MessageClaim,
    { email, about }: Prepared,
    error: MailDeliveryError,
  ): Promise<void> {
    const reply = error.reply.slice(0, REASON_CHARS);
    const now = this.clock.now();
    const ended = await this.uow.run(async (tx) => {
      const server = { recipient: email.to, messageId: email.messageId, reply };
      if (!(await this.delivery.finish(claim, 'bounced', reply, server, tx))) return false;
      if (about === null) return true;
      await this.deliverability.recordProblem(
        tx,
        about,
        {
          email: email.to,
          type: 'bounce',
          bounceType: 'hard',
          source: 'smtp',
          dedupeKey: `smtp:${message.id}:${claim.claim}`,
          detail: reply,
          occurredAt: now,
        },
        now,
      );
      return true;
    });
    if (ended) this.metrics.ended(message.kind, 'bounced');
    if (message.kind === 'coach_alert') await this.nudge.soon();
  }

  /**
   * The SMTP server has the message: marking it sent must not be lost to a Postgres blip, or the
   * lease would run out and another worker would send it again. Tried until the lease would lapse.
   */
  private async markSent(message: SendingMessage, now: Date, server: ServerAnswer | null): Promise<void> {
    const giveUpAt = Date.now() + this.config.dispatchLeaseMs;
    for (;;) {
      try {
        if (await this.marking.add({ id: message.id, at: now, server })) this.metrics.sent(message.kind);
        // Debug, not info: at the morning peak that is a thousand lines a second, and the row
        // itself (sent_at, the server's reply) and the timeline already say it.
        this.logger.debug(`Sent ${message.kind} message ${message.id}`);
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
}
