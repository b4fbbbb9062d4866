import fc from 'fast-check';
import { isFunctionResponder, isPainResponder } from '../outcomes/outcome-scoring';
import { OUTCOME_TIMEPOINTS } from '../outcomes/outcome-schedule';
import { buildCohortReport, COHORT_METRICS, type CohortGroupFacts, type CohortRow } from './cohort-report';
import { OUTCOME_METRICS, type OutcomeTimepointFacts } from './outcome-report';
import { isTooSmall, type ReportCell } from './suppression';

/**
 * Whatever the cohort, no published figure is about 1-4 people, and no total minus the shown
 * cells of a column gives back 1-4 people. Who each figure is about is written out here on its
 * own, as the rule a reader of docs/cohort-reports.md would state it.
 */

const split = (total: number, parts: number) =>
  fc.array(fc.nat({ max: total }), { minLength: parts - 1, maxLength: parts - 1 }).map((cuts) => {
    const sorted = [...cuts, 0, total].sort((a, b) => a - b);
    return sorted.slice(1).map((v, i) => v - sorted[i]!);
  });

const upTo = (n: number) => fc.integer({ min: 0, max: n });

const outcomeFacts = (timepoint: (typeof OUTCOME_TIMEPOINTS)[number], enrolled: number) =>
  upTo(enrolled).chain((observed) =>
    upTo(observed).chain((asked) =>
      upTo(asked).chain((answered) =>
        fc
          .record({
            painScores: fc.array(upTo(10), { minLength: answered, maxLength: answered }),
            before: fc.array(upTo(10), { minLength: answered, maxLength: answered }),
            paired: upTo(timepoint === 'baseline' ? 0 : answered),
            changes: fc.array(fc.integer({ min: -60, max: 60 }), {
              minLength: answered,
              maxLength: answered,
            }),
          })
          .map(({ painScores, before, paired, changes }): OutcomeTimepointFacts => ({
            timepoint,
            observed,
            asked,
            answered,
            pain: painScores.map((value) => ({ value, people: 1 })),
            psfs: painScores.map((value) => ({ value: value * 6, people: 1 })),
            painPairs: before
              .slice(0, paired)
              .map((b, i) => ({ before: b, after: painScores[i]!, people: 1 })),
            psfsChanges: changes.slice(0, paired).map((value) => ({ value, people: 1 })),
          })),
      ),
    ),
  );

const groupFacts = (key: string, blocks: number) =>
  fc.integer({ min: 0, max: 24 }).chain((enrolled) =>
    fc
      .record({
        confirmed: upTo(enrolled),
        active: upTo(enrolled),
        levels: split(enrolled, 6),
        blockPeople: split(enrolled, blocks),
        stopped: upTo(enrolled),
        withPain: upTo(enrolled),
        retainedWeek1: upTo(enrolled),
        outcomes: fc.tuple(...OUTCOME_TIMEPOINTS.map((t) => outcomeFacts(t, enrolled))),
      })
      .map((r): CohortGroupFacts => {
        const active = Math.min(r.active, r.confirmed);
        return {
          key,
          enrolled,
          confirmed: r.confirmed,
          active,
          sessionsDone: active * 3,
          sessionsWithPain: active * 3,
          painSessions: Math.min(r.withPain, active),
          peopleWithPain: Math.min(r.withPain, active),
          safetyStops: Math.min(r.stopped, active),
          peopleStopped: Math.min(r.stopped, active),
          levels: r.levels,
          plans: [
            {
              reminderDays: ['mon', 'wed', 'fri'],
              confirmedOn: '2027-01-01',
              stoppedOn: null,
              people: r.confirmed,
            },
          ],
          retained: [{ week: 1, people: r.retainedWeek1 }],
          observed: [{ weeks: 2, people: enrolled }],
          blockPeople: r.blockPeople,
          outcomes: r.outcomes,
        };
      }),
  );

const cohort = fc
  .tuple(
    fc.integer({ min: 1, max: 5 }),
    fc.integer({ min: 1, max: 3 }),
    fc.constantFrom('week', 'audience', 'level'),
  )
  .chain(([groups, blocks, groupBy]) =>
    fc.tuple(
      fc.tuple(
        ...Array.from({ length: groups }, (_, i) => groupFacts(`g${i}`, groupBy === 'week' ? 1 : blocks)),
      ),
      fc.constant(groupBy),
    ),
  );

