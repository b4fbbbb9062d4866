import { describeLocalDate } from '../messages/wording';
import { addDays, isLocalDate, type LocalDate, localParts, zonedTimeToInstant } from '../schedule/local-time';

/** A walk can be logged for today or one of the six days before (the API's 7-day limit). */
export const CHECK_IN_DAYS_BACK = 6;
const DAY_MS = 86_400_000;
/** A walk logged for a past day may not fall outside the last 7 × 24 hours, whatever DST did. */
const OLDEST_MS = 7 * DAY_MS - 60_000;

export interface CheckInDayChoice {
  date: LocalDate;
  /** "Today, Wednesday 5 May", "Yesterday, Tuesday 4 May", "Monday 3 May, the day of your reminder". */
  label: string;
  /** A walk is already logged on that day. */
  logged: boolean;
  /** Chosen when the form opens: the reminder's day when there is one, else today. */
  preselected: boolean;
}

export interface CheckInDayContext {
  now: Date;
  timezone: string;
  /** The day of the reminder the link came from, if it carried one (unchecked input). */
  reminderDay?: string | null;
  /** When the walks of the last week happened. */
  walkedAt: readonly Date[];
}

/** The days a participant may log a walk for, today first, in their own calendar. */
export function loggableDays(now: Date, timezone: string): LocalDate[] {
  const today = localParts(now, timezone).date;
  return Array.from({ length: CHECK_IN_DAYS_BACK + 1 }, (_, i) => addDays(today, -i));
}

/**
 * The "which day was the walk?" answers: today, yesterday, and the reminder's own day when the link
 * came from an older reminder (a walk done on Monday and logged from Monday's email on Wednesday).
 * Each says whether that day already has a walk, so a second tap on an old email is noticed.
 */
export function checkInDayChoices(context: CheckInDayContext): CheckInDayChoice[] {
  const { now, timezone } = context;
  const allowed = loggableDays(now, timezone);
  const [today, yesterday] = allowed as [LocalDate, LocalDate];
  const reminderDay =
    typeof context.reminderDay === 'string' &&
    isLocalDate(context.reminderDay) &&
    allowed.includes(context.reminderDay)
      ? context.reminderDay
      : null;
  const logged = new Set(context.walkedAt.map((at) => localParts(at, timezone).date));
  const dates = [today, yesterday];
  if (reminderDay !== null && !dates.includes(reminderDay)) dates.push(reminderDay);
  const preselected = reminderDay ?? today;
  return dates.map((date) => ({
    date,
    label:
      date === today
        ? `Today, ${describeLocalDate(date)}`
        : date === yesterday
          ? `Yesterday, ${describeLocalDate(date)}`
          : `${describeLocalDate(date)}, the day of your reminder`,
    logged: logged.has(date),
    preselected: date === preselected,
  }));
}

/**
 * When a walk logged for `day` happened: now for today; for an earlier day, the participant's
 * reminder time on it (when they planned to walk), kept within the last 7 × 24 hours. Null for a
 * day that cannot be logged (in the future, too long ago, or not a date).
 */
export function walkTimeForDay(
  day: string,
  context: { now: Date; timezone: string; reminderTime: string },
): Date | null {
  const { now, timezone } = context;
  if (!isLocalDate(day) || !loggableDays(now, timezone).includes(day)) return null;
  if (day === localParts(now, timezone).date) return now;
  const planned = zonedTimeToInstant(day, context.reminderTime, timezone).getTime();
  return new Date(Math.max(planned, now.getTime() - OLDEST_MS));
}
