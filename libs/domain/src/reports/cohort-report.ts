import { type LocalDate, type Weekday } from '../schedule/local-time';
import { PROGRAMME_LEVELS } from '../programme/levels';
import { adherencePercent, expectedSpan, plannedSessions } from './adherence';
import { type CohortGrouping } from './cohort-query';
import {
  buildOutcomeRows,
  type OutcomeRow,
  type OutcomeTimepointFacts,
  totalOutcomeFacts,
} from './outcome-report';
import { OUTCOME_TIMEPOINTS, type OutcomeTimepoint } from '../outcomes/outcome-schedule';
import { cellOf, isTooSmall, type ReportCell, SUPPRESSION_THRESHOLD } from './suppression';
import {
  hideAcrossBlocks,
  hideInColumn,
  type PeopleBehind,
  revealsTooFew,
  suppressTable,
} from './table-suppression';

/** Weeks since enrolment the retention table goes up to (the programme's dose is 6 weeks). */
export const RETENTION_WEEKS = 8;

/** People of one plan shape: the same reminder days, confirmation day and stop day. */
export interface PlanFacts {
  reminderDays: readonly Weekday[];
  confirmedOn: LocalDate | null;
  stoppedOn: LocalDate | null;
  people: number;
}

/** What the database counts for one group (distinct people, each person in exactly one group). */
export interface CohortGroupFacts {
  key: string;
  enrolled: number;
  confirmed: number;
  /** People who logged at least one walk in the period. */
  active: number;
  sessionsDone: number;
  /** Sessions whose report holds a pain score (an erased person's report holds none). */
  sessionsWithPain: number;
  /** Sessions with pain 4 or more during the walk. */
  painSessions: number;
  peopleWithPain: number;
  safetyStops: number;
  peopleStopped: number;
  /** People by current level: index 0 is level 1. */
  levels: readonly number[];
  plans: readonly PlanFacts[];
  /** People who walked at least once in week `week` (1 = the first 7 days) since their enrolment. */
  retained: readonly { week: number; people: number }[];
  /** People whose enrolment block ended at least `weeks` whole weeks before the end of the period. */
  observed: readonly { weeks: number; people: number }[];
  /** People of this group in each enrolment block of the report. */
  blockPeople: readonly number[];
  /** The outcome checks, one entry per check (a check missing here counts nobody). */
  outcomes: readonly OutcomeTimepointFacts[];
}

export const COHORT_METRICS = [
  'enrolled',
  'confirmed',
  'active',
  'sessionsDone',
  'sessionsPlanned',
  'adherencePercent',
  'painSessionsPercent',
  'safetyStops',
] as const;
export type CohortMetric = (typeof COHORT_METRICS)[number];

export interface CohortRow {
  key: string;
  metrics: Record<CohortMetric, ReportCell>;
  /** People by current level, levels 1 to 6. */
  levels: ReportCell[];
  /** Percent of the people observed that long who walked in week 1, 2, ... since enrolment. */
  retention: ReportCell[];
  /** The outcome checks: baseline, end of the dose, follow-up. */
  outcomes: OutcomeRow;
}

/** How the outcomes section was read. */
export interface OutcomeSection {
  /** The programme week of each check (0 for the baseline), as the organisation has them now. */
  weeks: Readonly<Record<OutcomeTimepoint, number>>;
  /**
   * False with `groupBy=level`: people change level, so the same check would move between groups
   * from one report to the next and two reports could be compared to learn one person's answers.
   * Only the total is given then.
   */
  splitByGroup: boolean;
  /** Checks count up to this day (exclusive): the start of the current week. */
  until: LocalDate;
}

export interface CohortReport {
  from: LocalDate;
  to: LocalDate;
  /** Walks and stops are counted before this day (exclusive): the end of the last whole week. */
  activityUntil: LocalDate;
  groupBy: CohortGrouping;
  threshold: number;
  groups: CohortRow[];
  total: CohortRow;
  /** Some recent enrolments wait for their block to reach the threshold before being reported. */
  recentEnrolmentsHeldBack: boolean;
  /** The period reaches into the week in progress, which is reported once it is over. */
  currentWeekLeftOut: boolean;
  outcomeChecks: OutcomeSection;
}

interface Derived {
  people: Record<CohortMetric, PeopleBehind>;
  values: Record<CohortMetric, number | null>;
  levels: number[];
  retention: { value: number | null; people: PeopleBehind }[];
  /** The whole group must be hidden, whatever each cell says. */
  hidden: boolean;
  outcomes: readonly OutcomeTimepointFacts[];
}

