import { OUTCOME_TIMEPOINTS, type OutcomeTimepoint } from '../outcomes/outcome-schedule';
import {
  isFunctionResponder,
  isPainResponder,
  meanOfCounts,
  medianOfCounts,
  roundedRatio,
} from '../outcomes/outcome-scoring';
import { cellOf, type ReportCell, SUPPRESSED } from './suppression';
import { hideInColumn, type PeopleBehind, revealsTooFew } from './table-suppression';

/** People counted by one value (a pain score, a PSFS mean in sixths, a change in sixths). */
export interface ValueCount {
  value: number;
  people: number;
}

/** What the database counts for one group at one check (distinct people). */
export interface OutcomeTimepointFacts {
  timepoint: OutcomeTimepoint;
  /** People of the group whose enrolment block is far enough on for this check to be reported. */
  observed: number;
  /** Of those, people sent the check. */
  asked: number;
  /** Of those, people who answered in time (the baseline: within their first week). */
  answered: number;
  /** Answers by pain score (an erased person's answer holds none). */
  pain: readonly ValueCount[];
  /** Answers by PSFS mean, in sixths of a point. */
  psfs: readonly ValueCount[];
  /** Later checks, with a baseline that counts: people by (baseline pain, pain now). */
  painPairs: readonly { before: number; after: number; people: number }[];
  /** Later checks: people by change of the PSFS mean over the activities rated at both, in sixths. */
  psfsChanges: readonly ValueCount[];
}

export const OUTCOME_METRICS = [
  'asked',
  'answered',
  'responseRatePercent',
  'painMean',
  'painMedian',
  'painChange',
  'psfsMean',
  'psfsMedian',
  'psfsChange',
  'painRespondersPercent',
  'functionRespondersPercent',
] as const;
export type OutcomeMetric = (typeof OUTCOME_METRICS)[number];

/** Figures that compare with the baseline, so the baseline itself has none. */
export const OUTCOME_CHANGE_METRICS: ReadonlySet<OutcomeMetric> = new Set([
  'painChange',
  'psfsChange',
  'painRespondersPercent',
  'functionRespondersPercent',
]);

export type OutcomeCells = Record<OutcomeMetric, ReportCell>;
export type OutcomeRow = Record<OutcomeTimepoint, OutcomeCells>;

interface DerivedOutcome {
  values: Record<OutcomeMetric, number | null>;
  people: Record<OutcomeMetric, PeopleBehind>;
}

const sum = (counts: readonly { people: number }[]) => counts.reduce((s, c) => s + c.people, 0);
const percent = (part: number, whole: number) => (whole === 0 ? null : roundedRatio(100 * part, whole));

export function emptyOutcomeFacts(timepoint: OutcomeTimepoint): OutcomeTimepointFacts {
  return {
    timepoint,
    observed: 0,
    asked: 0,
    answered: 0,
    pain: [],
    psfs: [],
    painPairs: [],
    psfsChanges: [],
  };
}

/**
 * The figures of one check for one group, and the people each is about. A count names the people
 * with and without what it counts; a response rate also gives the number asked back; a mean or
 * median is about the people whose answers it takes; a share of responders names the responders,
 * the others, and everyone compared.
 */
function derive(facts: OutcomeTimepointFacts): DerivedOutcome {
  const withPain = sum(facts.pain);
  const withPsfs = sum(facts.psfs);
  const paired = sum(facts.painPairs);
  const responders = sum(facts.painPairs.filter((p) => isPainResponder(p.before, p.after)));
  const pairedPsfs = sum(facts.psfsChanges);
  const functionResponders = sum(facts.psfsChanges.filter((c) => isFunctionResponder(c.value)));
  const asked: PeopleBehind = [facts.asked, facts.observed - facts.asked];
  const answered: PeopleBehind = [facts.answered, facts.asked - facts.answered, ...asked];
  const baseline = facts.timepoint === 'baseline';
  const values: Record<OutcomeMetric, number | null> = {
    asked: facts.asked,
    answered: facts.answered,
    responseRatePercent: percent(facts.answered, facts.asked),
    painMean: meanOfCounts(facts.pain),
    painMedian: medianOfCounts(facts.pain),
    painChange: meanOfCounts(facts.painPairs.map((p) => ({ value: p.after - p.before, people: p.people }))),
    psfsMean: meanOfCounts(facts.psfs, 6),
    psfsMedian: medianOfCounts(facts.psfs, 6),
    psfsChange: meanOfCounts(facts.psfsChanges, 6),
    painRespondersPercent: percent(responders, paired),
    functionRespondersPercent: percent(functionResponders, pairedPsfs),
  };
  if (baseline) for (const metric of OUTCOME_CHANGE_METRICS) values[metric] = null;
  return {
    values,
    people: {
      asked,
      answered,
      responseRatePercent: answered,
      painMean: [withPain],
      painMedian: [withPain],
      painChange: [paired],
      psfsMean: [withPsfs],
      psfsMedian: [withPsfs],
      psfsChange: [pairedPsfs],
      painRespondersPercent: [paired, responders, paired - responders],
      functionRespondersPercent: [pairedPsfs, functionResponders, pairedPsfs - functionResponders],
    },
  };
}

