import { Injectable, Logger } from '@nestjs/common';
import {
  actionForSuppressedAddress,
  coachAlertRoute,
  type BounceType,
  type MessageKind,
  MESSAGE_POLICIES,
  type SuppressedAddressAction,
  suppressionReasonFor,
  type UndeliverableCause,
  undeliverableItemFor,
} from '@retrowalk/domain';
import {
  DeliveryEventRepository,
  type DeliveryEventOrigin,
  type EnrollmentEntity,
  MessageRepository,
  type NewDeliveryEvent,
  type OrganizationEntity,
  OrganizationRepository,
  type SuppressionEntity,
  SuppressionRepository,
  type Tx,
} from '@retrowalk/persistence';
import { AttentionService } from '../attention/attention.service';

/** Where the sender sends a message, and what the suppression list says about it. */
export interface Recipient {
  to: string;
  /** What to do: send, skip (the address is suppressed), or send and warn the coach (safety mail). */
  action: SuppressedAddressAction | 'send';
  suppression: SuppressionEntity | null;
  /** A coach alert going to the other coach address because the first cannot be reached. */
  rerouted: boolean;
}

/** The message a delivery problem is about. */
export interface ProblemMessage {
  id: string;
  kind: MessageKind;
  organizationId: string;
  enrollmentId: string;
  checkInId: string | null;
}

export interface AddressProblem {
  email: string;
  type: 'bounce' | 'complaint';
  bounceType: BounceType | null;
  source: DeliveryEventOrigin;
  dedupeKey: string;
  detail: string | null;
  occurredAt: Date;
}

/**
 * The sender's side of deliverability: who a message goes to given the suppression list, and what
 * a bounce or complaint sets off (the address suppressed per the domain rules, an `undeliverable`
 * item for safety mail, a coach alert sent again to the other coach address). Everything a problem
 * causes is written in the caller's transaction, with the event that caused it.
 */
@Injectable()
export class DeliverabilityService {
  private readonly logger = new Logger(DeliverabilityService.name);

  constructor(
    private readonly suppressions: SuppressionRepository,
    private readonly events: DeliveryEventRepository,
    private readonly messages: MessageRepository,
    private readonly organizations: OrganizationRepository,
    private readonly attention: AttentionService,
  ) {}

  /** `known`: the live suppression of the enrolment's address, when the caller has already read it. */
  async recipientFor(
    kind: MessageKind,
    enrollment: EnrollmentEntity,
    organization: OrganizationEntity,
    known?: SuppressionEntity | null,
  ): Promise<Recipient> {
    if (MESSAGE_POLICIES[kind].toCoach) {
      const candidates = [organization.coachEmail, organization.backupCoachEmail].filter(
        (e): e is string => e !== null,
      );
      const live = await this.suppressions.liveFor(organization.id, candidates);
      const route = coachAlertRoute({
        coachEmail: organization.coachEmail,
        backupCoachEmail: organization.backupCoachEmail,
        isSuppressed: (email) => live.has(email.toLowerCase()),
      });
      return {
        to: route.to,
        action: route.undeliverable ? actionForSuppressedAddress(kind) : 'send',
        suppression: route.undeliverable ? (live.get(route.to.toLowerCase()) ?? null) : null,
        rerouted: route.rerouted,
      };
    }
    const suppression =
      known !== undefined
        ? known
        : ((await this.suppressions.liveFor(organization.id, [enrollment.email])).get(
            enrollment.email.toLowerCase(),
          ) ?? null);
    return {
      to: enrollment.email,
      action: suppression ? actionForSuppressedAddress(kind) : 'send',
      suppression,
      rerouted: false,
    };
  }

  /** A message not sent because its address is suppressed: the fact, for the timeline. */
  async recordSkipped(
    tx: Tx,
    message: ProblemMessage,
    to: string,
    suppression: SuppressionEntity,
    now: Date,
  ) {
    await this.record(tx, message, {
      email: to,
      type: 'suppressed',
      bounceType: null,
      source: 'sender',
      dedupeKey: `suppressed:${message.id}`,
      detail: `not sent: the address is suppressed (${suppression.reason})`,
      occurredAt: now,
      now,
    });
  }

  async recordRerouted(tx: Tx, message: ProblemMessage, to: string, now: Date): Promise<void> {
    await this.record(tx, message, {
      email: to,
      type: 'rerouted',
      bounceType: null,
      source: 'sender',
      dedupeKey: `rerouted:${message.id}`,
      detail: 'sent to the other coach address: the coach address cannot be reached',
      occurredAt: now,
      now,
    });
  }

  /** An event about one message, in its organisation and enrolment. False for a replay. */
  private record(
    tx: Tx,
    message: ProblemMessage,
    event: Omit<NewDeliveryEvent, 'organizationId' | 'messageId' | 'enrollmentId'>,
  ): Promise<boolean> {
    return this.events.record(tx, {
      ...event,
      organizationId: message.organizationId,
      messageId: message.id,
      enrollmentId: message.enrollmentId,
    });
  }

