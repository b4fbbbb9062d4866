import type { DecisionAction } from '../check-ins/decision';
import {
  addDays,
  type LocalDate,
  localParts,
  type Weekday,
  WEEKDAYS,
  weekdayOf,
} from '../schedule/local-time';

export interface SessionForSummary {
  performedAt: Date;
  durationMinutes: number | null;
  painDuring: number;
}

/** A recorded decision (after a check-in, a next-morning answer or a clearance), as the summary needs it. */
export interface DecisionForSummary {
  at: Date;
  action: DecisionAction | 'resume';
}

/** What held the programme back in the week; all zero in a week that went to plan. */
export interface WeekSetbacks {
  /** Safety stops (a red flag); the person has been cleared since, or no summary would be sent. */
  stops: number;
  /** Steps back to an easier level after a "worse" next morning. */
  stepBacks: number;
  /** Sessions (or next-morning answers) that kept the level because of pain or a near fall. */
  holds: number;
  /** The weekday of the first stop, to say when it happened. */
  firstStopOn: Weekday | null;
}

export interface WeekSummary {
  days: { date: LocalDate; weekday: Weekday; minutes: number; pain: number | null }[];
  sessionsDone: number;
  sessionsPlanned: number;
  minutes: number;
  painTrend: 'lower' | 'same' | 'higher' | 'unknown';
  setbacks: WeekSetbacks;
}

const DAY_NAMES: { readonly [D in Weekday]: string } = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

function average(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * The seven local days before `weekEnd` (exclusive) in the participant's timezone: minutes and the
 * highest pain per day, sessions against the planned days, and the pain trend against the week
 * before (a change of less than one point on average counts as "about the same").
 */
export function summariseWeek(input: {
  weekEnd: LocalDate;
  timezone: string;
  plannedDays: readonly Weekday[];
  sessions: readonly SessionForSummary[];
  /** Decisions of the week and around it; those outside the seven local days are ignored. */
  decisions?: readonly DecisionForSummary[];
}): WeekSummary {
  const { weekEnd, timezone, plannedDays, sessions, decisions = [] } = input;
  const dates = Array.from({ length: 7 }, (_, i) => addDays(weekEnd, i - 7));
  const previous = new Set(Array.from({ length: 7 }, (_, i) => addDays(weekEnd, i - 14)));
  const byDate = new Map<LocalDate, SessionForSummary[]>();
  const previousPains: number[] = [];
  for (const session of sessions) {
    const date = localParts(session.performedAt, timezone).date;
    if (previous.has(date)) previousPains.push(session.painDuring);
    const list = byDate.get(date) ?? [];
    list.push(session);
    byDate.set(date, list);
  }
  const days = dates.map((date) => {
    const list = byDate.get(date) ?? [];
    return {
      date,
      weekday: weekdayOf(date),
      minutes: list.reduce((sum, s) => sum + (s.durationMinutes ?? 0), 0),
      pain: list.length === 0 ? null : Math.max(...list.map((s) => s.painDuring)),
    };
  });
  const thisWeek = dates.flatMap((d) => (byDate.get(d) ?? []).map((s) => s.painDuring));
  const [now, before] = [average(thisWeek), average(previousPains)];
  const painTrend =
    now === null || before === null
      ? 'unknown'
      : now <= before - 1
        ? 'lower'
        : now >= before + 1
          ? 'higher'
          : 'same';
  return {
    days,
    sessionsDone: dates.reduce((n, d) => n + (byDate.get(d)?.length ?? 0), 0),
    sessionsPlanned: WEEKDAYS.filter((d) => plannedDays.includes(d)).length,
    minutes: days.reduce((sum, d) => sum + d.minutes, 0),
    painTrend,
    setbacks: setbacksIn(
      decisions.filter((d) => dates.includes(localParts(d.at, timezone).date)),
      timezone,
    ),
  };
}

function setbacksIn(decisions: readonly DecisionForSummary[], timezone: string): WeekSetbacks {
  const inOrder = [...decisions].sort((a, b) => a.at.getTime() - b.at.getTime());
  const firstStop = inOrder.find((d) => d.action === 'stop');
  return {
    stops: inOrder.filter((d) => d.action === 'stop').length,
    stepBacks: inOrder.filter((d) => d.action === 'step_back').length,
    holds: inOrder.filter((d) => d.action === 'hold').length,
    firstStopOn: firstStop === undefined ? null : localParts(firstStop.at, timezone).weekday,
  };
}

/** The chart's words, for the alt text and the plain-text part. */
export function describeWeekForChart(summary: WeekSummary): string {
  const parts = summary.days.map(
    (d) =>
      `${DAY_NAMES[d.weekday]} ${d.minutes > 0 ? `${d.minutes} min` : 'no walk'}` +
      (d.pain === null ? '' : `, pain ${d.pain}/10`),
  );
  return `Minutes walked each day: ${parts.join('; ')}.`;
}