/** Everyone at one check: the groups' counts added up (each person is in exactly one group). */
export function totalOutcomeFacts(
  timepoint: OutcomeTimepoint,
  groups: readonly OutcomeTimepointFacts[],
): OutcomeTimepointFacts {
  const merge = (lists: readonly (readonly ValueCount[])[]): ValueCount[] => {
    const counts = new Map<number, number>();
    for (const list of lists)
      for (const c of list) counts.set(c.value, (counts.get(c.value) ?? 0) + c.people);
    return [...counts].map(([value, people]) => ({ value, people }));
  };
  const pairs = new Map<string, { before: number; after: number; people: number }>();
  for (const g of groups) {
    for (const p of g.painPairs) {
      const key = `${p.before}:${p.after}`;
      const entry = pairs.get(key) ?? { before: p.before, after: p.after, people: 0 };
      entry.people += p.people;
      pairs.set(key, entry);
    }
  }
  return {
    timepoint,
    observed: groups.reduce((s, g) => s + g.observed, 0),
    asked: groups.reduce((s, g) => s + g.asked, 0),
    answered: groups.reduce((s, g) => s + g.answered, 0),
    pain: merge(groups.map((g) => g.pain)),
    psfs: merge(groups.map((g) => g.psfs)),
    painPairs: [...pairs.values()],
    psfsChanges: merge(groups.map((g) => g.psfsChanges)),
  };
}

function factsAt(outcomes: readonly OutcomeTimepointFacts[], timepoint: OutcomeTimepoint) {
  return outcomes.find((o) => o.timepoint === timepoint) ?? emptyOutcomeFacts(timepoint);
}

/**
 * The outcomes section of a report: per check, for each group and for everyone. Every figure about
 * 1-4 people is hidden; in each column the total is published, so the hidden cells must together
 * be about 0 or 5+ people for every kind of count behind them (complementary suppression). Groups
 * hidden whole stay hidden; with `splitByGroup` false only the total is given.
 */
export function buildOutcomeRows(input: {
  groups: readonly (readonly OutcomeTimepointFacts[])[];
  /** Everyone, when counted apart from the groups; the groups added up otherwise. */
  total?: readonly OutcomeTimepointFacts[];
  hiddenGroups: ReadonlySet<number>;
  splitByGroup: boolean;
}): { groups: OutcomeRow[]; total: OutcomeRow } {
  const groups = input.groups.map(() => ({}) as OutcomeRow);
  const total = {} as OutcomeRow;
  for (const timepoint of OUTCOME_TIMEPOINTS) {
    const derived = input.groups.map((outcomes) => derive(factsAt(outcomes, timepoint)));
    const totalDerived = derive(
      input.total
        ? factsAt(input.total, timepoint)
        : totalOutcomeFacts(
            timepoint,
            input.groups.map((outcomes) => factsAt(outcomes, timepoint)),
          ),
    );
    const groupCells = derived.map(() => ({}) as OutcomeCells);
    const totalCells = {} as OutcomeCells;
    const alreadyHidden = derived.map((_, i) => !input.splitByGroup || input.hiddenGroups.has(i));
    for (const metric of OUTCOME_METRICS) {
      const hidden = hideInColumn(
        derived.map((d) => d.people[metric]),
        alreadyHidden,
      );
      derived.forEach((d, i) => (groupCells[i]![metric] = cellOf(d.values[metric], hidden[i]!)));
      totalCells[metric] = cellOf(totalDerived.values[metric], revealsTooFew(totalDerived.people[metric]));
    }
    // A response rate and the number answered give the number asked back: hidden with it.
    groupCells.forEach((cells) => {
      if (cells.asked.suppressed) cells.answered = cells.responseRatePercent = SUPPRESSED;
    });
    if (totalCells.asked.suppressed) totalCells.answered = totalCells.responseRatePercent = SUPPRESSED;
    groupCells.forEach((cells, i) => (groups[i]![timepoint] = cells));
    total[timepoint] = totalCells;
  }
  return { groups, total };
}
