import fc from 'fast-check';
import { addDays, type Weekday, weekdayOf, WEEKDAYS } from '../schedule/local-time';
import { adherencePercent, daysBetween, expectedSpan, plannedSessions } from './adherence';

describe('planned sessions', () => {
  it('counts the reminder weekdays between two dates, both included', () => {
    // 1 March 2027 is a Monday.
    expect(plannedSessions(['mon', 'wed', 'fri'], '2027-03-01', '2027-03-07')).toBe(3);
    expect(plannedSessions(['mon', 'wed', 'fri'], '2027-03-02', '2027-03-21')).toBe(8);
    expect(plannedSessions(['sun'], '2027-03-01', '2027-03-01')).toBe(0);
    expect(plannedSessions(['mon'], '2027-03-01', '2027-03-01')).toBe(1);
    expect(plannedSessions(['mon'], '2027-03-02', '2027-03-01')).toBe(0);
    expect(plannedSessions(['mon', 'mon'], '2027-03-01', '2027-03-08')).toBe(2);
  });

  it('agrees with counting day by day', () => {
    fc.assert(
      fc.property(
        fc.subarray([...WEEKDAYS] as Weekday[]),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: -3, max: 400 }),
        (days, startOffset, length) => {
          const first = addDays('2024-01-01', startOffset);
          const last = addDays(first, length);
          let expected = 0;
          for (let d = first; d <= last; d = addDays(d, 1)) if (days.includes(weekdayOf(d))) expected++;
          expect(plannedSessions(days, first, last)).toBe(expected);
        },
      ),
    );
  });
});

describe('expected span', () => {
  const period = { periodStart: '2027-03-01', periodEnd: '2027-03-22' };
  it('runs from the day after confirmation to the day before the stop, within the period', () => {
    expect(expectedSpan({ ...period, confirmedOn: '2027-03-01', stoppedOn: null })).toEqual({
      first: '2027-03-02',
      last: '2027-03-21',
    });
    expect(expectedSpan({ ...period, confirmedOn: '2027-03-01', stoppedOn: '2027-03-08' })).toEqual({
      first: '2027-03-02',
      last: '2027-03-07',
    });
    expect(expectedSpan({ ...period, confirmedOn: '2027-02-01', stoppedOn: '2027-04-01' })).toEqual({
      first: '2027-03-01',
      last: '2027-03-21',
    });
  });
  it('is empty when never confirmed or stopped before it began', () => {
    expect(expectedSpan({ ...period, confirmedOn: null, stoppedOn: null })).toBeNull();
    expect(expectedSpan({ ...period, confirmedOn: '2027-03-01', stoppedOn: '2027-03-02' })).toBeNull();
    expect(expectedSpan({ ...period, confirmedOn: '2027-03-25', stoppedOn: null })).toBeNull();
  });
});

describe('adherence', () => {
  it('is done over planned in percent, one decimal, none when nothing was planned', () => {
    expect(adherencePercent(7, 58)).toBe(12.1);
    expect(adherencePercent(3, 2)).toBe(150);
    expect(adherencePercent(0, 0)).toBeNull();
    expect(daysBetween('2027-03-01', '2027-03-22')).toBe(21);
  });
});
