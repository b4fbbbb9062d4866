import { localParts } from '@retrowalk/domain';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "25 minutes ago", "3 hours ago", "yesterday", "5 days ago", "3 weeks ago". */
export function ago(at: Date, now: Date): string {
  const ms = now.getTime() - at.getTime();
  if (ms < 0) return inFuture(-ms);
  if (ms < 2 * MINUTE) return 'just now';
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} minutes ago`;
  if (ms < 2 * HOUR) return '1 hour ago';
  if (ms < DAY) return `${Math.floor(ms / HOUR)} hours ago`;
  if (ms < 2 * DAY) return 'yesterday';
  if (ms < 14 * DAY) return `${Math.floor(ms / DAY)} days ago`;
  if (ms < 60 * DAY) return `${Math.floor(ms / (7 * DAY))} weeks ago`;
  return `${Math.floor(ms / (30 * DAY))} months ago`;
}

function inFuture(ms: number): string {
  if (ms < 2 * MINUTE) return 'in a moment';
  if (ms < HOUR) return `in ${Math.floor(ms / MINUTE)} minutes`;
  if (ms < DAY) return `in ${Math.floor(ms / HOUR)} hours`;
  return `in ${Math.floor(ms / DAY)} days`;
}

const WEEKDAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Tue 4 Mar 2027, 07:40" in a timezone (the participant's: times on their page are theirs). */
export function when(at: Date, timezone: string): string {
  const { date, time } = localParts(at, timezone);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = WEEKDAY[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return `${weekday} ${d} ${MONTH[m - 1]} ${y}, ${time}`;
}

/** For a datetime attribute. */
export function iso(at: Date): string {
  return at.toISOString();
}