function derive(facts: CohortGroupFacts, period: { start: LocalDate; end: LocalDate }): Derived {
  let planned = 0;
  for (const plan of facts.plans) {
    const span = expectedSpan({
      confirmedOn: plan.confirmedOn,
      stoppedOn: plan.stoppedOn,
      periodStart: period.start,
      periodEnd: period.end,
    });
    if (span) planned += plan.people * plannedSessions(plan.reminderDays, span.first, span.last);
  }
  const group = facts.enrolled;
  const retention = Array.from({ length: RETENTION_WEEKS }, (_, index) => {
    const week = index + 1;
    const atRisk = facts.observed.filter((o) => o.weeks >= week).reduce((sum, o) => sum + o.people, 0);
    const retained = facts.retained.find((r) => r.week === week)?.people ?? 0;
    return {
      value: atRisk === 0 ? null : percent(retained, atRisk),
      people: [atRisk, retained, atRisk - retained],
    };
  });
  // Who each figure is about. A count of people names those counted and, beside the group's
  // size, those not counted; walk figures are about the people who walked; planned walks about
  // the people who confirmed; the pain share about the walkers and those with painful walks.
  return {
    people: {
      enrolled: [group],
      confirmed: [facts.confirmed, group - facts.confirmed],
      active: [facts.active, group - facts.active],
      sessionsDone: [facts.active],
      sessionsPlanned: [facts.confirmed],
      adherencePercent: [facts.active, facts.confirmed],
      painSessionsPercent: [facts.active, facts.peopleWithPain],
      safetyStops: [facts.peopleStopped],
    },
    values: {
      enrolled: facts.enrolled,
      confirmed: facts.confirmed,
      active: facts.active,
      sessionsDone: facts.sessionsDone,
      sessionsPlanned: planned,
      adherencePercent: adherencePercent(facts.sessionsDone, planned),
      painSessionsPercent:
        facts.sessionsWithPain === 0 ? null : percent(facts.painSessions, facts.sessionsWithPain),
      safetyStops: facts.safetyStops,
    },
    levels: PROGRAMME_LEVELS.map((_, index) => facts.levels[index] ?? 0),
    retention,
    hidden: isTooSmall(group) || facts.blockPeople.some((people) => isTooSmall(people)),
    outcomes: facts.outcomes,
  };
}

function percent(part: number, whole: number): number {
  return Math.round((part / whole) * 1000) / 10;
}

/** Everyone in the report: the groups added up (each person is in exactly one group). */
export function totalOf(groups: readonly CohortGroupFacts[]): CohortGroupFacts {
  const sum = (pick: (g: CohortGroupFacts) => number) => groups.reduce((total, g) => total + pick(g), 0);
  const byWeek = (pick: (g: CohortGroupFacts) => readonly { people: number }[], key: 'week' | 'weeks') => {
    const counts = new Map<number, number>();
    for (const group of groups) {
      for (const entry of pick(group) as readonly ({ people: number } & Record<string, number>)[]) {
        counts.set(entry[key]!, (counts.get(entry[key]!) ?? 0) + entry.people);
      }
    }
    return [...counts].map(([week, people]) => ({ [key]: week, people }));
  };
  const blocks = Math.max(0, ...groups.map((g) => g.blockPeople.length));
  return {
    key: 'all',
    enrolled: sum((g) => g.enrolled),
    confirmed: sum((g) => g.confirmed),
    active: sum((g) => g.active),
    sessionsDone: sum((g) => g.sessionsDone),
    sessionsWithPain: sum((g) => g.sessionsWithPain),
    painSessions: sum((g) => g.painSessions),
    peopleWithPain: sum((g) => g.peopleWithPain),
    safetyStops: sum((g) => g.safetyStops),
    peopleStopped: sum((g) => g.peopleStopped),
    levels: PROGRAMME_LEVELS.map((_, index) => sum((g) => g.levels[index] ?? 0)),
    plans: groups.flatMap((g) => g.plans),
    retained: byWeek((g) => g.retained, 'week') as { week: number; people: number }[],
    observed: byWeek((g) => g.observed, 'weeks') as { weeks: number; people: number }[],
    blockPeople: Array.from({ length: blocks }, (_, i) => sum((g) => g.blockPeople[i] ?? 0)),
    outcomes: OUTCOME_TIMEPOINTS.map((timepoint) =>
      totalOutcomeFacts(
        timepoint,
        groups.flatMap((g) => g.outcomes.filter((o) => o.timepoint === timepoint)),
      ),
    ),
  };
}

