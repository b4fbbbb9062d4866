import { type LocalTime } from './local-time';
import { DAY_MS, MINUTE_MS, requireLocalTime, wallDayStart, wallMinutesOfDay } from './wall-calendar';
import { type ZoneClock, earliestInstantAt, instantsAt, requireClock, wallAt } from './zone-clock';

/**
 * Local hours in which the system sends nothing it scheduled itself. `start` is inclusive, `end`
 * exclusive; start later than end wraps past midnight; start equal to end means no quiet hours.
 */
export interface QuietHours {
  start: LocalTime;
  end: LocalTime;
}

export const DEFAULT_QUIET_HOURS: Readonly<QuietHours> = Object.freeze({ start: '21:00', end: '07:00' });

function isQuietMinute(minutesOfDay: number, start: number, end: number): boolean {
  if (start === end) return false;
  return start < end
    ? minutesOfDay >= start && minutesOfDay < end
    : minutesOfDay >= start || minutesOfDay < end;
}

function isQuietAt(ms: number, clock: ZoneClock, start: number, end: number): boolean {
  return isQuietMinute(wallMinutesOfDay(wallAt(ms, clock)), start, end);
}

export function isWithinQuietHours(instant: Date, tz: string, quiet: QuietHours): boolean {
  return isQuietAt(
    instant.getTime(),
    requireClock(tz),
    requireLocalTime(quiet.start),
    requireLocalTime(quiet.end),
  );
}

/**
 * For messages whose time the system chose (follow-ups, summaries): an instant inside quiet hours moves
 * to the moment they end, the next time the local clock reads `end`; any other instant is returned
 * unchanged. Reminders at a time the participant chose never pass through here.
 */
export function releaseFromQuietHours(instant: Date, tz: string, quiet: QuietHours): Date {
  const clock = requireClock(tz);
  const start = requireLocalTime(quiet.start);
  const end = requireLocalTime(quiet.end);
  if (!isQuietAt(instant.getTime(), clock, start, end)) return instant;
  let released = nextWallTimeAfter(instant.getTime(), clock, end * MINUTE_MS);
  // Only a window covering nearly the whole day can be re-entered: a spring-forward gap swallows its
  // end and the clock lands past its start. Then the window ends at the next day's `end`.
  for (let attempt = 0; isQuietAt(released, clock, start, end); attempt++) {
    if (attempt === 2) throw new Error(`Quiet hours ${quiet.start}-${quiet.end} never end in ${tz}`);
    released = nextWallTimeAfter(released, clock, end * MINUTE_MS);
  }
  return new Date(released);
}

/**
 * The next instant strictly after `instant` whose local time is `time`, e.g. "tomorrow morning" for a
 * follow-up. Where a spring-forward gap skips `time` that day, the transition stands in for it; where a
 * fall-back overlap repeats it, each occurrence counts.
 */
export function nextLocalTimeAfter(instant: Date, tz: string, time: LocalTime): Date {
  return new Date(nextWallTimeAfter(instant.getTime(), requireClock(tz), requireLocalTime(time) * MINUTE_MS));
}

function nextWallTimeAfter(ms: number, clock: ZoneClock, timeMs: number): number {
  // From the day before: a gap crossing midnight can push yesterday's time past `ms`.
  const today = wallDayStart(wallAt(ms, clock));
  for (let day = today - DAY_MS; day <= today + 2 * DAY_MS; day += DAY_MS) {
    const wall = day + timeMs;
    const occurrences = instantsAt(wall, clock);
    if (occurrences === undefined) {
      const transition = earliestInstantAt(wall, clock);
      if (transition > ms) return transition;
    } else if (occurrences.earliest > ms) {
      return occurrences.earliest;
    } else if (occurrences.latest > ms) {
      return occurrences.latest;
    }
  }
  throw new Error(`No local time found within two days after ${new Date(ms).toISOString()}`);
}
