/*
 * Test support for the schedule specs, never imported by production code. It answers "what does the
 * clock on the wall say?" straight from Intl.formatToParts and the zone's own offset name, and never
 * imports the code under test, so the specs compare against independent facts.
 */
import fc from 'fast-check';

export const ZONES = [
  'America/New_York',
  'Europe/Berlin',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'America/Santiago',
  'UTC',
] as const;

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export const FIRST_DAY = Date.UTC(2020, 0, 1);
export const LAST_DAY = Date.UTC(2040, 11, 31);

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let formatter = formatters.get(tz);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone: tz,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'longOffset',
    });
    formatters.set(tz, formatter);
  }
  return formatter;
}

export interface WallReading {
  /** 'YYYY-MM-DD HH:MM', so readings compare correctly as strings. */
  key: string;
  date: string;
  time: string;
  weekday: string;
  offsetMinutes: number;
}

/** What a wall clock in `tz` shows at instant `ms`, according to Intl alone. */
export function readWall(ms: number, tz: string): WallReading {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of formatterFor(tz).formatToParts(ms)) parts[part.type] = part.value;
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const time = `${parts.hour}:${parts.minute}`;
  return {
    key: `${date} ${time}`,
    date,
    time,
    weekday: (parts.weekday ?? '').toLowerCase(),
    offsetMinutes: parseOffsetName(parts.timeZoneName ?? ''),
  };
}

// 'GMT', 'GMT+05:45', 'GMT-03:00'
function parseOffsetName(name: string): number {
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name);
  if (match === null) throw new Error(`Unexpected offset name ${name}`);
  if (match[1] === undefined) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** 'YYYY-MM-DD' and 'HH:MM' of a UTC millisecond count, by plain Date arithmetic. */
export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function utcTime(ms: number): string {
  return new Date(ms).toISOString().slice(11, 16);
}

export interface Transition {
  /** First instant with the new offset. */
  at: number;
  offsetBefore: number;
  offsetAfter: number;
}

const transitionCache = new Map<string, readonly Transition[]>();

/**
 * Every offset change in `tz` from 2019-12 to 2041-01, found by scanning Intl week by week and
 * bisecting. The tested zones change at most twice a year, months apart, so a week cannot hide two.
 */
export function transitionsOf(tz: string): readonly Transition[] {
  const cached = transitionCache.get(tz);
  if (cached !== undefined) return cached;
  const found: Transition[] = [];
  const offset = (ms: number): number => readWall(ms, tz).offsetMinutes;
  let previous = FIRST_DAY - 31 * DAY;
  let previousOffset = offset(previous);
  for (let ms = previous + 7 * DAY; ms <= LAST_DAY + 31 * DAY; ms += 7 * DAY) {
    const current = offset(ms);
    if (current !== previousOffset) {
      let lo = previous;
      let hi = ms;
      while (hi - lo > MINUTE) {
        const mid = lo + Math.ceil((hi - lo) / 2 / MINUTE) * MINUTE;
        if (offset(mid) === previousOffset) lo = mid;
        else hi = mid;
      }
      found.push({ at: hi, offsetBefore: previousOffset, offsetAfter: current });
      previousOffset = current;
    }
    previous = ms;
  }
  transitionCache.set(tz, found);
  return found;
}

/** Instants in 2020-2040 on whole minutes, half of them within four hours of a transition of `tz`. */
export function instantArb(tz: string): fc.Arbitrary<number> {
  const uniform = fc
    .integer({ min: FIRST_DAY / MINUTE, max: LAST_DAY / MINUTE + 1439 })
    .map((m) => m * MINUTE);
  const transitions = transitionsOf(tz);
  if (transitions.length === 0) return uniform;
  const nearTransition = fc
    .tuple(fc.constantFrom(...transitions), fc.integer({ min: -240, max: 240 }))
    .map(([transition, minutes]) => transition.at + minutes * MINUTE);
  return fc.oneof(uniform, nearTransition);
}

export interface WallRequest {
  date: string;
  time: string;
}

/** Local dates and times in 2020-2040, half of them within three hours of a transition's wall time. */
export function wallRequestArb(tz: string): fc.Arbitrary<WallRequest> {
  const toRequest = (wall: number): WallRequest => ({ date: utcDate(wall), time: utcTime(wall) });
  const uniform = fc
    .integer({ min: FIRST_DAY / MINUTE, max: LAST_DAY / MINUTE + 1439 })
    .map((m) => toRequest(m * MINUTE));
  const transitions = transitionsOf(tz);
  if (transitions.length === 0) return uniform;
  const nearTransition = fc
    .tuple(fc.constantFrom(...transitions), fc.integer({ min: -180, max: 180 }))
    .map(([t, minutes]) => toRequest(t.at + t.offsetBefore * MINUTE + minutes * MINUTE));
  return fc.oneof(uniform, nearTransition);
}

/** Local times that sit in or next to some transition window of the tested zones, plus any time at all. */
export const localTimeArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '00:00',
    '00:30',
    '01:00',
    '01:30',
    '01:45',
    '02:00',
    '02:15',
    '02:30',
    '02:59',
    '03:00',
    '23:30',
  ),
  fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => pad(h) + ':' + pad(m)),
);

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Asserts `ms` is how `tz` resolves `requested` ('YYYY-MM-DD HH:MM'): the earliest whole minute at which
 * the clock reads `requested` or later. So the clock shows exactly `requested` when that time exists;
 * in a spring-forward gap `ms` is the jump over it; in a fall-back overlap no earlier reading matched.
 */
export function expectEarliestReaching(ms: number, tz: string, requested: string): void {
  const reading = readWall(ms, tz).key;
  const justBefore = readWall(ms - MINUTE, tz).key;
  const context = `${tz} ${requested} -> ${new Date(ms).toISOString()} reads ${reading}, a minute earlier ${justBefore}`;
  check(ms % MINUTE === 0, `${context}: not on a whole minute`);
  check(reading >= requested, `${context}: earlier than requested`);
  check(justBefore < requested, `${context}: not the earliest minute reaching the requested time`);
  // Only a forward jump of the clock may skip the requested time.
  if (reading !== requested) check(minutesBetweenKeys(justBefore, reading) > 1, `${context}: no gap here`);
  // Overlaps last a multiple of 30 minutes, so an earlier occurrence would land on this grid.
  for (let back = 15; back <= 240; back += 15) {
    const earlier = readWall(ms - back * MINUTE, tz).key;
    check(earlier < requested, `${context}: ${back} minutes earlier already reads ${earlier}`);
  }
}

/**
 * Asserts the clock in `tz` reads `time` at `ms`, or that `ms` is a forward jump of the clock over
 * `time` (the minute before reads earlier, `ms` itself later).
 */
export function expectReadsOrJumpsOver(ms: number, tz: string, time: string): void {
  const reading = readWall(ms, tz);
  if (reading.time === time) return;
  const justBefore = readWall(ms - MINUTE, tz);
  const skipped = [reading.date, justBefore.date].some((date) => {
    const requested = `${date} ${time}`;
    return justBefore.key < requested && requested < reading.key;
  });
  check(
    skipped && minutesBetweenKeys(justBefore.key, reading.key) > 1,
    `${tz} ${new Date(ms).toISOString()} reads ${reading.key}, a minute earlier ${justBefore.key}: neither ${time} nor a jump over it`,
  );
}

/** Throws with `message` unless `condition`; lets properties say what broke. */
export function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

function minutesBetweenKeys(from: string, to: string): number {
  const parse = (key: string): number => Date.parse(`${key.replace(' ', 'T')}:00Z`);
  return (parse(to) - parse(from)) / MINUTE;
}
