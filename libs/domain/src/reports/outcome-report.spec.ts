import { buildCohortReport, type CohortGroupFacts } from './cohort-report';
import { groupFacts } from './cohort-report.fixtures';
import { type OutcomeTimepointFacts } from './outcome-report';
import { SUPPRESSED } from './suppression';

const shown = (value: number) => ({ value, suppressed: false });
const noData = { value: null, suppressed: false };

const group = (key: string, people: number, outcomes: OutcomeTimepointFacts[]) =>
  groupFacts(key, people, { outcomes });

const report = (groups: CohortGroupFacts[], groupBy: 'week' | 'audience' | 'level' = 'audience') =>
  buildCohortReport({
    from: '2027-01-04',
    to: '2027-01-10',
    activityUntil: '2027-01-11',
    groupBy,
    groups,
    recentEnrolmentsHeldBack: false,
    currentWeekLeftOut: false,
    outcomeWeeks: { baseline: 0, dose_end: 6, follow_up: 12 },
    outcomesUntil: '2027-05-03',
  });

/** Twelve people: pain at the start 6 x5, 4 x7; at week 6, 5 of them fell 3 points, 7 stayed. */
const TWELVE: OutcomeTimepointFacts[] = [
  {
    timepoint: 'baseline',
    observed: 12,
    asked: 12,
    answered: 12,
    pain: [
      { value: 6, people: 5 },
      { value: 4, people: 7 },
    ],
    psfs: [
      { value: 18, people: 6 }, // 3 points
      { value: 24, people: 6 }, // 4 points
    ],
    painPairs: [],
    psfsChanges: [],
  },
  {
    timepoint: 'dose_end',
    observed: 12,
    asked: 12,
    answered: 7,
    pain: [
      { value: 3, people: 5 },
      { value: 4, people: 2 },
    ],
    psfs: [{ value: 36, people: 7 }],
    painPairs: [
      { before: 6, after: 3, people: 5 },
      { before: 4, after: 4, people: 2 },
    ],
    psfsChanges: [
      { value: 18, people: 5 }, // +3 points: function responders
      { value: 6, people: 2 },
    ],
  },
];

describe('cohort report: outcomes', () => {
  it('computes response rates, means, medians, changes and responder shares', () => {
    const { total } = report([group('a', 12, TWELVE)]);
    expect(total.outcomes.baseline).toEqual({
      asked: shown(12),
      answered: shown(12),
      responseRatePercent: shown(100),
      painMean: shown(4.8), // (30 + 28) / 12
      painMedian: shown(4),
      painChange: noData,
      psfsMean: shown(3.5),
      psfsMedian: shown(3.5),
      psfsChange: noData,
      painRespondersPercent: noData,
      functionRespondersPercent: noData,
    });
    expect(total.outcomes.dose_end).toEqual({
      asked: shown(12),
      answered: shown(7), // 5 did not answer: 5 people, may be shown
      responseRatePercent: shown(58.3),
      painMean: shown(3.3), // 23 / 7
      painMedian: shown(3),
      painChange: shown(-2.1), // -15 / 7
      psfsMean: shown(6),
      psfsMedian: shown(6),
      psfsChange: shown(2.4), // (90 + 12) / 6 / 7 = 2.43
      painRespondersPercent: SUPPRESSED, // 5 responders, but 2 others: a figure about 2 people
      functionRespondersPercent: SUPPRESSED,
    });
    expect(total.outcomes.follow_up.asked).toEqual(shown(0));
    expect(total.outcomes.follow_up.responseRatePercent).toEqual(noData);
  });

  it('hides a response rate that tells about 1-4 people who did not answer, and the count with it', () => {
    const facts = TWELVE.map((f) => (f.timepoint === 'dose_end' ? { ...f, answered: 10 } : f));
    const { total } = report([group('a', 12, facts)]);
    expect(total.outcomes.dose_end.asked).toEqual(shown(12));
    expect(total.outcomes.dose_end.answered).toBe(SUPPRESSED);
    expect(total.outcomes.dose_end.responseRatePercent).toBe(SUPPRESSED);
  });

  it('hides a group’s outcomes with the group, and a second group’s so the first cannot be subtracted', () => {
    const four = TWELVE.map((f) => ({ ...f, observed: 4, asked: 4, answered: 4 }));
    const { groups, total } = report([group('a', 4, four), group('b', 12, TWELVE), group('c', 30, TWELVE)]);
    expect(groups[0]!.outcomes.baseline.painMean).toBe(SUPPRESSED);
    // b would give a's four people back by subtraction from the total: its figures go too.
    expect(groups[1]!.outcomes.baseline.asked).toBe(SUPPRESSED);
    expect(groups[2]!.outcomes.baseline.asked).toEqual(shown(12));
    expect(total.outcomes.baseline.asked).toEqual(shown(28));
  });

  it('gives outcomes by current level only as a total: people move between levels', () => {
    const { groups, total } = report([group('1', 12, TWELVE), group('2', 12, TWELVE)], 'level');
    expect(groups.every((g) => Object.values(g.outcomes.baseline).every((c) => c.suppressed))).toBe(true);
    expect(groups[0]!.metrics.enrolled).toEqual(shown(12));
    expect(total.outcomes.baseline.asked).toEqual(shown(24));
  });
});
