import { Injectable } from '@nestjs/common';
import {
  type ClearancePolicy,
  type ClearedBy,
  DEFAULT_CLEARANCE_POLICY,
  DomainError,
  levelAfterClearance,
  participantStatementOutcome,
} from '@retrowalk/domain';
import {
  CheckInRepository,
  type EnrollmentEntity,
  EnrollmentRepository,
  MessageRepository,
  OrganizationRepository,
  type Tx,
  UnitOfWork,
} from '@retrowalk/persistence';
import { AttentionService } from '../attention/attention.service';
import { Clock } from '../clock/clock';
import { ReminderPlanner } from '../enrollments/reminder-planner';
import { type StaffActor } from '../members/staff-actor';
import { DispatchNudge } from '../messages/dispatch-nudge';
import { OutcomeCheckPlanner } from '../outcomes/outcome-check-planner';

/** Who cleared someone: a coach (a member or an API key), or the participant themselves. */
export type ClearanceActor = StaffActor | { kind: 'participant' };

/** What the participant's "a professional has cleared me" did. */
export type ParticipantClearance =
  'resumed' | 'awaiting_coach' | 'already_requested' | 'already_active' | 'not_possible';

/**
 * Ends a safety stop (or a screening hold), and always says who did. A coach's clearance resumes
 * the programme below the level of the stop. The participant's own statement depends on the
 * organisation's `clearancePolicy`: recorded and sent to a coach to confirm (`coach_confirms`), or
 * resuming at once with the coach told (`participant_attests`). Every path records a decision
 * naming the actor, and opens or closes attention items in the same transaction.
 */
@Injectable()
export class ClearanceService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly enrollments: EnrollmentRepository,
    private readonly organizations: OrganizationRepository,
    private readonly checkIns: CheckInRepository,
    private readonly messages: MessageRepository,
    private readonly planner: ReminderPlanner,
    private readonly attention: AttentionService,
    private readonly outcomeChecks: OutcomeCheckPlanner,
    private readonly dispatch: DispatchNudge,
    private readonly clock: Clock,
  ) {}

  /** A coach clears the participant: back to active, with who and (if given) their note recorded. */
  async clear(
    target: { organizationId: string; enrollmentId: string },
    actor: StaffActor,
    note: string | null,
  ): Promise<EnrollmentEntity> {
    const enrollment = await this.uow.run(async (tx) => {
      const found = await this.enrollments.findInOrganization(target.organizationId, target.enrollmentId, {
        tx,
        lock: true,
      });
      if (!found) throw new DomainError('not_found', 'No enrolment with this id.');
      if (found.status !== 'needs_clearance') {
        throw new DomainError('invalid_state', 'Only an enrolment waiting for clearance can be cleared.', {
          status: found.status,
        });
      }
      await this.resume(tx, found, actor, note, this.clock.now());
      return found;
    });
    await this.dispatch.soon();
    return enrollment;
  }

  /** For the participant's page: who confirms a clearance, and whether their coach already has it. */
  async state(enrollmentId: string): Promise<{ policy: ClearancePolicy; requested: boolean }> {
    const enrollment = await this.enrollments.findForLink(enrollmentId);
    const organization = enrollment ? await this.organizations.findById(enrollment.organizationId) : null;
    const open = await this.attention.openKindsOf([enrollmentId]);
    return {
      policy: organization?.clearancePolicy ?? DEFAULT_CLEARANCE_POLICY,
      requested: (open.get(enrollmentId) ?? []).includes('clearance_requested'),
    };
  }

  /** The participant's own "a professional has cleared me", from the link in their safety email. */
  async participantSaysCleared(
    enrollmentId: string,
  ): Promise<{ outcome: ParticipantClearance; enrollment: EnrollmentEntity }> {
    const result = await this.uow.run(async (tx) => {
      const found = await this.enrollments.findForLink(enrollmentId, { tx, lock: true });
      if (!found) throw new DomainError('link_gone', 'This link no longer works.');
      if (found.status === 'active') return { outcome: 'already_active' as const, enrollment: found };
      if (found.status !== 'needs_clearance') return { outcome: 'not_possible' as const, enrollment: found };
      const now = this.clock.now();
      const organization = await this.organizations.findById(found.organizationId, tx);
      const policy = organization?.clearancePolicy ?? DEFAULT_CLEARANCE_POLICY;
      if (participantStatementOutcome(policy) === 'resume') {
        await this.resume(tx, found, { kind: 'participant' }, null, now);
        await this.tellCoach(tx, found, now);
        return { outcome: 'resumed' as const, enrollment: found };
      }
      const opened = await this.attention.record(tx, found, { type: 'clearance_requested' }, now);
      if (opened.length === 0) return { outcome: 'already_requested' as const, enrollment: found };
      await this.checkIns.recordDecision(tx, {
        organizationId: found.organizationId,
        enrollmentId: found.id,
        checkInId: null,
        source: 'clearance',
        action: 'clearance_requested',
        levelBefore: found.level,
        levelAfter: found.level,
        statusAfter: found.status,
        rules: [],
        actorKind: 'participant',
        createdAt: now,
      });
      await this.tellCoach(tx, found, now);
      return { outcome: 'awaiting_coach' as const, enrollment: found };
    });
    await this.dispatch.soon();
    return result;
  }

  private async resume(
    tx: Tx,
    found: EnrollmentEntity,
    actor: ClearanceActor,
    note: string | null,
    now: Date,
  ): Promise<void> {
    const levelBefore = found.level;
    const afterScreening = found.levelBeforeStop === null;
    // After a safety stop, restart below the level it happened at; after screening, at the start.
    found.level =
      found.levelBeforeStop === null
        ? found.level
        : levelAfterClearance(found.levelBeforeStop, found.audience);
    found.levelBeforeStop = null;
    found.status = 'active';
    found.updatedAt = now;
    await this.enrollments.save(tx, found);
    await this.checkIns.recordDecision(tx, {
      organizationId: found.organizationId,
      enrollmentId: found.id,
      checkInId: null,
      source: 'clearance',
      action: 'resume',
      levelBefore,
      levelAfter: found.level,
      statusAfter: found.status,
      rules: [],
      actorKind: actor.kind,
      actorMemberId: actor.kind === 'member' ? actor.memberId : null,
      actorApiKeyId: actor.kind === 'api_key' ? actor.apiKeyId : null,
      note,
      createdAt: now,
    });
    await this.messages.insertIfAbsent(
      tx,
      [
        {
          organizationId: found.organizationId,
          enrollmentId: found.id,
          kind: 'resumed',
          dedupeKey: `resumed:${found.id}:${now.toISOString()}`,
          dueAt: now,
        },
      ],
      now,
    );
    await this.planner.planNext(tx, found, now, now);
    await this.planner.planReEngagement(tx, found, now, now);
    await this.planner.planWeeklySummary(tx, found, now, now);
    // Cleared after screening: the programme (and its outcome checks) starts now.
    if (afterScreening) await this.outcomeChecks.planAtStart(tx, found, now, now);
    const by: ClearedBy = actor.kind;
    await this.attention.record(tx, found, { type: 'cleared', by }, now);
  }

  /** The coach hears of the participant's statement at once, whatever the hour (a safety notice). */
  private async tellCoach(tx: Tx, found: EnrollmentEntity, now: Date): Promise<void> {
    await this.messages.insertIfAbsent(
      tx,
      [
        {
          organizationId: found.organizationId,
          enrollmentId: found.id,
          kind: 'clearance_notice',
          dedupeKey: `clearance_notice:${found.id}:${now.toISOString()}`,
          dueAt: now,
        },
      ],
      now,
    );
  }
}
