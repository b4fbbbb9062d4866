import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@retrowalk/config';
import { receivesReminders, reminderDedupeKey } from '@retrowalk/domain';
import {
  type ClaimedMessage,
  EnrollmentRepository,
  MessageRepository,
  type NewMessage,
  type Tx,
  UnitOfWork,
} from '@retrowalk/persistence';
import { JobRepository } from '@retrowalk/queue';
import { Clock } from '../clock/clock';
import { ReminderPlanner } from '../enrollments/reminder-planner';

/** Members' emails (sign-in links, invitations) name no participant and start no chain. */
type ForParticipant = ClaimedMessage & { enrollmentId: string };
const forParticipant = (m: ClaimedMessage): m is ForParticipant => m.enrollmentId !== null;

export interface DispatchResult {
  claimed: number;
  reclaimed: number;
}

/**
 * Moves due rows from the schedule to BullMQ. Each batch is claimed in its own short transaction
 * and enqueued only after it commits (never inside an open transaction); if enqueueing fails, the
 * rows keep their lease and the next dispatcher to see the lease run out hands them over again.
 */
@Injectable()
export class DispatchService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly messages: MessageRepository,
    private readonly enrollments: EnrollmentRepository,
    private readonly planner: ReminderPlanner,
    private readonly jobs: JobRepository,
    private readonly clock: Clock,
  ) {}

  async dispatchDue(): Promise<DispatchResult> {
    await this.clock.refresh();
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.config.dispatchLeaseMs);
    const limit = this.config.dispatchBatchSize;
    const result: DispatchResult = { claimed: 0, reclaimed: 0 };

    for (;;) {
      const reclaimed = await this.uow.run((tx) => this.messages.reclaimExpired(tx, now, limit, leaseUntil));
      await this.jobs.enqueueSends(reclaimed.map((m) => m.id));
      result.reclaimed += reclaimed.length;
      if (reclaimed.length < limit) break;
    }
    for (;;) {
      const claimed = await this.uow.run(async (tx) => {
        const rows = await this.messages.claimDue(tx, now, limit, leaseUntil);
        await this.scheduleFollowingReminders(tx, rows, now);
        return rows;
      });
      await this.jobs.enqueueSends(claimed.map((m) => m.id));
      result.claimed += claimed.length;
      if (claimed.length < limit) break;
    }
    return result;
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
