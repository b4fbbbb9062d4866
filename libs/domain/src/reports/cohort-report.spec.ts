import { buildCohortReport, totalOf } from './cohort-report';
import { groupFacts as group } from './cohort-report.fixtures';
import { SUPPRESSED } from './suppression';

const base = {
  from: '2027-03-01',
  to: '2027-03-07',
  activityUntil: '2027-03-08',
  groupBy: 'audience' as const,
  recentEnrolmentsHeldBack: false,
  currentWeekLeftOut: false,
  outcomeWeeks: { baseline: 0, dose_end: 6, follow_up: 12 },
  outcomesUntil: '2027-03-08',
};

describe('cohort report', () => {
  it('computes adherence from planned reminder days and shows groups of 5 or more', () => {
    const report = buildCohortReport({ ...base, groups: [group('a', 5), group('b', 6)] });
    // Mon, Wed, Fri of 1-7 March: 3 planned each; 2 walks each.
    expect(report.groups[0]!.metrics.sessionsPlanned).toEqual({ value: 15, suppressed: false });
    expect(report.total.metrics.adherencePercent).toEqual({ value: 66.7, suppressed: false });
    expect(report.total.retention.slice(0, 4)).toEqual([
      { value: 100, suppressed: false },
      { value: 0, suppressed: false },
      { value: 0, suppressed: false },
      { value: null, suppressed: false },
    ]);
  });

  it('hides a small group whole, and a second group so the first cannot be subtracted out', () => {
    const report = buildCohortReport({ ...base, groups: [group('a', 2), group('b', 6), group('c', 9)] });
    expect(Object.values(report.groups[0]!.metrics).every((cell) => cell.suppressed)).toBe(true);
    expect(Object.values(report.groups[1]!.metrics).every((cell) => cell.suppressed)).toBe(true);
    expect(report.groups[2]!.metrics.enrolled).toEqual({ value: 9, suppressed: false });
    expect(report.total.metrics.enrolled).toEqual({ value: 17, suppressed: false });
  });

  it('hides a group with 1-4 people in any one enrolment block, even if 5+ overall', () => {
    const report = buildCohortReport({
      ...base,
      groups: [group('a', 6, { blockPeople: [5, 1] }), group('b', 10, { blockPeople: [5, 5] })],
    });
    expect(report.groups[0]!.metrics.enrolled).toBe(SUPPRESSED);
    expect(report.groups[1]!.metrics.enrolled).toBe(SUPPRESSED);
  });

  it('hides another group too, so the total minus the shown groups never holds 1-4 people of a block', () => {
    // Without it, a = total - b - c (6 people) here, and a report over the first block only shows
    // a's 5: the difference would be the one person of block 2, with their level.
    const report = buildCohortReport({
      ...base,
      groups: [
        group('a', 6, { blockPeople: [5, 1], levels: [5, 1, 0, 0, 0, 0] }),
        group('b', 40, { blockPeople: [20, 20] }),
        group('c', 40, { blockPeople: [20, 20] }),
      ],
    });
    expect(report.groups.map((g) => g.metrics.enrolled.suppressed)).toEqual([true, true, false]);
    expect(report.total.metrics.enrolled).toEqual({ value: 86, suppressed: false });
  });

  it('leaves a group shown when the hidden ones already hold 5+ people in every block', () => {
    const report = buildCohortReport({
      ...base,
      groups: [
        group('a', 6, { blockPeople: [1, 5] }),
        group('b', 9, { blockPeople: [4, 5] }),
        group('c', 40, { blockPeople: [20, 20] }),
      ],
    });
    expect(report.groups.map((g) => g.metrics.enrolled.suppressed)).toEqual([true, true, false]);
  });

  it('hides health figures about 1-4 people and their complement', () => {
    const report = buildCohortReport({
      ...base,
      groups: [
        group('a', 8, { safetyStops: 1, peopleStopped: 1, painSessions: 2, peopleWithPain: 2 }),
        group('b', 8, { safetyStops: 5, peopleStopped: 5 }),
        group('c', 8),
      ],
    });
    expect(report.groups[0]!.metrics.safetyStops).toBe(SUPPRESSED);
    // b's 5 stops would give a's one away from the total of 6: hidden too; c's zero can stay.
    expect(report.groups[1]!.metrics.safetyStops).toBe(SUPPRESSED);
    expect(report.groups[2]!.metrics.safetyStops).toEqual({ value: 0, suppressed: false });
    expect(report.total.metrics.safetyStops).toEqual({ value: 6, suppressed: false });
    expect(report.groups[0]!.metrics.painSessionsPercent).toBe(SUPPRESSED);
    expect(report.total.metrics.painSessionsPercent).toBe(SUPPRESSED);
  });

  it('never breaks on an erased person: no pain scores means no data, not zero', () => {
    const report = buildCohortReport({
      ...base,
      groups: [group('a', 5, { sessionsWithPain: 0 })],
    });
    expect(report.total.metrics.painSessionsPercent).toEqual({ value: null, suppressed: false });
  });

  it('suppresses level counts of 1-4 people in rows and columns', () => {
    const report = buildCohortReport({
      ...base,
      groups: [group('a', 8, { levels: [6, 2, 0, 0, 0, 0] }), group('b', 8, { levels: [8, 0, 0, 0, 0, 0] })],
    });
    expect(report.groups[0]!.levels[1]).toBe(SUPPRESSED);
    expect(report.groups[0]!.levels[0]).toBe(SUPPRESSED);
    expect(report.total.levels[1]).toBe(SUPPRESSED);
  });

  it('adds groups up into the total', () => {
    const total = totalOf([group('a', 5), group('b', 6)]);
    expect(total).toMatchObject({ enrolled: 11, levels: [11, 0, 0, 0, 0, 0], blockPeople: [11] });
  });
});
