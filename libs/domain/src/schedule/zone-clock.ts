import { DAY_MS, MINUTE_MS, digitAt, mod, utcMidnight } from './wall-calendar';

const FIELDS = ['year', 'month', 'day', 'hour', 'minute', 'second'] as const;
type Field = (typeof FIELDS)[number];

/** A timezone's formatter, and how to read its output back into a wall number. */
export interface ZoneClock {
  readonly formatter: Intl.DateTimeFormat;
  /** Which run of digits in the formatted text holds each field. */
  readonly runOf: Readonly<Record<Field, number>>;
}

// Intl drops the era before 1 CE, so "year 2" could be 2 CE or 2 BCE; stay clear of that by two days.
const EARLIEST_SUPPORTED_MS = -62_135_596_800_000 + 2 * DAY_MS; // 0001-01-03T00:00Z
const LATEST_DATE_MS = 8.64e15;

/*
 * Creating an Intl.DateTimeFormat costs some 80 times more than formatting with one, and the
 * dispatcher resolves tens of thousands of instants a minute across a handful of zones, so each zone's
 * formatter is built once and kept. The cap only guards against a flood of distinct (say, differently
 * cased) names; real traffic never gets near it.
 */
const clocks = new Map<string, ZoneClock>();
const rejectedZones = new Set<string>();
const CACHE_CAP = 1024;

// Reused between calls to spare an allocation per format; safe because nothing here re-enters.
const runs = [0, 0, 0, 0, 0, 0];

function createClock(tz: string): ZoneClock | undefined {
  // Newer engines accept offsets like '+05:00'; they are not places and have no DST, so refuse them.
  if (tz.length === 0 || tz[0] === '+' || tz[0] === '-' || digitAt(tz, 0) >= 0) return undefined;
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-US-u-nu-latn', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  } catch {
    return undefined;
  }
  // format() runs about twice as fast as formatToParts(); learn the field order once so the fast output
  // can be read by position, whatever order the runtime's locale data uses.
  const order = formatter
    .formatToParts(Date.UTC(2001, 1, 3, 4, 5, 6))
    .filter((part) => part.type !== 'literal')
    .map((part) => part.type);
  const runOf = Object.fromEntries(FIELDS.map((field) => [field, order.indexOf(field)])) as Record<
    Field,
    number
  >;
  if (order.length !== FIELDS.length || Object.values(runOf).includes(-1)) {
    throw new Error(`Unexpected Intl date layout for time zone "${tz}"`);
  }
  return { formatter, runOf };
}

export function findClock(tz: string): ZoneClock | undefined {
  const cached = clocks.get(tz);
  if (cached !== undefined) return cached;
  if (rejectedZones.has(tz)) return undefined;
  const clock = createClock(tz);
  if (clock === undefined) {
    if (rejectedZones.size >= CACHE_CAP) rejectedZones.clear();
    rejectedZones.add(tz);
  } else {
    if (clocks.size >= CACHE_CAP) clocks.clear();
    clocks.set(tz, clock);
  }
  return clock;
}

export function requireClock(tz: string): ZoneClock {
  const clock = findClock(tz);
  if (clock === undefined) throw new RangeError(`Unknown time zone "${tz}"`);
  return clock;
}

/** The wall number of instant `ms` in the clock's zone, to the second. */
export function wallAt(ms: number, clock: ZoneClock): number {
  if (!(ms >= EARLIEST_SUPPORTED_MS && ms <= LATEST_DATE_MS)) {
    throw new RangeError(`Instant out of supported range: ${ms}`);
  }
  const text = clock.formatter.format(ms);
  let count = 0;
  let value = -1;
  // One extra step past the end closes the last run of digits.
  for (let i = 0; i <= text.length; i++) {
    const d = digitAt(text, i);
    if (d >= 0) {
      value = value < 0 ? d : value * 10 + d;
    } else if (value >= 0) {
      if (count < runs.length) runs[count] = value;
      count++;
      value = -1;
    }
  }
  if (count !== runs.length) throw new Error(`Unexpected Intl output "${text}"`);
  const { runOf } = clock;
  const field = (name: Field): number => runs[runOf[name]] ?? Number.NaN;
  return (
    utcMidnight(field('year'), field('month'), field('day')) +
    field('hour') * 3_600_000 +
    field('minute') * MINUTE_MS +
    field('second') * 1000
  );
}

/** UTC offset in milliseconds at instant `ms`: wall time = instant + offset. */
export function offsetAt(ms: number, clock: ZoneClock): number {
  return wallAt(ms, clock) - (ms - mod(ms, 1000));
}

/*
 * The instants that could show a wall time are `wall - offset` for the offsets in force around it.
 * Sampling the offset a day either side brackets every candidate, because offsets stay within +-24 h
 * and no zone changes its offset twice within two days (checked minute by minute around every
 * transition of every zone from 1970 to 2045).
 */

/**
 * The earliest instant whose wall time is `wall`: its first occurrence in a fall-back overlap, and in a
 * spring-forward gap the transition itself (the first valid minute after the missing time).
 */
export function earliestInstantAt(wall: number, clock: ZoneClock): number {
  const offsetBefore = offsetAt(wall - DAY_MS, clock);
  const early = wall - offsetBefore;
  // The common case, and the first occurrence in an overlap, cost two formats.
  if (offsetAt(early, clock) === offsetBefore) return early;
  const offsetAfter = offsetAt(wall + DAY_MS, clock);
  const late = wall - offsetAfter;
  if (offsetAt(late, clock) === offsetAfter) return late;
  return gapTransition(late, early, clock);
}

/**
 * Both instants showing `wall`: equal unless a fall-back overlap repeats it; undefined when a
 * spring-forward gap skips it.
 */
export function instantsAt(wall: number, clock: ZoneClock): { earliest: number; latest: number } | undefined {
  const offsetBefore = offsetAt(wall - DAY_MS, clock);
  const offsetAfter = offsetAt(wall + DAY_MS, clock);
  const early = wall - offsetBefore;
  const late = wall - offsetAfter;
  const earlyShows = offsetAt(early, clock) === offsetBefore;
  const lateShows = late === early ? earlyShows : offsetAt(late, clock) === offsetAfter;
  if (earlyShows && lateShows) return { earliest: Math.min(early, late), latest: Math.max(early, late) };
  if (earlyShows) return { earliest: early, latest: early };
  if (lateShows) return { earliest: late, latest: late };
  return undefined;
}

// In a gap the clock jumps forward, so the transition lies in (from, to]: `from` (the wall time less
// the new offset) still has the old offset, `to` (less the old offset) already the new one.
function gapTransition(from: number, to: number, clock: ZoneClock): number {
  const oldOffset = offsetAt(from, clock);
  if (!(from < to) || offsetAt(to, clock) === oldOffset) {
    throw new Error(`Irregular time zone data around ${new Date(to).toISOString()}`);
  }
  let lo = from;
  let hi = to;
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.ceil((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
    if (offsetAt(mid, clock) === oldOffset) lo = mid;
    else hi = mid;
  }
  return hi;
}
