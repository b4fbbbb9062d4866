import fc from 'fast-check';
import { WEEKDAYS, type Weekday } from './local-time';
import {
  type ReminderOccurrence,
  type ReminderSchedule,
  nextReminderOccurrence,
  reminderDedupeKey,
} from './reminder-schedule';
import {
  DAY,
  FIRST_DAY,
  LAST_DAY,
  MINUTE,
  ZONES,
  check,
  expectEarliestReaching,
  localTimeArb,
  readWall,
  transitionsOf,
} from './zone-oracle.spec-helper';

const at = (s: string): Date => new Date(s);

function chain(schedule: ReminderSchedule, tz: string, after: Date, count: number): ReminderOccurrence[] {
  const occurrences: ReminderOccurrence[] = [];
  let cursor = after;
  for (let i = 0; i < count; i++) {
    const occurrence = nextReminderOccurrence(schedule, tz, cursor);
    occurrences.push(occurrence);
    cursor = occurrence.dueAt;
  }
  return occurrences;
}

const summary = (o: ReminderOccurrence): string => `${o.localDate} ${o.dueAt.toISOString()}`;

describe('nextReminderOccurrence', () => {
  it('walks a Monday/Wednesday/Friday schedule in Kolkata', () => {
    const schedule: ReminderSchedule = { days: ['mon', 'wed', 'fri'], time: '07:00' };
    // 2027-03-10 is a Wednesday; 07:00 IST is 01:30Z.
    expect(chain(schedule, 'Asia/Kolkata', at('2027-03-10T01:29:00Z'), 4).map(summary)).toEqual([
      '2027-03-10 2027-03-10T01:30:00.000Z',
      '2027-03-12 2027-03-12T01:30:00.000Z',
      '2027-03-15 2027-03-15T01:30:00.000Z',
      '2027-03-17 2027-03-17T01:30:00.000Z',
    ]);
  });

  it('is strictly after `after`: a reminder due at that very instant is already past', () => {
    const schedule: ReminderSchedule = { days: ['wed'], time: '07:00' };
    expect(summary(nextReminderOccurrence(schedule, 'Asia/Kolkata', at('2027-03-10T01:30:00Z')))).toBe(
      '2027-03-17 2027-03-17T01:30:00.000Z',
    );
  });

  it('keeps a Sunday 02:30 reminder on the New York spring-forward day, at 03:00 EDT', () => {
    const schedule: ReminderSchedule = { days: ['sun'], time: '02:30' };
    expect(chain(schedule, 'America/New_York', at('2027-03-07T12:00:00Z'), 2).map(summary)).toEqual([
      '2027-03-14 2027-03-14T07:00:00.000Z',
      '2027-03-21 2027-03-21T06:30:00.000Z',
    ]);
  });

  it('sends a daily 01:30 reminder once on the New York fall-back day, at the first 01:30', () => {
    const schedule: ReminderSchedule = { days: WEEKDAYS, time: '01:30' };
    expect(chain(schedule, 'America/New_York', at('2027-11-06T06:00:00Z'), 3).map(summary)).toEqual([
      '2027-11-07 2027-11-07T05:30:00.000Z',
      '2027-11-08 2027-11-08T06:30:00.000Z',
      '2027-11-09 2027-11-09T06:30:00.000Z',
    ]);
  });

  it('handles the Berlin and Sydney 2027 transitions', () => {
    const daily: ReminderSchedule = { days: WEEKDAYS, time: '02:30' };
    expect(chain(daily, 'Europe/Berlin', at('2027-03-27T12:00:00Z'), 2).map(summary)).toEqual([
      '2027-03-28 2027-03-28T01:00:00.000Z',
      '2027-03-29 2027-03-29T00:30:00.000Z',
    ]);
    expect(chain(daily, 'Europe/Berlin', at('2027-10-30T12:00:00Z'), 2).map(summary)).toEqual([
      '2027-10-31 2027-10-31T00:30:00.000Z',
      '2027-11-01 2027-11-01T01:30:00.000Z',
    ]);
    expect(chain(daily, 'Australia/Sydney', at('2027-04-03T00:00:00Z'), 2).map(summary)).toEqual([
      '2027-04-04 2027-04-03T15:30:00.000Z',
      '2027-04-05 2027-04-04T16:30:00.000Z',
    ]);
    expect(chain(daily, 'Australia/Sydney', at('2027-10-02T00:00:00Z'), 2).map(summary)).toEqual([
      '2027-10-03 2027-10-02T16:00:00.000Z',
      '2027-10-04 2027-10-03T15:30:00.000Z',
    ]);
  });

  it('keeps a midnight reminder on the Santiago day that has no midnight', () => {
    const schedule: ReminderSchedule = { days: ['sat', 'sun'], time: '00:00' };
    expect(chain(schedule, 'America/Santiago', at('2027-09-03T12:00:00Z'), 3).map(summary)).toEqual([
      '2027-09-04 2027-09-04T04:00:00.000Z',
      '2027-09-05 2027-09-05T04:00:00.000Z',
      '2027-09-11 2027-09-11T03:00:00.000Z',
    ]);
  });

  it('uses the first 23:30 on the Santiago day that repeats its last hour', () => {
    const schedule: ReminderSchedule = { days: ['fri', 'sat', 'sun'], time: '23:30' };
    expect(chain(schedule, 'America/Santiago', at('2027-04-02T12:00:00Z'), 3).map(summary)).toEqual([
      '2027-04-02 2027-04-03T02:30:00.000Z',
      '2027-04-03 2027-04-04T02:30:00.000Z',
      '2027-04-04 2027-04-05T03:30:00.000Z',
    ]);
  });

  it('keeps the local date of a reminder that a gap pushes past midnight (Scoresbysund)', () => {
    // Ittoqqortoormiit jumps from 22:59 to 00:00 on 28 March 2027; Saturday's 23:30 never happens.
    const schedule: ReminderSchedule = { days: ['sat', 'sun'], time: '23:30' };
    expect(chain(schedule, 'America/Scoresbysund', at('2027-03-27T12:00:00Z'), 2).map(summary)).toEqual([
      '2027-03-27 2027-03-28T01:00:00.000Z',
      '2027-03-28 2027-03-29T00:30:00.000Z',
    ]);
  });

  it('refuses a schedule without days, with an unknown day or time, or an unknown zone', () => {
    const after = at('2027-01-01T00:00:00Z');
    expect(() => nextReminderOccurrence({ days: [], time: '07:00' }, 'UTC', after)).toThrow(Error);
    expect(() =>
      nextReminderOccurrence({ days: ['funday' as Weekday], time: '07:00' }, 'UTC', after),
    ).toThrow(RangeError);
    expect(() => nextReminderOccurrence({ days: ['mon'], time: '7:00' }, 'UTC', after)).toThrow(RangeError);
    expect(() => nextReminderOccurrence({ days: ['mon'], time: '07:00' }, 'Nowhere/Special', after)).toThrow(
      RangeError,
    );
  });
});

