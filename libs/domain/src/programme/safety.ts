import { getLevel } from './levels';

export interface SafetyBasic {
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

export const SAFETY_BASICS: readonly SafetyBasic[] = Object.freeze([
  {
    id: 'clear_space',
    title: 'A clear space',
    text: 'Walk somewhere flat and open with nothing behind you to trip over, for example a corridor, a running track or an empty sports hall.',
  },
  {
    id: 'support',
    title: 'Support while you start',
    text: 'In your first sessions, hold on to a handrail, a kitchen worktop or other solid furniture, or have someone walk beside you.',
  },
  {
    id: 'upright',
    title: 'Stay tall',
    text: 'Keep your chest lifted and your shoulders back without leaning, and glance over your shoulder now and then to see where you are going.',
  },
  {
    id: 'controlled_steps',
    title: 'Slow, controlled steps',
    text: 'Put your toes down first and roll back onto your heel, letting the muscles at the front of your thigh control each step.',
  },
  {
    id: 'stop_on_pain',
    title: 'Stop if it hurts',
    text: 'Feeling your thigh muscles work is normal. Any other pain means stop straight away, above all pain that is sharp or does not go away.',
  },
]);

export const SAFETY_STOP_ADVICE =
  'Please stop walking backwards for now, and do not start again until a doctor or physiotherapist has ' +
  'checked your knee and told you it is fine to carry on. We have paused your programme and will only ' +
  'restart it once that is confirmed. Until then, rest the leg and avoid whatever brings the symptoms on. ' +
  'Get urgent medical help if your knee swells badly, you cannot put weight on it, it looks out of shape, ' +
  'it is hot and red or you have a fever, or if you hit your head or feel faint after a fall.';

const DAY_MS = 24 * 60 * 60 * 1000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a calendar date; the date is a local calendar day, so no timezone applies. */
function dayNumber(localDate: string): number {
  const match = LOCAL_DATE.exec(localDate);
  if (match === null) throw new RangeError(`Expected a local date as YYYY-MM-DD, got "${localDate}"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = Date.UTC(year, month - 1, day);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`"${localDate}" is not a calendar date`);
  }
  return Math.round(utc / DAY_MS);
}

/**
 * The safety point for a reminder. Rotating by calendar day (not by send count) keeps it a pure function
 * of the reminder's dedupe key, so a resent reminder shows the same point, while consecutive days differ.
 */
export function safetyPointForDay(localDate: string, level: number): string {
  const levelPoint = getLevel(level).safetyPoint;
  const points = [levelPoint, ...SAFETY_BASICS.map((basic) => basic.text)];
  const day = dayNumber(localDate);
  // The index is always in range; the fallback only satisfies the type checker.
  return points[((day % points.length) + points.length) % points.length] ?? levelPoint;
}
