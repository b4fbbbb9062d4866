import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@retrowalk/config';
import { MESSAGE_POLICIES, receivesReminders, reminderDedupeKey } from '@retrowalk/domain';
import {
  type ClaimedMessage,
  EnrollmentRepository,
  type MessageClaim,
  MessageDeliveryRepository,
  MessageRepository,
  type NewMessage,
  type Tx,
  UnitOfWork,
} from '@retrowalk/persistence';
import { Metrics } from '@retrowalk/observability';
import { JobRepository } from '@retrowalk/queue';
import { Clock } from '../clock/clock';
import { ReminderPlanner } from '../enrollments/reminder-planner';

/** Members' emails (sign-in links, invitations) name no participant and start no chain. */
type ForParticipant = ClaimedMessage & { enrollmentId: string };
const forParticipant = (m: ClaimedMessage): m is ForParticipant => m.enrollmentId !== null;

export interface DispatchResult {
  claimed: number;
  /** Lapsed claims taken over (their claimer died, or their job was lost). */
  reclaimed: number;
  /** Lapsed claims whose job was still alive in a backlog: their lease was extended instead. */
  extended: number;
}

const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Moves due rows from the schedule to BullMQ. Each batch is claimed in its own short transaction
 * and enqueued only after it commits (never inside an open transaction). If enqueueing fails, the
 * batch is handed straight back to the schedule; if the process dies in between, the lease runs out
 * and the next dispatcher takes the rows over.
 */
