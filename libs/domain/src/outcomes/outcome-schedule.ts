import { type FieldProblem } from '../errors';
import { type QuietHours, releaseFromQuietHours } from '../schedule/quiet-hours';

/**
 * The three outcome checks: before the programme, at the end of its dose (week 6 by default, as in
 * the trial the dose comes from) and some weeks after (week 12), as digital knee programmes report.
 * The ids name the role of a check, not its week, because an organisation may change the weeks.
 */
export const OUTCOME_TIMEPOINTS = ['baseline', 'dose_end', 'follow_up'] as const;
export type OutcomeTimepoint = (typeof OUTCOME_TIMEPOINTS)[number];

export function isOutcomeTimepoint(value: unknown): value is OutcomeTimepoint {
  return typeof value === 'string' && (OUTCOME_TIMEPOINTS as readonly string[]).includes(value);
}

/** An organisation's outcome checks: on or off, and the programme weeks of the two later checks. */
export interface OutcomeSettings {
  enabled: boolean;
  /** Weeks after confirming: the end-of-dose check, then the follow-up check. */
  weeks: readonly [number, number];
}

export const DEFAULT_OUTCOME_SETTINGS: Readonly<OutcomeSettings> = Object.freeze({
  enabled: true,
  weeks: Object.freeze<[number, number]>([6, 12]),
});

/** The first later check comes after the baseline window has closed; the last within a year. */
export const OUTCOME_WEEK_LIMITS = Object.freeze({ min: 2, max: 52 });

/** Problems with a pair of weeks, each naming the field (`outcomeChecks.weeks`) as the API sees it. */
export function outcomeWeeksProblems(weeks: readonly unknown[]): FieldProblem[] {
  const field = 'outcomeChecks.weeks';
  if (weeks.length !== 2) return [{ field, message: 'must list two weeks, such as [6, 12]' }];
  const [first, second] = weeks;
  const { min, max } = OUTCOME_WEEK_LIMITS;
  for (const week of weeks) {
    if (typeof week !== 'number' || !Number.isInteger(week) || week < min || week > max) {
      return [{ field, message: `must be whole weeks from ${min} to ${max}` }];
    }
  }
  if ((second as number) <= (first as number)) {
    return [{ field, message: 'the second week must come after the first' }];
  }
  return [];
}

/** Programme week a check belongs to (weeks after the programme started): 0 for the baseline. */
export function weekOfTimepoint(timepoint: OutcomeTimepoint, settings: OutcomeSettings): number {
  switch (timepoint) {
    case 'baseline':
      return 0;
    case 'dose_end':
      return settings.weeks[0];
    case 'follow_up':
      return settings.weeks[1];
  }
}

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** A check can be answered for two weeks after it opens; then it closes, answered or not. */
export const OUTCOME_CHECK_OPEN_DAYS = 14;
/** The one reminder, for a check still unanswered this long after it opened. */
export const OUTCOME_REMINDER_AFTER_DAYS = 3;
/** A baseline counts as one only if answered within the first programme week. */
export const BASELINE_WINDOW_DAYS = 7;
/** The baseline email follows the welcome a minute later, so it reads as the welcome's next step. */
export const BASELINE_AFTER_WELCOME_MS = 60_000;

export interface PlannedOutcomeCheck {
  timepoint: OutcomeTimepoint;
  week: number;
  /** When the check opens: confirmation, or that many whole weeks after it. */
  opensAt: Date;
  closesAt: Date;
  /** When the email goes: the opening moment, moved out of quiet hours (the system chose it). */
  askAt: Date;
  /** When the one reminder goes if there is no answer by then; also out of quiet hours. */
  remindAt: Date;
}

/**
 * The three checks of a person whose programme has just started (they confirmed, or were cleared
 * after screening), fixed at that moment: a later change of the organisation's weeks applies to
 * people who start after it, so one person's checks stay comparable. The baseline goes with the
 * welcome email.
 */
