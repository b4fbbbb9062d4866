import fc from 'fast-check';
import {
  countsAsBaseline,
  DEFAULT_OUTCOME_SETTINGS,
  OUTCOME_TIMEPOINTS,
  outcomeCheckDedupeKey,
  outcomeCheckState,
  outcomeObservationWeeks,
  outcomeWeeksProblems,
  parseOutcomeCheckDedupeKey,
  planOutcomeChecks,
} from './outcome-schedule';

const QUIET = { start: '21:00', end: '07:00' };
const DAY = 86_400_000;

describe('outcome check schedule', () => {
  it('plans the baseline at confirmation and the later checks whole weeks after it', () => {
    const startedAt = new Date('2027-01-04T10:00:00Z');
    const plan = planOutcomeChecks({
      startedAt,
      timezone: 'UTC',
      quietHours: QUIET,
      settings: DEFAULT_OUTCOME_SETTINGS,
    });
    expect(plan.map((c) => [c.timepoint, c.week, c.opensAt.toISOString(), c.closesAt.toISOString()])).toEqual(
      [
        ['baseline', 0, '2027-01-04T10:00:00.000Z', '2027-01-18T10:00:00.000Z'],
        ['dose_end', 6, '2027-02-15T10:00:00.000Z', '2027-03-01T10:00:00.000Z'],
        ['follow_up', 12, '2027-03-29T10:00:00.000Z', '2027-04-12T10:00:00.000Z'],
      ],
    );
    // Asked a minute after the welcome (10:00 is not quiet); the one reminder three days later.
    expect(plan[0]!.askAt.toISOString()).toBe('2027-01-04T10:01:00.000Z');
    expect(plan[1]!.askAt).toEqual(plan[1]!.opensAt);
    expect(plan[0]!.remindAt.toISOString()).toBe('2027-01-07T10:00:00.000Z');
  });

  it('keeps the asks and the reminder out of quiet hours, in the person’s own time', () => {
    // 22:30 in London (GMT): both wait for 07:00 the next morning; the check still opens at 22:30.
    const plan = planOutcomeChecks({
      startedAt: new Date('2027-01-04T22:30:00Z'),
      timezone: 'Europe/London',
      quietHours: QUIET,
      settings: { enabled: true, weeks: [6, 12] },
    });
    expect(plan[0]!.opensAt.toISOString()).toBe('2027-01-04T22:30:00.000Z');
    expect(plan[0]!.askAt.toISOString()).toBe('2027-01-05T07:00:00.000Z');
    expect(plan[0]!.remindAt.toISOString()).toBe('2027-01-08T07:00:00.000Z');
    // Twelve weeks on, London is in summer time: 07:00 BST is 06:00Z.
    expect(plan[2]!.askAt.toISOString()).toBe('2027-03-30T06:00:00.000Z');
  });

  it('plans nothing when the organisation switched outcome checks off, and follows its weeks', () => {
    const input = { startedAt: new Date('2027-01-04T10:00:00Z'), timezone: 'UTC', quietHours: QUIET };
    expect(planOutcomeChecks({ ...input, settings: { enabled: false, weeks: [6, 12] } })).toEqual([]);
    const plan = planOutcomeChecks({ ...input, settings: { enabled: true, weeks: [8, 20] } });
    expect(plan.map((c) => c.week)).toEqual([0, 8, 20]);
  });

  it('never asks inside quiet hours and never before the check opens, whatever the zone and time', () => {
    const zones = ['UTC', 'Europe/London', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham'];
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2026-01-01T00:00:00Z'),
          max: new Date('2030-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...zones),
        (startedAt, timezone) => {
          for (const check of planOutcomeChecks({
            startedAt,
            timezone,
            quietHours: QUIET,
            settings: DEFAULT_OUTCOME_SETTINGS,
          })) {
            expect(check.askAt.getTime()).toBeGreaterThanOrEqual(check.opensAt.getTime());
            expect(check.askAt.getTime() - check.opensAt.getTime()).toBeLessThan(11 * 3_600_000);
            expect(check.remindAt.getTime()).toBeGreaterThan(check.askAt.getTime());
            expect(check.remindAt.getTime()).toBeLessThan(check.closesAt.getTime());
          }
        },
      ),
    );
  });

  it('counts a baseline only if answered before the second week', () => {
    const startedAt = new Date('2027-01-04T10:00:00Z');
    expect(countsAsBaseline(startedAt, startedAt)).toBe(true);
    expect(countsAsBaseline(startedAt, new Date(startedAt.getTime() + 7 * DAY - 1))).toBe(true);
    expect(countsAsBaseline(startedAt, new Date(startedAt.getTime() + 7 * DAY))).toBe(false);
  });

  it('says whether a check can be answered now', () => {
    const check = { opensAt: new Date(1_000), closesAt: new Date(2_000), answeredAt: null };
    expect(outcomeCheckState({ ...check, now: new Date(999) })).toBe('not_open_yet');
    expect(outcomeCheckState({ ...check, now: new Date(1_000) })).toBe('open');
    expect(outcomeCheckState({ ...check, now: new Date(2_000) })).toBe('closed');
    expect(outcomeCheckState({ ...check, answeredAt: new Date(1_500), now: new Date(3_000) })).toBe(
      'answered',
    );
  });

  it('reads back every dedupe key it writes, and nothing else', () => {
    fc.assert(
      fc.property(
        fc.uuid(),
        fc.constantFrom(...OUTCOME_TIMEPOINTS),
        fc.boolean(),
        (id, timepoint, reminder) => {
          const key = outcomeCheckDedupeKey(id, timepoint, reminder ? 'reminder' : 'ask');
          expect(parseOutcomeCheckDedupeKey(key)).toEqual({ enrollmentId: id, timepoint, reminder });
        },
      ),
    );
    expect(parseOutcomeCheckDedupeKey('welcome:abc')).toBeNull();
    expect(parseOutcomeCheckDedupeKey('outcome_check:abc:week_7')).toBeNull();
    expect(parseOutcomeCheckDedupeKey('outcome_check:abc:baseline:x')).toBeNull();
  });

  it('validates the weeks an organisation sets, naming the field', () => {
    expect(outcomeWeeksProblems([6, 12])).toEqual([]);
    expect(outcomeWeeksProblems([2, 52])).toEqual([]);
    for (const bad of [[1, 12], [6, 53], [6, 6], [12, 6], [6.5, 12], ['6', 12], [6], [6, 12, 18]]) {
      expect(outcomeWeeksProblems(bad)).toEqual([
        { field: 'outcomeChecks.weeks', message: expect.any(String) },
      ]);
    }
  });

  it('reports a check for a block only after its window and a week for late confirmations', () => {
    expect(OUTCOME_TIMEPOINTS.map((t) => outcomeObservationWeeks(t, DEFAULT_OUTCOME_SETTINGS))).toEqual([
      2, 9, 15,
    ]);
  });
});
