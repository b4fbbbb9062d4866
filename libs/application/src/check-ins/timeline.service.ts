import { Injectable } from '@nestjs/common';
import { DomainError } from '@retrowalk/domain';
import {
  AttentionRepository,
  CheckInRepository,
  CoachNoteRepository,
  type DecisionEntity,
  DeliveryEventRepository,
  EnrollmentRepository,
  MessageRepository,
} from '@retrowalk/persistence';

export type TimelineEvent =
  | { type: 'check_in'; at: string; checkInId: string; level: number; report: Record<string, unknown> }
  | {
      type: 'decision';
      at: string;
      source: string;
      checkInId: string | null;
      action: string;
      levelBefore: number;
      levelAfter: number;
      statusAfter: string;
      rules: { rule: string; inputs: Record<string, unknown>; reason: string }[];
      /** Who decided, when a person did (a clearance); null for the programme's own decisions. */
      actor: { kind: 'member' | 'api_key' | 'participant'; id: string | null } | null;
      note: string | null;
    }
  | { type: 'note'; at: string; text: string; author: { kind: 'member' | 'api_key'; id: string } }
  | {
      type: 'attention';
      at: string;
      itemId: string;
      kind: string;
      status: string;
      openedAt: string;
      acknowledgedAt: string | null;
      closedAt: string | null;
    }
  | {
      type: 'message';
      at: string;
      kind: string;
      status: string;
      dueAt: string;
      sentAt: string | null;
      reason: string | null;
      /** Tries so far, and the latest transient failure (e.g. an SMTP 451 answer) while it retries. */
      attempts: number;
      lastError: string | null;
      /** When the sender tries next, while the message waits in the schedule. */
      nextAttemptAt: string | null;
      /** The message's id, which delivery events name. */
      messageId: string;
      /** Where it went, our Message-ID, the server's queue id and its reply (250, or the refusal). */
      smtp: { to: string | null; messageId: string | null; queueId: string | null; reply: string | null };
    }
  | {
      /** What a provider, a DSN or the sender reported about a message: bounce, complaint, ... */
      type: 'delivery';
      at: string;
      messageId: string | null;
      event: string;
      bounceType: string | null;
      source: string;
      detail: string | null;
    };

/** What happened to one participant, in order, for coaches and clinicians. */
@Injectable()
export class TimelineService {
  constructor(
    private readonly enrollments: EnrollmentRepository,
    private readonly checkInRepository: CheckInRepository,
    private readonly messages: MessageRepository,
    private readonly notes: CoachNoteRepository,
    private readonly attention: AttentionRepository,
    private readonly deliveryEvents: DeliveryEventRepository,
  ) {}

  async checkIns(organizationId: string, enrollmentId: string) {
    await this.requireInOrganization(organizationId, enrollmentId);
    const rows = await this.checkInRepository.list(enrollmentId);
    return rows.map((c) => ({
      id: c.id,
      performedAt: c.performedAt.toISOString(),
      level: c.level,
      report: c.report,
      decision: c.response,
      followUpAnswer: c.followUpAnswer,
      createdAt: c.createdAt.toISOString(),
    }));
  }

  async events(organizationId: string, enrollmentId: string): Promise<TimelineEvent[]> {
    await this.requireInOrganization(organizationId, enrollmentId);
    // One after another: inside an organisation's request they share one connection.
    const checkIns = await this.checkInRepository.list(enrollmentId);
    const decisions = await this.checkInRepository.decisions(enrollmentId);
    const messages = await this.messages.listForEnrollment(enrollmentId);
    const notes = await this.notes.listForEnrollment(enrollmentId);
    const items = await this.attention.listForEnrollment(enrollmentId);
    const deliveryEvents = await this.deliveryEvents.listForEnrollment(enrollmentId);
    const events: TimelineEvent[] = [
      ...checkIns.map((c) => ({
        type: 'check_in' as const,
        at: c.createdAt.toISOString(),
        checkInId: c.id,
        level: c.level,
        report: c.report,
      })),
      ...decisions.map((d) => ({
        type: 'decision' as const,
        at: d.createdAt.toISOString(),
        source: d.source,
        checkInId: d.checkInId,
        action: d.action,
        levelBefore: d.levelBefore,
        levelAfter: d.levelAfter,
        statusAfter: d.statusAfter,
        rules: d.rules.map((r) => ({ rule: r.rule, inputs: { ...r.inputs }, reason: r.reason })),
        actor: actorOf(d),
        note: d.note,
      })),
      ...notes.map((n) => ({
        type: 'note' as const,
        at: n.createdAt.toISOString(),
        text: n.text,
        author: n.memberId
          ? { kind: 'member' as const, id: n.memberId }
          : { kind: 'api_key' as const, id: n.apiKeyId ?? '' },
      })),
      ...items.map((a) => ({
        type: 'attention' as const,
        at: a.openedAt.toISOString(),
        itemId: a.id,
        kind: a.kind,
        status: a.status,
        openedAt: a.openedAt.toISOString(),
        acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
        closedAt: a.closedAt?.toISOString() ?? null,
      })),
      ...messages.map((m) => ({
        type: 'message' as const,
        // A message takes its place in the story when it was sent, or else when it was scheduled.
        at: (m.sentAt ?? m.createdAt).toISOString(),
        kind: m.kind,
        status: m.status,
        dueAt: m.dueAt.toISOString(),
        sentAt: m.sentAt?.toISOString() ?? null,
        reason: m.finishedReason,
        attempts: m.attempts,
        lastError: m.lastError,
        nextAttemptAt: m.status === 'pending' ? m.attemptAt.toISOString() : null,
        messageId: m.id,
        smtp: { to: m.recipient, messageId: m.smtpMessageId, queueId: m.smtpQueueId, reply: m.smtpReply },
      })),
      ...deliveryEvents.map((d) => ({
        type: 'delivery' as const,
        at: d.createdAt.toISOString(),
        messageId: d.messageId,
        event: d.type,
        bounceType: d.bounceType,
        source: d.source,
        detail: d.detail,
      })),
    ];
    const order = { check_in: 0, decision: 1, attention: 2, message: 3, delivery: 4, note: 5 };
    return events.sort((a, b) => a.at.localeCompare(b.at) || order[a.type] - order[b.type]);
  }

  private async requireInOrganization(organizationId: string, enrollmentId: string): Promise<void> {
    const found = await this.enrollments.findInOrganization(organizationId, enrollmentId);
    if (!found) throw new DomainError('not_found', 'No enrolment with this id.');
  }
}

function actorOf(d: DecisionEntity): Extract<TimelineEvent, { type: 'decision' }>['actor'] {
  switch (d.actorKind) {
    case null:
      return null;
    case 'member':
      return { kind: 'member', id: d.actorMemberId };
    case 'api_key':
      return { kind: 'api_key', id: d.actorApiKeyId };
    case 'participant':
      return { kind: 'participant', id: null };
  }
}