  /**
   * Safety mail that may not arrive opens an `undeliverable` attention item for the coach, here, in
   * the transaction of its cause (the send to a suppressed address, or the bounce), beside the
   * `undeliverable` delivery event the timeline shows.
   */
  async warnIfUndeliverable(
    tx: Tx,
    message: ProblemMessage,
    cause: UndeliverableCause,
    email: string,
    now: Date,
  ): Promise<boolean> {
    const item = undeliverableItemFor(message.kind, cause);
    if (!item) return false;
    const recorded = await this.record(tx, message, {
      email,
      type: 'undeliverable',
      bounceType: null,
      source: 'sender',
      dedupeKey: `undeliverable:${message.id}`,
      detail: item.reason,
      occurredAt: now,
      now,
    });
    if (recorded) {
      // The coach must act on it today: the item opens in the same transaction as the fact.
      const enrollment = { id: message.enrollmentId, organizationId: message.organizationId };
      await this.attention.record(tx, enrollment, { type: 'undeliverable' }, now);
      this.logger.warn(`Message ${message.id} (${message.kind}) may not arrive: ${item.rule}`);
    }
    return recorded;
  }

  /**
   * A bounce or complaint for an address: recorded once (a replay changes nothing), then the
   * domain rules decide whether the address is suppressed for the organisation; a bounce of safety
   * mail opens the undeliverable item, and a coach alert that bounced is sent again to the other
   * coach address. False when the event had been recorded before.
   */
  async recordProblem(tx: Tx, message: ProblemMessage, problem: AddressProblem, now: Date): Promise<boolean> {
    const fresh = await this.record(tx, message, {
      email: problem.email,
      type: problem.type,
      bounceType: problem.bounceType,
      source: problem.source,
      dedupeKey: problem.dedupeKey,
      detail: problem.detail,
      occurredAt: problem.occurredAt,
      now,
    });
    if (!fresh) return false;
    await this.suppressIfRulesSay(tx, message, problem.email, problem.detail, now);
    if (problem.type === 'bounce') {
      await this.warnIfUndeliverable(tx, message, 'bounced', problem.email, now);
      if (message.kind === 'coach_alert') await this.resendCoachAlert(tx, message, problem.email, now);
    }
    return true;
  }

  /** Records a delivery (or deferral) report; it resets the soft-bounce count. */
  async recordReport(
    tx: Tx,
    message: ProblemMessage,
    report: {
      email: string;
      type: 'delivered' | 'deferred';
      source: DeliveryEventOrigin;
      dedupeKey: string;
      detail: string | null;
      occurredAt: Date;
    },
    now: Date,
  ): Promise<boolean> {
    const fresh = await this.record(tx, message, {
      email: report.email,
      type: report.type,
      bounceType: null,
      source: report.source,
      dedupeKey: report.dedupeKey,
      detail: report.detail,
      occurredAt: report.occurredAt,
      now,
    });
    // Safety mail reached its reader after all: what the undeliverable item warned of did not happen.
    if (fresh && report.type === 'delivered' && MESSAGE_POLICIES[message.kind].safety) {
      const enrollment = { id: message.enrollmentId, organizationId: message.organizationId };
      await this.attention.record(tx, enrollment, { type: 'delivered' }, now);
    }
    return fresh;
  }

  private async suppressIfRulesSay(
    tx: Tx,
    message: ProblemMessage,
    email: string,
    detail: string | null,
    now: Date,
  ): Promise<void> {
    const liftedAt = await this.suppressions.lastLiftedAt(tx, message.organizationId, email);
    const history = await this.events.historyFor(tx, message.organizationId, email, liftedAt);
    const reason = suppressionReasonFor(history);
    if (!reason) return;
    await this.suppressions.add(tx, {
      organizationId: message.organizationId,
      email,
      reason,
      detail,
      messageId: message.id,
      now,
    });
  }

  /**
   * The coach alert bounced: one more alert about the same check-in, which the sender routes to the
   * other coach address now that the first is suppressed (nothing when there is none).
   */
  private async resendCoachAlert(
    tx: Tx,
    message: ProblemMessage,
    bouncedAt: string,
    now: Date,
  ): Promise<void> {
    const organization = await this.organizations.findById(message.organizationId, tx);
    const backup = organization?.backupCoachEmail?.toLowerCase() ?? null;
    if (!backup || backup === bouncedAt.toLowerCase()) return;
    if ((await this.suppressions.liveFor(message.organizationId, [backup], tx)).size > 0) return;
    await this.messages.insertIfAbsent(
      tx,
      [
        {
          organizationId: message.organizationId,
          enrollmentId: message.enrollmentId,
          kind: 'coach_alert',
          dedupeKey: `coach_alert_again:${message.id}`,
          dueAt: now,
          checkInId: message.checkInId,
        },
      ],
      now,
    );
  }
}