/**
 * Turns the database's counts into the published report: every cell describing 1-4 people is
 * suppressed; a group with fewer than 5 people, or with 1-4 people in any one enrolment block, is
 * hidden whole; and complementary cells are hidden wherever a total minus the shown cells would
 * give a hidden one back.
 */
export function buildCohortReport(input: {
  from: LocalDate;
  to: LocalDate;
  activityUntil: LocalDate;
  groupBy: CohortGrouping;
  groups: readonly CohortGroupFacts[];
  recentEnrolmentsHeldBack: boolean;
  currentWeekLeftOut: boolean;
  outcomeWeeks: Readonly<Record<OutcomeTimepoint, number>>;
  outcomesUntil: LocalDate;
  /** With `groupBy=level`, the outcomes of everyone, counted apart from the groups (which have none). */
  outcomesTotal?: readonly OutcomeTimepointFacts[];
}): CohortReport {
  const period = { start: input.from, end: input.activityUntil };
  const total = derive(totalOf(input.groups), period);
  const groups = input.groups.map((g) => derive(g, period));
  // A group whose headcount must be hidden (itself too small, or giving a small one away by
  // subtraction from the total) is hidden whole: no figure about a group of unknown size.
  let hiddenGroups = new Set(groups.flatMap((g, i) => (g.hidden ? [i] : [])));
  for (;;) {
    const headcounts = suppressTable(
      groups.map((g) => [g.people.enrolled]),
      hiddenGroups,
    );
    const next = new Set(groups.flatMap((_, i) => (headcounts[i]![0] ? [i] : [])));
    if (input.groupBy !== 'week') hideAcrossBlocks(input.groups, next);
    if (next.size === hiddenGroups.size) break;
    hiddenGroups = next;
  }
  const wholeGroupHidden = groups.map((_, i) => hiddenGroups.has(i));
  const hiddenByMetric = Object.fromEntries(
    COHORT_METRICS.map((m) => [
      m,
      hideInColumn(
        groups.map((g) => g.people[m]),
        wholeGroupHidden,
      ),
    ]),
  ) as Record<CohortMetric, boolean[]>;

  // Levels: the group's enrolled count and the total's levels are published, so both directions.
  const levelTable = suppressTable(
    [...groups.map((g) => g.levels), total.levels].map((row) => row.map((count) => [count])),
    hiddenGroups,
  );
  const retentionTable = suppressTable(
    groups.map((g) => g.retention.map((r) => r.people)),
    hiddenGroups,
  );
  const outcomes = buildOutcomeRows({
    groups: groups.map((g) => g.outcomes),
    total: input.outcomesTotal,
    hiddenGroups,
    splitByGroup: input.groupBy !== 'level',
  });

  const rows = groups.map((g, i): CohortRow => ({
    key: input.groups[i]!.key,
    metrics: Object.fromEntries(
      COHORT_METRICS.map((m) => [m, cellOf(g.values[m], hiddenByMetric[m][i]!)]),
    ) as Record<CohortMetric, ReportCell>,
    levels: g.levels.map((count, level) => cellOf(count, levelTable[i]![level]!)),
    retention: g.retention.map((r, week) => cellOf(r.value, retentionTable[i]![week]!)),
    outcomes: outcomes.groups[i]!,
  }));
  const totalRow: CohortRow = {
    key: 'all',
    metrics: Object.fromEntries(
      COHORT_METRICS.map((m) => [m, cellOf(total.values[m], revealsTooFew(total.people[m]))]),
    ) as Record<CohortMetric, ReportCell>,
    levels: total.levels.map((count, level) => cellOf(count, levelTable[groups.length]![level]!)),
    retention: total.retention.map((r) => cellOf(r.value, revealsTooFew(r.people))),
    outcomes: outcomes.total,
  };
  return {
    from: input.from,
    to: input.to,
    activityUntil: input.activityUntil,
    groupBy: input.groupBy,
    threshold: SUPPRESSION_THRESHOLD,
    groups: rows,
    total: totalRow,
    recentEnrolmentsHeldBack: input.recentEnrolmentsHeldBack,
    currentWeekLeftOut: input.currentWeekLeftOut,
    outcomeChecks: {
      weeks: input.outcomeWeeks,
      splitByGroup: input.groupBy !== 'level',
      until: input.outcomesUntil,
    },
  };
}