export function planOutcomeChecks(input: {
  startedAt: Date;
  timezone: string;
  quietHours: QuietHours;
  settings: OutcomeSettings;
}): PlannedOutcomeCheck[] {
  if (!input.settings.enabled) return [];
  return OUTCOME_TIMEPOINTS.map((timepoint) => {
    const week = weekOfTimepoint(timepoint, input.settings);
    const opensAt = new Date(input.startedAt.getTime() + week * WEEK_MS);
    const release = (at: Date) => releaseFromQuietHours(at, input.timezone, input.quietHours);
    const ask = timepoint === 'baseline' ? opensAt.getTime() + BASELINE_AFTER_WELCOME_MS : opensAt.getTime();
    return {
      timepoint,
      week,
      opensAt,
      closesAt: new Date(opensAt.getTime() + OUTCOME_CHECK_OPEN_DAYS * DAY_MS),
      askAt: release(new Date(ask)),
      remindAt: release(new Date(opensAt.getTime() + OUTCOME_REMINDER_AFTER_DAYS * DAY_MS)),
    };
  });
}

/** "Before the second week": a baseline answered later describes someone already a week in. */
export function countsAsBaseline(startedAt: Date, answeredAt: Date): boolean {
  return answeredAt.getTime() < startedAt.getTime() + BASELINE_WINDOW_DAYS * DAY_MS;
}

export type OutcomeCheckState = 'not_open_yet' | 'open' | 'answered' | 'closed';

export function outcomeCheckState(check: {
  opensAt: Date;
  closesAt: Date;
  answeredAt: Date | null;
  now: Date;
}): OutcomeCheckState {
  if (check.answeredAt !== null) return 'answered';
  if (check.now.getTime() < check.opensAt.getTime()) return 'not_open_yet';
  return check.now.getTime() < check.closesAt.getTime() ? 'open' : 'closed';
}

const ASK_PREFIX = 'outcome_check:';
const REMINDER_PREFIX = 'outcome_check_reminder:';

/** One ask and one reminder per person and check: `outcome_check[_reminder]:<enrolment>:<timepoint>`. */
export function outcomeCheckDedupeKey(
  enrollmentId: string,
  timepoint: OutcomeTimepoint,
  which: 'ask' | 'reminder',
): string {
  return `${which === 'ask' ? ASK_PREFIX : REMINDER_PREFIX}${enrollmentId}:${timepoint}`;
}

/** Which check (and whether the reminder) a scheduled row is, from its dedupe key. */
export function parseOutcomeCheckDedupeKey(
  key: string,
): { enrollmentId: string; timepoint: OutcomeTimepoint; reminder: boolean } | null {
  const reminder = key.startsWith(REMINDER_PREFIX);
  if (!reminder && !key.startsWith(ASK_PREFIX)) return null;
  const [enrollmentId, timepoint, extra] = key
    .slice((reminder ? REMINDER_PREFIX : ASK_PREFIX).length)
    .split(':');
  if (extra !== undefined || !enrollmentId || !isOutcomeTimepoint(timepoint)) return null;
  return { enrollmentId, timepoint, reminder };
}

/**
 * Reports take a check into account for a whole enrolment block at once, this many weeks after the
 * block's last enrolment week ended: the check's week, its answer window (one week for the
 * baseline, two for the others) and one week for people who confirmed late. Only what was asked and
 * answered before then counts, so a block's outcome figures never change once they are published.
 */
export function outcomeObservationWeeks(timepoint: OutcomeTimepoint, settings: OutcomeSettings): number {
  const window = timepoint === 'baseline' ? 1 : 2;
  return weekOfTimepoint(timepoint, settings) + window + 1;
}

/** How a check is named to people: "Start", "Week 6". */
export function outcomeTimepointLabel(timepoint: OutcomeTimepoint, week: number): string {
  return timepoint === 'baseline' ? 'Start' : `Week ${week}`;
}
