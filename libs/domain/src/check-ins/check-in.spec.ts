import {
  assertValidCheckInReport,
  checkInReportIssues,
  InvalidCheckInError,
  type PainType,
} from './check-in';
import { cleanReport } from './check-in.fixtures';

describe('checkInReportIssues', () => {
  it('accepts a complete, sensible report', () => {
    expect(
      checkInReportIssues(cleanReport({ distanceMeters: 200, inclinePercent: 2, pace: 'slow' })),
    ).toEqual([]);
  });

  it.each([-1, 11, 2.5, Number.NaN])('refuses pain %p', (painDuring) => {
    expect(checkInReportIssues(cleanReport({ painDuring })).map((issue) => issue.field)).toEqual([
      'painDuring',
    ]);
  });

  it.each([0, 10])('accepts pain %p at the ends of the scale', (painDuring) => {
    expect(checkInReportIssues(cleanReport({ painDuring }))).toEqual([]);
  });

  it('names each bad field', () => {
    const issues = checkInReportIssues(
      cleanReport({
        performedAt: new Date(Number.NaN),
        painType: 'stabbing' as PainType,
        durationMinutes: -5,
        distanceMeters: Number.POSITIVE_INFINITY,
        inclinePercent: Number.NaN,
      }),
    );
    expect(issues.map((issue) => issue.field)).toEqual([
      'performedAt',
      'painType',
      'durationMinutes',
      'distanceMeters',
      'inclinePercent',
    ]);
  });

  it('throws a RangeError carrying the issues', () => {
    expect(() => assertValidCheckInReport(cleanReport({ painDuring: 12 }))).toThrow(InvalidCheckInError);
    expect(() => assertValidCheckInReport(cleanReport({ painDuring: 12 }))).toThrow(/painDuring/);
    expect(() => assertValidCheckInReport(cleanReport())).not.toThrow();
  });
});
