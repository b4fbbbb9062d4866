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

/**
 * What a person who has just been stopped needs to read, each thing once: what we did, what to do
 * now, when to get help at once, and how to start again. Why they must stop comes from what they
 * told us (`stopWords`). The safety email and the stop page both take their words from here.
 */
export const SAFETY_STOP = Object.freeze({
  checkFirst: 'your knee should be checked by a doctor or physiotherapist before you walk backwards again',
  paused: 'We have paused your programme and your reminders, and your coach has been told.',
  whatToDo: Object.freeze([
    'Rest the leg and avoid whatever brought the symptoms on.',
    'Book a check with your GP or a physiotherapist and tell them what happened.',
  ]),
  urgentTitle: 'Get urgent medical help if',
  urgent: Object.freeze([
    'your knee swells badly',
    'you cannot put weight on it',
    'it looks out of shape',
    'it is hot and red or you have a fever',
    'you hit your head or feel faint after a fall',
  ]),
  restart: Object.freeze([
    'When a doctor or physiotherapist has said you can carry on, tell us with the link below.',
    'We restart you gently, at an easier level, and tell you when your reminders begin again.',
  ]),
});

/** "a, b, c or d": the urgent signs as the end of one sentence. */
function joinOr(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;
}

/** The stop advice as one text, for places that show it as a paragraph. */
export const SAFETY_STOP_ADVICE = [
  `Please stop walking backwards for now: ${SAFETY_STOP.checkFirst}.`,
  SAFETY_STOP.paused,
  ...SAFETY_STOP.whatToDo,
  `${SAFETY_STOP.urgentTitle} ${joinOr(SAFETY_STOP.urgent)}.`,
].join(' ');

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
