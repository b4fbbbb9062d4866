/*
 * A "wall" number is a local date and time expressed as the milliseconds the same date and time would
 * have in UTC. The scheduling code works on wall numbers so its hot paths do arithmetic instead of
 * building and parsing strings; a zone's UTC offset is then simply `wall - instant`.
 */

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** The decimal value of the character at `index`, or NaN when it is not an ASCII digit. */
export function digitAt(s: string, index: number): number {
  const value = s.charCodeAt(index) - 48;
  return value >= 0 && value <= 9 ? value : Number.NaN;
}

export function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

/** Minutes since midnight, or undefined when `s` is not exactly 'HH:MM' within 00:00-23:59. */
export function parseLocalTime(s: string): number | undefined {
  if (s.length !== 5 || s.charCodeAt(2) !== 58 /* ':' */) return undefined;
  const hour = digitAt(s, 0) * 10 + digitAt(s, 1);
  const minute = digitAt(s, 3) * 10 + digitAt(s, 4);
  if (!(hour <= 23 && minute <= 59)) return undefined; // NaN fails both comparisons
  return hour * 60 + minute;
}

/** Wall number of local midnight, or undefined unless `s` is a real date 'YYYY-MM-DD' in years 0001-9999. */
export function parseLocalDate(s: string): number | undefined {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 /* '-' */ || s.charCodeAt(7) !== 45) return undefined;
  const year = digitAt(s, 0) * 1000 + digitAt(s, 1) * 100 + digitAt(s, 2) * 10 + digitAt(s, 3);
  const month = digitAt(s, 5) * 10 + digitAt(s, 6);
  const day = digitAt(s, 8) * 10 + digitAt(s, 9);
  if (!(year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)))
    return undefined;
  return utcMidnight(year, month, day);
}

export function requireLocalTime(s: string): number {
  const minutes = parseLocalTime(s);
  if (minutes === undefined) throw new RangeError(`Expected a local time 'HH:MM', got "${s}"`);
  return minutes;
}

export function requireLocalDate(s: string): number {
  const wall = parseLocalDate(s);
  if (wall === undefined) throw new RangeError(`Expected a local date 'YYYY-MM-DD', got "${s}"`);
  return wall;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** `month` counts from 1. Date.UTC reads years 0-99 as 1900-1999, so those are set explicitly. */
export function utcMidnight(year: number, month: number, day: number): number {
  const ms = Date.UTC(year, month - 1, day);
  return year < 100 ? new Date(ms).setUTCFullYear(year) : ms;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

export function wallDayStart(wall: number): number {
  return wall - mod(wall, DAY_MS);
}

export function wallMinutesOfDay(wall: number): number {
  return Math.floor(mod(wall, DAY_MS) / MINUTE_MS);
}

/** 0 for Monday through 6 for Sunday. */
export function wallWeekdayIndex(wall: number): number {
  return (new Date(wall).getUTCDay() + 6) % 7;
}

/** 'YYYY-MM-DD' of the wall number's date. */
export function formatWallDate(wall: number): string {
  const d = new Date(wall);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** 'HH:MM' for minutes since midnight. */
export function formatMinutesOfDay(minutes: number): string {
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}
