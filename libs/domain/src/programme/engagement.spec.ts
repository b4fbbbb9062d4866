import fc from 'fast-check';
import { DEFAULT_PROGRAMME_CONFIG as config } from './config';
import { isProgrammeComplete, reEngagementDueAt } from './engagement';

const DAY = 86_400_000;
const t0 = new Date('2027-03-01T09:00:00Z');

describe('reEngagementDueAt', () => {
  it('is seven days after the last activity when none was sent before', () => {
    expect(reEngagementDueAt(t0, null, config).toISOString()).toBe('2027-03-08T09:00:00.000Z');
  });

  it('waits at least fourteen days after the previous one', () => {
    const sent = new Date('2027-03-08T09:00:00Z');
    const checkedIn = new Date('2027-03-09T09:00:00Z');
    expect(reEngagementDueAt(checkedIn, sent, config).toISOString()).toBe('2027-03-22T09:00:00.000Z');
  });

  it('never comes sooner than the inactivity or the gap allows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 * DAY }),
        fc.option(fc.integer({ min: 0, max: 60 * DAY })),
        (a, s) => {
          const activity = new Date(t0.getTime() + a);
          const sent = s === null ? null : new Date(t0.getTime() + s);
          const due = reEngagementDueAt(activity, sent, config).getTime();
          expect(due - activity.getTime()).toBeGreaterThanOrEqual(config.inactivityDays * DAY);
          if (sent) expect(due - sent.getTime()).toBeGreaterThanOrEqual(config.reEngagementMinGapDays * DAY);
        },
      ),
    );
  });
});

describe('isProgrammeComplete', () => {
  const at = (days: number) => new Date(t0.getTime() + days * DAY);

  it('is never complete before six weeks, whatever was done', () => {
    expect(isProgrammeComplete({ startedAt: t0, now: at(41), level: 6, sessionsDone: 40, config })).toBe(
      false,
    );
  });

  it('is complete after six weeks at the top level or with the planned eighteen sessions', () => {
    expect(isProgrammeComplete({ startedAt: t0, now: at(42), level: 6, sessionsDone: 5, config })).toBe(true);
    expect(isProgrammeComplete({ startedAt: t0, now: at(42), level: 3, sessionsDone: 18, config })).toBe(
      true,
    );
    expect(isProgrammeComplete({ startedAt: t0, now: at(50), level: 3, sessionsDone: 17, config })).toBe(
      false,
    );
  });
});