/** Who each figure is about, per kind of count. */
function peopleOf(facts: CohortGroupFacts): Record<string, number[]> {
  const n = facts.enrolled;
  const people: Record<string, number[]> = {
    enrolled: [n],
    confirmed: [facts.confirmed, n - facts.confirmed],
    active: [facts.active, n - facts.active],
    sessionsDone: [facts.active],
    sessionsPlanned: [facts.confirmed],
    adherencePercent: [facts.active],
    painSessionsPercent: [facts.active, facts.peopleWithPain],
    safetyStops: [facts.peopleStopped],
    'retention.0': [n, facts.retained[0]!.people, n - facts.retained[0]!.people],
  };
  facts.levels.forEach((count, level) => (people[`level.${level}`] = [count]));
  for (const o of facts.outcomes) {
    const count = (list: readonly { people: number }[]) => list.reduce((s, c) => s + c.people, 0);
    const paired = count(o.painPairs);
    const responders = count(o.painPairs.filter((p) => isPainResponder(p.before, p.after)));
    const pairedPsfs = count(o.psfsChanges);
    const functional = count(o.psfsChanges.filter((c) => isFunctionResponder(c.value)));
    const asked = [o.asked, o.observed - o.asked];
    Object.assign(people, {
      [`${o.timepoint}.asked`]: asked,
      [`${o.timepoint}.answered`]: [o.answered, o.asked - o.answered, ...asked],
      [`${o.timepoint}.responseRatePercent`]: [o.answered, o.asked - o.answered, ...asked],
      [`${o.timepoint}.painMean`]: [count(o.pain)],
      [`${o.timepoint}.painMedian`]: [count(o.pain)],
      [`${o.timepoint}.painChange`]: [paired],
      [`${o.timepoint}.psfsMean`]: [count(o.psfs)],
      [`${o.timepoint}.psfsMedian`]: [count(o.psfs)],
      [`${o.timepoint}.psfsChange`]: [pairedPsfs],
      [`${o.timepoint}.painRespondersPercent`]: [paired, responders, paired - responders],
      [`${o.timepoint}.functionRespondersPercent`]: [pairedPsfs, functional, pairedPsfs - functional],
    });
  }
  return people;
}

function cellsOf(row: CohortRow): Record<string, ReportCell> {
  const cells: Record<string, ReportCell> = { ...row.metrics, 'retention.0': row.retention[0]! };
  row.levels.forEach((cell, level) => (cells[`level.${level}`] = cell));
  for (const t of OUTCOME_TIMEPOINTS)
    for (const m of OUTCOME_METRICS) cells[`${t}.${m}`] = row.outcomes[t][m];
  return cells;
}

describe('report privacy, whatever the cohort', () => {
  it('publishes no figure about 1-4 people, and no column whose hidden cells add up to 1-4', () => {
    fc.assert(
      fc.property(cohort, ([groups, groupBy]) => {
        const report = buildCohortReport({
          from: '2027-01-04',
          to: '2027-01-17',
          activityUntil: '2027-01-18',
          groupBy,
          groups,
          recentEnrolmentsHeldBack: false,
          currentWeekLeftOut: false,
          outcomeWeeks: { baseline: 0, dose_end: 6, follow_up: 12 },
          outcomesUntil: '2027-06-07',
        });
        const people = groups.map(peopleOf);
        const cells = report.groups.map(cellsOf);
        const totalCells = cellsOf(report.total);
        const total: Record<string, number[]> = {};
        for (const figure of Object.keys(people[0]!)) {
          total[figure] = people[0]![figure]!.map((_, k) => people.reduce((s, p) => s + p[figure]![k]!, 0));
        }
        for (const figure of Object.keys(people[0]!)) {
          cells.forEach((row, g) => {
            if (!row[figure]!.suppressed) {
              for (const count of people[g]![figure]!)
                expect({ figure, count, tooSmall: isTooSmall(count) }).toMatchObject({ tooSmall: false });
            }
          });
          if (!totalCells[figure]!.suppressed) {
            for (const count of total[figure]!)
              expect({ figure, total: count, tooSmall: isTooSmall(count) }).toMatchObject({
                tooSmall: false,
              });
            // The total minus the shown groups is what the hidden groups hold: never 1-4 people.
            people[0]![figure]!.forEach((_, k) => {
              const hidden = cells.reduce(
                (s, row, g) => s + (row[figure]!.suppressed ? people[g]![figure]![k]! : 0),
                0,
              );
              expect({ figure, kind: k, hidden, tooSmall: isTooSmall(hidden) }).toMatchObject({
                tooSmall: false,
              });
            });
          }
        }
        // A group whose size is hidden shows nothing at all.
        cells.forEach((row) => {
          if (row.enrolled!.suppressed)
            for (const cell of Object.values(row)) expect(cell.suppressed).toBe(true);
        });
        expect(COHORT_METRICS.every((m) => m in totalCells)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