@Injectable()
export class DispatchService {
  private readonly logger = new Logger(DispatchService.name);
  private stopping = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly messages: MessageRepository,
    private readonly delivery: MessageDeliveryRepository,
    private readonly enrollments: EnrollmentRepository,
    private readonly planner: ReminderPlanner,
    private readonly jobs: JobRepository,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
  ) {}

  /** Shutdown: a dispatch in progress ends after its current batch (the rest waits for the next). */
  stop(): void {
    this.stopping = true;
  }

  async dispatchDue(): Promise<DispatchResult> {
    await this.clock.refresh();
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.config.dispatchLeaseMs);
    const limit = this.config.dispatchBatchSize;
    const result: DispatchResult = { claimed: 0, reclaimed: 0, extended: 0 };

    while (!this.stopping) {
      const lapsed = await this.delivery.lapsedClaims(now, limit);
      if (lapsed.length === 0) break;
      const { reclaimed, extended } = await this.recoverLapsed(lapsed, now, leaseUntil);
      result.reclaimed += reclaimed;
      result.extended += extended;
      // Another dispatcher may have moved the same rows meanwhile; stop rather than loop on them.
      if (lapsed.length < limit || reclaimed + extended === 0) break;
    }
    while (!this.stopping) {
      const claimed = await this.uow.run(async (tx) => {
        const rows = await this.delivery.claimDue(tx, now, limit, leaseUntil);
        // A row's first claim advances its chain; a retry or a take-over must not do it again.
        await this.scheduleFollowingReminders(
          tx,
          rows.filter((m) => !m.chained),
          now,
        );
        return rows;
      });
      await this.enqueue(claimed);
      result.claimed += claimed.length;
      if (claimed.length < limit) break;
    }
    return result;
  }

  /**
   * Redis lost its data (restarted empty, flushed, failed over): every queued row's job is gone.
   * Claims them all again, with new job ids, a batch at a time. Rows being sent keep their claim.
   */
  async rebuildQueues(): Promise<number> {
    await this.clock.refresh();
    const leaseUntil = new Date(this.clock.now().getTime() + this.config.dispatchLeaseMs);
    let afterId = FIRST_ID;
    let total = 0;
    while (!this.stopping) {
      const claims = await this.uow.run((tx) =>
        this.delivery.reclaimQueued(tx, afterId, this.config.dispatchBatchSize, leaseUntil),
      );
      if (claims.length === 0) break;
      await this.enqueue(claims);
      total += claims.length;
      afterId = claims[claims.length - 1]!.id;
    }
    return total;
  }

  /**
   * A lapsed claim is either a backlog (its job still waits in BullMQ: extend the lease) or a death
   * (the claimer or its job is gone: take it over with a new claim). A row being sent belongs to a
   * live sender only while the sender renews its lease, so a lapsed one is always taken over.
   */
  private async recoverLapsed(
    lapsed: readonly (MessageClaim & { status: 'queued' | 'sending' })[],
    now: Date,
    leaseUntil: Date,
  ): Promise<{ reclaimed: number; extended: number }> {
    const queued = lapsed.filter((c) => c.status === 'queued');
    const live = await this.jobs.liveSendJobs(queued);
    const alive = queued.filter((c) => live.has(JobRepository.sendJobId(c)));
    const aliveIds = new Set(alive.map((c) => c.id));
    const dead = lapsed.filter((c) => !aliveIds.has(c.id));
    const extended = await this.delivery.extendLapsed(alive, now, leaseUntil);
    const taken = await this.uow.run((tx) => this.delivery.takeOver(tx, dead, now, leaseUntil));
    // Counted once committed: these rows' claims really changed hands (or leases really moved).
    if (taken.length > 0) this.metrics.claimRecoveries.inc({ action: 'taken_over' }, taken.length);
    if (extended > 0) this.metrics.claimRecoveries.inc({ action: 'extended' }, extended);
    await this.enqueue(taken);
    return { reclaimed: taken.length, extended };
  }

  private async enqueue(claims: readonly ClaimedMessage[]): Promise<void> {
    try {
      await this.jobs.enqueueSends(
        claims.map((c) => ({ id: c.id, claim: c.claim, priority: MESSAGE_POLICIES[c.kind].priority })),
      );
    } catch (error) {
      // Redis is away: the rows go back to the schedule now rather than when their lease runs out.
      await this.delivery
        .releaseClaims(claims)
        .catch((release: Error) =>
          this.logger.warn(`Claims not released (${release.message}); their lease will run out instead.`),
        );
      throw error;
    }
  }

  /**
   * Weekly summaries and re-engagement nudges chain like reminders: claiming one schedules the next
   * (a week on for summaries, a fortnight on for nudges while the person stays silent), in the same
   * transaction, counted from the later of its due time and now.
   */
  private async scheduleFollowingChains(tx: Tx, claimed: ClaimedMessage[], now: Date): Promise<void> {
    const chained = claimed
      .filter(forParticipant)
      .filter((m) => m.kind === 'weekly_summary' || m.kind === 're_engagement');
    if (chained.length === 0) return;
    const enrollments = await this.enrollments.findManyForDispatch(
      tx,
      chained.map((m) => m.enrollmentId),
    );
    const byId = new Map(enrollments.map((e) => [e.id, e]));
    for (const message of chained) {
      const enrollment = byId.get(message.enrollmentId);
      if (!enrollment || !receivesReminders(enrollment.status)) continue;
      const after = new Date(Math.max(message.dueAt.getTime(), now.getTime()));
      if (message.kind === 'weekly_summary') await this.planner.planWeeklySummary(tx, enrollment, after, now);
      else await this.planner.planFollowingReEngagement(tx, enrollment, after, now);
    }
  }

  /**
   * A reminder's successor is scheduled when the reminder is claimed, in the same transaction, so the
   * chain never breaks whatever happens to the send. Counting from `now` as well as the due time
   * means a dispatcher that was down for days resumes with the next future date, not a backlog.
   */
  private async scheduleFollowingReminders(tx: Tx, claimed: ClaimedMessage[], now: Date): Promise<void> {
    await this.scheduleFollowingChains(tx, claimed, now);
    const reminders = claimed.filter(forParticipant).filter((m) => m.kind === 'reminder');
    if (reminders.length === 0) return;
    const enrollments = await this.enrollments.findManyForDispatch(
      tx,
      reminders.map((m) => m.enrollmentId),
    );
    const byId = new Map(enrollments.map((e) => [e.id, e]));
    const planned: { message: NewMessage; after: Date }[] = [];
    for (const reminder of reminders) {
      const enrollment = byId.get(reminder.enrollmentId);
      if (!enrollment || !receivesReminders(enrollment.status)) continue;
      const after = new Date(Math.max(reminder.dueAt.getTime(), now.getTime()));
      const next = this.planner.occurrenceAfter(enrollment, after);
      planned.push({
        after,
        message: {
          organizationId: enrollment.organizationId,
          enrollmentId: enrollment.id,
          kind: 'reminder',
          dedupeKey: reminderDedupeKey(enrollment.id, next.localDate),
          dueAt: next.dueAt,
          localDate: next.localDate,
        },
      });
    }
    const inserted = await this.messages.insertIfAbsent(
      tx,
      planned.map((p) => p.message),
      now,
    );
    // Rare: the date already has a live reminder. If it is pending, the chain goes on from it; if it
    // was sent (two chains met), the planner walks on to the next free date.
    for (const { message } of planned) {
      if (inserted.has(message.dedupeKey)) continue;
      const pending = await this.messages.nextPendingDue(message.enrollmentId, 'reminder', tx);
      if (pending !== null) continue;
      const enrollment = byId.get(message.enrollmentId);
      if (enrollment) await this.planner.planNext(tx, enrollment, message.dueAt, now);
    }
  }
}
