import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@retrowalk/config';
import {
  hasExpired,
  isStillWanted,
  localParts,
  MESSAGE_POLICIES,
  summariseWeek,
  verpAddressOf,
  type WeekSummary,
} from '@retrowalk/domain';
import { type OutgoingEmail } from '@retrowalk/mail';
import {
  CheckInRepository,
  type EnrollmentEntity,
  type MessageClaim,
  MessageDeliveryRepository,
  type SendingContext,
  type SendingMessage,
  UnitOfWork,
} from '@retrowalk/persistence';
import { DeliverabilityService, type ProblemMessage } from '../deliverability/deliverability.service';
import { MemberMailComposer } from '../members/member-mail.composer';
import { OutcomeSummaryService } from '../outcomes/outcome-summary.service';
import { MessageComposer } from './message-composer';
import { SendMetrics } from './send-metrics';

/**
 * The email about to go, and the participant's message it is, for what a refusal sets off (null
 * for a workspace member's email: a refused member address suppresses no participant's mail).
 */
export interface Prepared {
  email: OutgoingEmail;
  about: ProblemMessage | null;
}

/**
 * What happens to a claimed row before its email goes: whether it still should (still wanted, in
 * time, its organisation there, its address confirmed and not suppressed; otherwise the row ends
 * here, for good), and the email itself, composed with what its kind needs (the walk, the week, a
 * stop's rules, the outcome checks). The sending, and what a refusal or a failure sets off, is
 * SendMessageService's.
 */
@Injectable()
export class SendPreparation {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly delivery: MessageDeliveryRepository,
    private readonly checkIns: CheckInRepository,
    private readonly composer: MessageComposer,
    private readonly deliverability: DeliverabilityService,
    private readonly memberMail: MemberMailComposer,
    private readonly outcomes: OutcomeSummaryService,
    private readonly metrics: SendMetrics,
  ) {}

  /**
   * The email to send and who the message is about, or null when the message ended here: no longer
   * wanted, too late, or its address is suppressed (then it ends as `suppressed`, for good).
   */
  async prepare(message: SendingContext, claim: MessageClaim, now: Date): Promise<Prepared | null> {
    if (message.enrollmentId === null) return this.prepareForMember(message, claim, now);
    // Read with the claim, in the same round trip.
    const enrollment = message.enrollment;
    if (!enrollment || !isStillWanted(message.kind, enrollment.status)) {
      const status = enrollment?.status ?? 'erased';
      await this.delivery.finish(claim, 'cancelled', `not_wanted_while_${status}`);
      return null;
    }
    if (hasExpired(message.kind, message.dueAt, now)) {
      if (await this.delivery.finish(claim, 'expired', 'too_late'))
        this.metrics.ended(message.kind, 'expired');
      return null;
    }
    const organization = message.organization;
    if (!organization) {
      await this.delivery.finish(claim, 'cancelled', 'organization_missing');
      return null;
    }
    const policy = MESSAGE_POLICIES[message.kind];
    if (
      enrollment.addressUnconfirmedSince &&
      !policy.safety &&
      !policy.toCoach &&
      message.kind !== 'address_confirm'
    ) {
      // A changed address gets nothing but its confirmation and safety mail until it is confirmed.
      await this.delivery.finish(claim, 'cancelled', 'address_unconfirmed');
      return null;
    }
    const about: ProblemMessage = {
      id: message.id,
      kind: message.kind,
      organizationId: enrollment.organizationId,
      enrollmentId: enrollment.id,
      checkInId: message.checkInId,
    };
    const recipient = await this.deliverability.recipientFor(
      message.kind,
      enrollment,
      organization,
      message.suppression,
    );
    if (recipient.action === 'skip' && recipient.suppression) {
      const suppression = recipient.suppression;
      const ended = await this.uow.run(async (tx) => {
        const mine = await this.delivery.finish(
          claim,
          'suppressed',
          `suppressed_${suppression.reason}`,
          { recipient: recipient.to, messageId: null, reply: null },
          tx,
        );
        if (mine) await this.deliverability.recordSkipped(tx, about, recipient.to, suppression, now);
        return mine;
      });
      if (ended) this.metrics.ended(message.kind, 'suppressed');
      return null;
    }
    if (recipient.action === 'send_and_warn' || recipient.rerouted) {
      await this.uow.run(async (tx) => {
        if (recipient.rerouted) await this.deliverability.recordRerouted(tx, about, recipient.to, now);
        else
          await this.deliverability.warnIfUndeliverable(
            tx,
            about,
            'sent_to_suppressed_address',
            recipient.to,
            now,
          );
      });
    }
    const checkIn = message.checkInId ? await this.checkIns.findById(message.checkInId) : null;
    const sessionsDone = message.kind === 'completion' ? await this.checkIns.count(enrollment.id) : 0;
    const week =
      message.kind === 'weekly_summary' ? await this.weekOf(enrollment, message.localDate, now) : null;
    const rules =
      message.kind === 'coach_alert' && message.checkInId
        ? await this.checkIns.stopRulesFor(message.checkInId)
        : [];
    const outcome =
      message.kind === 'completion' || message.kind === 'outcome_results' || message.kind === 'outcome_check'
        ? await this.outcomes.forEmail(enrollment.id, message.dedupeKey)
        : null;
    const email = this.composer.compose(
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
    return {
      email: {
        ...email,
        to: recipient.to,
        returnPath: verpAddressOf(message.id, this.config.deliverability.bounceDomain),
      },
      about,
    };
  }

  /** A workspace member's email (sign-in link, invitation): no participant behind it. */
  private async prepareForMember(
    message: SendingMessage,
    claim: MessageClaim,
    now: Date,
  ): Promise<Prepared | null> {
    const prepared = await this.memberMail.prepare(message, now);
    if ('skip' in prepared) {
      // A link that ran out ends the email as expired; a used link or a removed member, cancelled.
      const expired = prepared.skip === 'expired';
      const ended = await this.delivery.finish(claim, expired ? 'expired' : 'cancelled', prepared.skip);
      if (ended && expired) this.metrics.ended(message.kind, 'expired');
      return null;
    }
    const email = prepared.email;
    return {
      email: { ...email, returnPath: verpAddressOf(message.id, this.config.deliverability.bounceDomain) },
      about: null,
    };
  }

  /** The seven local days before the summary's date, and the week before for the pain trend. */
  private async weekOf(
    enrollment: EnrollmentEntity,
    localDate: string | null,
    now: Date,
  ): Promise<WeekSummary> {
    const since = new Date(now.getTime() - 16 * 86_400_000);
    const sessions = await this.checkIns.recent(enrollment.id, since);
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