describe('reminderDedupeKey', () => {
  it('names the enrollment and the local date', () => {
    expect(reminderDedupeKey('enr_42', '2027-11-07')).toBe('reminder:enr_42:2027-11-07');
  });
});

/** The calendar date `days` after a 'YYYY-MM-DD', by Date arithmetic. */
function plusDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

const WEEKDAY_BY_UTC_DAY: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function weekdayOfDate(date: string): Weekday {
  const weekday = WEEKDAY_BY_UTC_DAY[new Date(`${date}T00:00:00Z`).getUTCDay()];
  if (weekday === undefined) throw new Error(`no weekday for ${date}`);
  return weekday;
}

describe.each(ZONES)('a chain of reminders in %s', (tz) => {
  const transitions = transitionsOf(tz);
  // Half the chains start up to three weeks before a transition, so they walk across it.
  const startArb =
    transitions.length === 0
      ? fc.integer({ min: FIRST_DAY, max: LAST_DAY })
      : fc.oneof(
          fc.integer({ min: FIRST_DAY, max: LAST_DAY }),
          fc
            .tuple(fc.constantFrom(...transitions), fc.integer({ min: 0, max: 21 * DAY }))
            .map(([t, before]) => t.at - before),
        );

  it('has one reminder per chosen weekday per week, in order, at the chosen local time', () => {
    fc.assert(
      fc.property(
        fc.subarray([...WEEKDAYS], { minLength: 1 }),
        localTimeArb,
        startArb,
        fc.integer({ min: 1, max: 6 }),
        (days, time, start, weeks) => {
          const schedule: ReminderSchedule = { days, time };
          const occurrences = chain(schedule, tz, new Date(start), weeks * days.length);

          // The first is the earliest chosen date whose reminder has not yet come at `start`.
          let expectedDate = plusDays(readWall(start, tz).date, -1);
          const reached = (date: string): boolean => {
            const requested = `${date} ${time}`;
            // Reached by `start` when the clock read that time or later at `start` or shortly before.
            for (let back = 0; back <= 240; back += 15) {
              if (readWall(start - back * MINUTE, tz).key >= requested) return true;
            }
            return false;
          };
          while (!days.includes(weekdayOfDate(expectedDate)) || reached(expectedDate)) {
            expectedDate = plusDays(expectedDate, 1);
          }

          let previousDue = start;
          for (const occurrence of occurrences) {
            const context = `${days.join(',')} ${time} from ${new Date(start).toISOString()}: ${summary(occurrence)}`;
            check(occurrence.localDate === expectedDate, `${context}, expected ${expectedDate}`);
            check(occurrence.dueAt.getTime() > previousDue, `${context} is not after the previous one`);
            expectEarliestReaching(occurrence.dueAt.getTime(), tz, `${occurrence.localDate} ${time}`);
            check(
              readWall(occurrence.dueAt.getTime(), tz).date === occurrence.localDate,
              `${context} changed date`,
            );
            previousDue = occurrence.dueAt.getTime();
            do expectedDate = plusDays(expectedDate, 1);
            while (!days.includes(weekdayOfDate(expectedDate)));
          }

          // Exactly `weeks` reminders for each chosen weekday.
          for (const day of days) {
            const count = occurrences.filter((o) => weekdayOfDate(o.localDate) === day).length;
            check(count === weeks, `${day} appears ${count} times in ${weeks} weeks`);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
