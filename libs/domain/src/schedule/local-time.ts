import {
  DAY_MS,
  MINUTE_MS,
  formatMinutesOfDay,
  formatWallDate,
  parseLocalDate,
  parseLocalTime,
  requireLocalDate,
  requireLocalTime,
  wallMinutesOfDay,
  wallWeekdayIndex,
} from './wall-calendar';
import { canonicalTimeZone } from './time-zone-name';
import { earliestInstantAt, offsetAt, requireClock, wallAt } from './zone-clock';

/** A calendar date in a participant's timezone, 'YYYY-MM-DD'. */
export type LocalDate = string;
/** A wall-clock time, 'HH:MM' on a 24-hour clock. */
export type LocalTime = string;
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Monday first, so `WEEKDAYS[i]` matches ISO weekday i + 1. */
export const WEEKDAYS: readonly Weekday[] = Object.freeze(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

function weekdayAt(index: number): Weekday {
  const weekday = WEEKDAYS[index];
  if (weekday === undefined) throw new RangeError(`No weekday at index ${index}`);
  return weekday;
}

export interface LocalParts {
  date: LocalDate;
  time: LocalTime;
  weekday: Weekday;
  /** Minutes since local midnight, 0-1439. */
  minutesOfDay: number;
}

/** Exactly 'HH:MM' between 00:00 and 23:59. */
export function isLocalTime(s: string): boolean {
  return parseLocalTime(s) !== undefined;
}

/** A real calendar date written 'YYYY-MM-DD', years 0001-9999. */
export function isLocalDate(s: string): boolean {
  return parseLocalDate(s) !== undefined;
}

/**
 * True for the names of places the runtime's Intl knows ('Europe/Berlin', 'UTC', any case, also
 * aliases such as 'Asia/Calcutta'); false for '', for fixed offsets like '+05:00' or 'Etc/GMT+5'
 * and for abbreviations such as 'EST', 'CET' or 'GMT' (see `canonicalTimeZone`, which gives the
 * name to store).
 */
export function isValidTimeZone(tz: string): boolean {
  return canonicalTimeZone(tz) !== null;
}

/** The local date, time and weekday `instant` shows in `tz`, truncated to the minute. */
export function localParts(instant: Date, tz: string): LocalParts {
  const wall = wallAt(instant.getTime(), requireClock(tz));
  const minutesOfDay = wallMinutesOfDay(wall);
  return {
    date: formatWallDate(wall),
    time: formatMinutesOfDay(minutesOfDay),
    weekday: weekdayAt(wallWeekdayIndex(wall)),
    minutesOfDay,
  };
}

export function weekdayOf(date: LocalDate): Weekday {
  return weekdayAt(wallWeekdayIndex(requireLocalDate(date)));
}

export function addDays(date: LocalDate, days: number): LocalDate {
  if (!Number.isInteger(days)) throw new RangeError(`Expected a whole number of days, got ${days}`);
  return formatWallDate(requireLocalDate(date) + days * DAY_MS);
}

/** Minutes to add to UTC to get local time at `instant`: New York in winter is -300. */
export function offsetMinutes(instant: Date, tz: string): number {
  return offsetAt(instant.getTime(), requireClock(tz)) / MINUTE_MS;
}

/**
 * The instant at which `tz` shows `date` `time`. A time skipped by a spring-forward gap resolves to the
 * first valid minute after it, which is the transition (New York 2027-03-14 02:30 -> 03:00 EDT); a
 * time repeated by a fall-back overlap resolves to its first occurrence.
 */
export function zonedTimeToInstant(date: LocalDate, time: LocalTime, tz: string): Date {
  const wall = requireLocalDate(date) + requireLocalTime(time) * MINUTE_MS;
  return new Date(earliestInstantAt(wall, requireClock(tz)));
}
