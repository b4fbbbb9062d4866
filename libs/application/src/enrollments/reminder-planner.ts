import { Injectable } from '@nestjs/common';
import {
  DEFAULT_PROGRAMME_CONFIG,
  nextReminderOccurrence,
  reEngagementDueAt,
  releaseFromQuietHours,
  reminderDedupeKey,
  type ReminderOccurrence,
  WEEKDAYS,
} from '@retrowalk/domain';

const WEEKLY_SUMMARY_TIME = '18:00';
/** The first weekly summary waits for a week of programme to sum up. */
export const SIX_DAYS_MS = 6 * 86_400_000;
import { type EnrollmentEntity, MessageRepository, type Tx } from '@retrowalk/persistence';
import { OrganizationPolicies } from '../organizations/organization-policies';

// A week holds every chosen day once; a few more tries cover dates already taken by sent reminders.
const MAX_TRIES = 9;

/** Puts a participant's next session reminder (and the nudge after a quiet week) into the schedule. */
@Injectable()
export class ReminderPlanner {
  constructor(
    private readonly messages: MessageRepository,
    private readonly policies: OrganizationPolicies,
  ) {}

  occurrenceAfter(enrollment: EnrollmentEntity, after: Date): ReminderOccurrence {
    return nextReminderOccurrence(
      { days: enrollment.reminderDays, time: enrollment.reminderTime },
      enrollment.timezone,
      after,
    );
  }

  /**
   * Schedules the first reminder after `after`. A local date that already has a live reminder (sent
   * this morning, say, before the time was changed) is kept and the following chosen day is used.
   */
  async planNext(tx: Tx, enrollment: EnrollmentEntity, after: Date, now: Date): Promise<Date> {
    let cursor = after;
    for (let i = 0; i < MAX_TRIES; i++) {
      const occurrence = this.occurrenceAfter(enrollment, cursor);
      const dedupeKey = reminderDedupeKey(enrollment.id, occurrence.localDate);
      const inserted = await this.messages.insertIfAbsent(
        tx,
        [
          {
            organizationId: enrollment.organizationId,
            enrollmentId: enrollment.id,
            kind: 'reminder',
            dedupeKey,
            dueAt: occurrence.dueAt,
            localDate: occurrence.localDate,
          },
        ],
        now,
      );
      if (inserted.has(dedupeKey)) return occurrence.dueAt;
      cursor = occurrence.dueAt;
    }
    throw new Error(`Could not find a free reminder date for enrollment ${enrollment.id}`);
  }

  /**
   * The weekly summary goes out on the participant's first chosen weekday at 18:00 local time,
   * summing up the seven days before; the first one comes after at least six days in the programme.
   */
  async planWeeklySummary(tx: Tx, enrollment: EnrollmentEntity, after: Date, now: Date): Promise<void> {
    const firstDay = WEEKDAYS.find((d) => enrollment.reminderDays.includes(d)) ?? 'mon';
    const occurrence = nextReminderOccurrence(
      { days: [firstDay], time: WEEKLY_SUMMARY_TIME },
      enrollment.timezone,
      after,
    );
    await this.messages.insertIfAbsent(
      tx,
      [
        {
          organizationId: enrollment.organizationId,
          enrollmentId: enrollment.id,
          kind: 'weekly_summary',
          dedupeKey: `weekly_summary:${enrollment.id}:${occurrence.localDate}`,
          dueAt: releaseFromQuietHours(
            occurrence.dueAt,
            enrollment.timezone,
            await this.policies.quietHours(enrollment.organizationId, tx),
          ),
          localDate: occurrence.localDate,
        },
      ],
      now,
    );
  }

  /**
   * (Re)schedules the "we have not heard from you" email after any sign of life: a week after it,
   * at least a fortnight after the previous one, moved out of quiet hours (the system chose the time).
   * The one pending nudge is moved in place; only when there is none (never planned, or a sender
   * has just claimed it) is one cancelled, if queued, and a new one inserted.
   */
  async planReEngagement(
    tx: Tx,
    enrollment: EnrollmentEntity,
    lastActivityAt: Date,
    now: Date,
  ): Promise<void> {
    const lastSent = await this.messages.lastSent(tx, enrollment.id, 're_engagement');
    const due = await this.outsideQuietHours(
      tx,
      enrollment,
      reEngagementDueAt(lastActivityAt, lastSent, DEFAULT_PROGRAMME_CONFIG),
    );
    const key = reEngagementKey(enrollment.id, due);
    if (await this.messages.reschedulePending(tx, enrollment.id, 're_engagement', due, key)) return;
    await this.messages.cancelUnsent(tx, enrollment.id, ['re_engagement'], 'activity');
    await this.insertReEngagement(tx, enrollment, due, now);
  }

  /** The next nudge while the person stays silent: one a fortnight after the one going out now. */
  async planFollowingReEngagement(
    tx: Tx,
    enrollment: EnrollmentEntity,
    sentAt: Date,
    now: Date,
  ): Promise<void> {
    const due = new Date(sentAt.getTime() + DEFAULT_PROGRAMME_CONFIG.reEngagementMinGapDays * 86_400_000);
    await this.insertReEngagement(tx, enrollment, await this.outsideQuietHours(tx, enrollment, due), now);
  }

  private async outsideQuietHours(tx: Tx, enrollment: EnrollmentEntity, at: Date): Promise<Date> {
    const quietHours = await this.policies.quietHours(enrollment.organizationId, tx);
    return releaseFromQuietHours(at, enrollment.timezone, quietHours);
  }

  private async insertReEngagement(
    tx: Tx,
    enrollment: EnrollmentEntity,
    due: Date,
    now: Date,
  ): Promise<void> {
    await this.messages.insertIfAbsent(
      tx,
      [
        {
          organizationId: enrollment.organizationId,
          enrollmentId: enrollment.id,
          kind: 're_engagement',
          dedupeKey: reEngagementKey(enrollment.id, due),
          dueAt: due,
        },
      ],
      now,
    );
  }
}

/** One nudge per due time: the rows that went out over the months each keep their own key. */
function reEngagementKey(enrollmentId: string, due: Date): string {
  return `re_engagement:${enrollmentId}:${due.toISOString()}`;
}
