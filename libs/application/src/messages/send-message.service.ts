import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@retrowalk/config';
import {
  isStillWanted,
  localParts,
  REMINDER_STALE_AFTER_MS,
  summariseWeek,
  type WeekSummary,
} from '@retrowalk/domain';
import { EmailRepository, MailDeliveryError, type OutgoingEmail } from '@retrowalk/mail';
import {
  CheckInRepository,
  type EnrollmentEntity,
  EnrollmentRepository,
  MessageRepository,
  OrganizationRepository,
  type SendingMessage,
} from '@retrowalk/persistence';
import { type JobContext, UnrecoverableError } from '@retrowalk/queue';
import { Clock } from '../clock/clock';
import { MemberMailComposer } from '../members/member-mail.composer';
import { MessageComposer } from './message-composer';

/**
 * Sends one scheduled row. BullMQ delivers at least once, so the row's status decides: only the
 * caller that moves it from queued to sending sends it, and a redelivered job finds it sent.
 */
@Injectable()
export class SendMessageService {
  private readonly logger = new Logger(SendMessageService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly messages: MessageRepository,
    private readonly enrollments: EnrollmentRepository,
    private readonly organizations: OrganizationRepository,
    private readonly checkIns: CheckInRepository,
    private readonly composer: MessageComposer,
    private readonly memberMail: MemberMailComposer,
    private readonly mail: EmailRepository,
    private readonly clock: Clock,
  ) {}

  /** The seven local days before the summary's date, and the week before for the pain trend. */
  private async weekOf(
    enrollment: EnrollmentEntity,
    localDate: string | null,
    now: Date,
  ): Promise<WeekSummary> {
    const sessions = await this.checkIns.recent(enrollment.id, new Date(now.getTime() - 16 * 86_400_000));
    return summariseWeek({
      weekEnd: localDate ?? localParts(now, enrollment.timezone).date,
      timezone: enrollment.timezone,
      plannedDays: enrollment.reminderDays,
      sessions: sessions.map((s) => ({
        performedAt: s.performedAt,
        durationMinutes: typeof s.report.durationMinutes === 'number' ? s.report.durationMinutes : null,
        painDuring: Number(s.report.painDuring),
      })),
    });
  }

  async send(messageId: string, context: JobContext): Promise<void> {
    await this.clock.refresh();
    const now = this.clock.now();
    const message = await this.messages.beginSending(
      messageId,
      new Date(now.getTime() + this.config.dispatchLeaseMs),
    );
    if (!message) return; // sent, cancelled, or being sent by someone else

    if (message.enrollmentId === null) {
      // A workspace member's email (sign-in link, invitation): no participant behind it.
      const prepared = await this.memberMail.prepare(message, now);
      if ('skip' in prepared) {
        await this.messages.finish(message.id, 'skipped', now, prepared.skip);
        return;
      }
      await this.deliver(message, now, context, async () => prepared.email);
      return;
    }
    const enrollmentId = message.enrollmentId;
    const enrollment = await this.enrollments.findForLink(enrollmentId);
    if (!enrollment || !isStillWanted(message.kind, enrollment.status)) {
      await this.messages.finish(
        message.id,
        'skipped',
        now,
        `not_wanted_while_${enrollment?.status ?? 'erased'}`,
      );
      return;
    }
    if (message.kind === 'reminder' && now.getTime() - message.dueAt.getTime() > REMINDER_STALE_AFTER_MS) {
      await this.messages.finish(message.id, 'skipped', now, 'stale');
      return;
    }
    const organization = await this.organizations.findById(enrollment.organizationId);
    if (!organization) {
      await this.messages.finish(message.id, 'failed', now, 'organization_missing');
      throw new UnrecoverableError(`Organisation of message ${message.id} is gone`);
    }

    await this.deliver(message, now, context, async () => {
      const checkIn = message.checkInId ? await this.checkIns.findById(message.checkInId) : null;
      const sessionsDone = message.kind === 'completion' ? await this.checkIns.count(enrollment.id) : 0;
      const week =
        message.kind === 'weekly_summary' ? await this.weekOf(enrollment, message.localDate, now) : null;
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
      );
    });
  }

  /** Hands the email to the transport and records how that went; the one place delivery ends. */
  private async deliver(
    message: SendingMessage,
    now: Date,
    context: JobContext,
    compose: () => Promise<OutgoingEmail>,
  ): Promise<void> {
    try {
      await this.mail.send(await compose());
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof MailDeliveryError && error.permanent;
      if (permanent || context.isFinalAttempt) {
        await this.messages.finish(message.id, 'failed', now, reason.slice(0, 500));
        throw new UnrecoverableError(`Message ${message.id} (${message.kind}) failed: ${reason}`);
      }
      await this.messages.releaseForRetry(message.id, reason.slice(0, 500));
      throw error; // BullMQ retries with backoff
    }
    await this.messages.finish(message.id, 'sent', now, null);
    this.logger.log(`Sent ${message.kind} message ${message.id}`);
  }
}
