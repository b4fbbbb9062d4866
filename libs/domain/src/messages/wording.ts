import { type LocalDate, type Weekday, weekdayOf } from '../schedule/local-time';
import { type ReminderSchedule } from '../schedule/reminder-schedule';

const DAY_NAMES: { readonly [D in Weekday]: string } = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const WEEK_ORDER: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** "Monday": a weekday as a sentence names it. */
export function dayName(weekday: Weekday): string {
  return DAY_NAMES[weekday];
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** "Free-standing (Level 2)": how every email and page names a level. */
export function describeLevel(level: { level: number; name: string }): string {
  return `${level.name} (Level ${level.level})`;
}

/** "Mondays, Wednesdays and Fridays at 07:30, America/New_York time". */
export function describeReminderSchedule(schedule: ReminderSchedule, timezone: string): string {
  const days =
    schedule.days.length === 7
      ? 'Every day'
      : joinWords(WEEK_ORDER.filter((d) => schedule.days.includes(d)).map((d) => `${DAY_NAMES[d]}s`));
  return `${days} at ${schedule.time}, ${timezone} time`;
}

/** "Wednesday 10 March", for a participant's own local date. */
export function describeLocalDate(date: LocalDate): string {
  const [, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${DAY_NAMES[weekdayOf(date)]} ${day} ${MONTH_NAMES[month - 1]}`;
}
