import fc from 'fast-check';
import { isWithinQuietHours } from '../schedule/quiet-hours';
import { planConfirmations } from './confirmation-pace';

const QUIET = { start: '21:00', end: '07:00' };
const NOON_UTC = new Date('2030-03-12T12:00:00Z');
const MINUTE = 60_000;

function perMinute(dates: Date[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const d of dates) {
    const m = Math.floor(d.getTime() / MINUTE) * MINUTE;
    counts.set(m, (counts.get(m) ?? 0) + 1);
  }
  return counts;
}

describe('planConfirmations', () => {
  it('spreads confirmations evenly at the pace, from the current minute', () => {
    const plan = planConfirmations({
      timezones: Array<string>(5).fill('UTC'),
      now: NOON_UTC,
      perMinute: 2,
      quiet: QUIET,
      planned: new Map(),
    });
    expect(plan.dueAt.map((d) => d.toISOString())).toEqual([
      '2030-03-12T12:00:00.000Z',
      '2030-03-12T12:00:30.000Z',
      '2030-03-12T12:01:00.000Z',
      '2030-03-12T12:01:30.000Z',
      '2030-03-12T12:02:00.000Z',
    ]);
    expect([...plan.changed.values()]).toEqual([2, 2, 1]);
  });

  it('continues after what other batches or imports already planned', () => {
    const planned = new Map([
      [NOON_UTC.getTime(), 2],
      [NOON_UTC.getTime() + MINUTE, 1],
    ]);
    const plan = planConfirmations({
      timezones: ['UTC', 'UTC'],
      now: NOON_UTC,
      perMinute: 2,
      quiet: QUIET,
      planned,
    });
    expect(plan.dueAt.map((d) => d.toISOString())).toEqual([
      '2030-03-12T12:01:30.000Z',
      '2030-03-12T12:02:00.000Z',
    ]);
  });

  it("moves a confirmation out of the participant's night, and lets others use the minutes it skipped", () => {
    // 12:00 UTC is 01:00 in Auckland (quiet) and 12:00 in London.
    const plan = planConfirmations({
      timezones: ['Pacific/Auckland', 'Europe/London'],
      now: NOON_UTC,
      perMinute: 10,
      quiet: QUIET,
      planned: new Map(),
    });
    expect(plan.dueAt[0]?.toISOString()).toBe('2030-03-12T18:00:00.000Z'); // 07:00 NZDT
    expect(plan.dueAt[1]?.toISOString()).toBe('2030-03-12T12:00:00.000Z');
  });

  it('keeps the pace among the released ones too', () => {
    const plan = planConfirmations({
      timezones: Array<string>(3).fill('Pacific/Auckland'),
      now: NOON_UTC,
      perMinute: 1,
      quiet: QUIET,
      planned: new Map(),
    });
    expect(plan.dueAt.map((d) => d.toISOString())).toEqual([
      '2030-03-12T18:00:00.000Z',
      '2030-03-12T18:01:00.000Z',
      '2030-03-12T18:02:00.000Z',
    ]);
  });

  it('refuses a pace outside 1-10000 per minute', () => {
    const base = { timezones: ['UTC'], now: NOON_UTC, quiet: QUIET, planned: new Map<number, number>() };
    expect(() => planConfirmations({ ...base, perMinute: 0 })).toThrow(RangeError);
    expect(() => planConfirmations({ ...base, perMinute: 1.5 })).toThrow(RangeError);
  });

  it('never exceeds the pace, never plans in quiet hours, never before the current minute', () => {
    const zones = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland', 'Europe/Berlin'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...zones), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 7 }),
        fc.date({ min: new Date('2029-01-01'), max: new Date('2031-12-31'), noInvalidDate: true }),
        (timezones, pace, now) => {
          const plan = planConfirmations({
            timezones,
            now,
            perMinute: pace,
            quiet: QUIET,
            planned: new Map(),
          });
          for (const count of perMinute(plan.dueAt).values()) expect(count).toBeLessThanOrEqual(pace);
          plan.dueAt.forEach((due, i) => {
            expect(isWithinQuietHours(due, timezones[i] as string, QUIET)).toBe(false);
            expect(due.getTime()).toBeGreaterThanOrEqual(Math.floor(now.getTime() / MINUTE) * MINUTE);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
