import { type LocalDate, type LocalTime, WEEKDAYS, type Weekday } from './local-time';
import {
  DAY_MS,
  MINUTE_MS,
  formatWallDate,
  requireLocalTime,
  wallDayStart,
  wallWeekdayIndex,
} from './wall-calendar';
import { earliestInstantAt, requireClock, wallAt } from './zone-clock';

/** The weekdays and local time a participant chose for their walk reminders. */
export interface ReminderSchedule {
  days: readonly Weekday[];
  time: LocalTime;
}

export interface ReminderOccurrence {
  /** The participant's calendar date the reminder belongs to; the reminder's identity. */
  localDate: LocalDate;
  dueAt: Date;
}

/**
 * The first chosen weekday, in the participant's calendar, whose reminder instant is strictly after
 * `after`. Feeding back `previous.dueAt` yields the next chosen day: a fall-back day cannot produce
 * its repeated local time twice (its instant is the first occurrence), and a spring-forward day is
 * not skipped (a missing time resolves to the transition).
 */
export function nextReminderOccurrence(
  schedule: ReminderSchedule,
  tz: string,
  after: Date,
): ReminderOccurrence {
  if (schedule.days.length === 0) throw new Error('A reminder schedule needs at least one weekday');
  if (!schedule.days.every((day) => WEEKDAYS.includes(day))) {
    throw new RangeError(`Unknown weekday in [${schedule.days.join(', ')}]`);
  }
  const chosen = WEEKDAYS.map((day) => schedule.days.includes(day));
  const timeMs = requireLocalTime(schedule.time) * MINUTE_MS;
  const clock = requireClock(tz);
  const afterMs = after.getTime();
  // Start on `after`'s own local date: an earlier date's reminder is due by the midnight that ends it
  // (a gap can push it to that midnight, no further), so not after `after`. Eight days cover a week.
  const firstDay = wallDayStart(wallAt(afterMs, clock));
  for (let day = firstDay; day < firstDay + 8 * DAY_MS; day += DAY_MS) {
    if (!chosen[wallWeekdayIndex(day)]) continue;
    const dueAt = earliestInstantAt(day + timeMs, clock);
    if (dueAt > afterMs) return { localDate: formatWallDate(day), dueAt: new Date(dueAt) };
  }
  throw new Error(`No reminder found within eight days after ${after.toISOString()} in ${tz}`);
}

/**
 * Identifies one reminder send. It is keyed by the participant's local date rather than by instant:
 * on a fall-back day the chosen local time happens twice, and the reminder must still go out once.
 */
export function reminderDedupeKey(enrollmentId: string, localDate: LocalDate): string {
  return `reminder:${enrollmentId}:${localDate}`;
}
