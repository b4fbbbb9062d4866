import { Injectable } from '@nestjs/common';
import { DomainError } from '@retrowalk/domain';
import { CheckInRepository, EnrollmentRepository, MessageRepository } from '@retrowalk/persistence';

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
    };

/** What happened to one participant, in order, for coaches and clinicians. */
@Injectable()
export class TimelineService {
  constructor(
    private readonly enrollments: EnrollmentRepository,
    private readonly checkInRepository: CheckInRepository,
    private readonly messages: MessageRepository,
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
    const [checkIns, decisions, messages] = await Promise.all([
      this.checkInRepository.list(enrollmentId),
      this.checkInRepository.decisions(enrollmentId),
      this.messages.listForEnrollment(enrollmentId),
    ]);
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
      })),
    ];
    const order = { check_in: 0, decision: 1, message: 2 };
    return events.sort((a, b) => a.at.localeCompare(b.at) || order[a.type] - order[b.type]);
  }

  private async requireInOrganization(organizationId: string, enrollmentId: string): Promise<void> {
    const found = await this.enrollments.findInOrganization(organizationId, enrollmentId);
    if (!found) throw new DomainError('not_found', 'No enrolment with this id.');
  }
}
