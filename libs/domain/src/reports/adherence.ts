import { addDays, type LocalDate, type Weekday, weekdayOf, WEEKDAYS } from '../schedule/local-time';

/**
 * Planned sessions: how many of the person's reminder days fall between `first` and `last`
 * (calendar dates, both included). An empty span (last before first) plans nothing.
 * Counted in closed form, so a year-long span costs the same as a day.
 */
export function plannedSessions(reminderDays: readonly Weekday[], first: LocalDate, last: LocalDate): number {
  const days = daysBetween(first, last) + 1;
  if (days <= 0) return 0;
  const start = WEEKDAYS.indexOf(weekdayOf(first));
  let planned = 0;
  for (const day of new Set(reminderDays)) {
    const offset = (WEEKDAYS.indexOf(day) - start + 7) % 7;
    if (offset < days) planned += Math.floor((days - 1 - offset) / 7) + 1;
  }
  return planned;
}

/** Whole days from `a` to `b` (negative when b is before a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * The days a person was expected to walk within a report period: from the day after they confirmed
 * (the confirmation day's reminder time has usually passed) to the day before they stopped being
 * active (paused, unsubscribed, safety stop, completed, erased), clipped to the period.
 * `periodEnd` is exclusive. Returns null when nothing was expected in the period.
 */
export function expectedSpan(input: {
  confirmedOn: LocalDate | null;
  stoppedOn: LocalDate | null;
  periodStart: LocalDate;
  periodEnd: LocalDate;
}): { first: LocalDate; last: LocalDate } | null {
  if (input.confirmedOn === null) return null;
  const afterConfirmation = addDays(input.confirmedOn, 1);
  const first = afterConfirmation > input.periodStart ? afterConfirmation : input.periodStart;
  const beforeStop = input.stoppedOn === null ? null : addDays(input.stoppedOn, -1);
  const periodLast = addDays(input.periodEnd, -1);
  const last = beforeStop !== null && beforeStop < periodLast ? beforeStop : periodLast;
  return first <= last ? { first, last } : null;
}

/** Sessions done per planned session, in percent, one decimal; null when nothing was planned. */
export function adherencePercent(done: number, planned: number): number | null {
  if (planned <= 0) return null;
  return Math.round((done / planned) * 1000) / 10;
}
