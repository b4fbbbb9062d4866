import { describeWeekForChart, summariseWeek } from './weekly-summary';

const session = (iso: string, minutes: number | null, pain: number) => ({
  performedAt: new Date(iso),
  durationMinutes: minutes,
  painDuring: pain,
});

describe('summariseWeek', () => {
  it('counts the seven local days before the summary day, in the participant timezone', () => {
    const summary = summariseWeek({
      weekEnd: '2027-03-08', // Monday: the week is Mon 1 to Sun 7 March
      timezone: 'America/New_York',
      plannedDays: ['mon', 'wed', 'fri'],
      sessions: [
        session('2027-03-01T15:00:00Z', 10, 2), // Mon
        session('2027-03-04T03:00:00Z', 12, 3), // Wed 22:00 local, not Thu
        session('2027-03-08T04:00:00Z', 30, 1), // Sun 23:00 local: still this week
        session('2027-03-08T15:00:00Z', 30, 1), // Monday the 8th: next week
      ],
    });
    expect(summary.days.map((d) => d.date)).toEqual([
      '2027-03-01',
      '2027-03-02',
      '2027-03-03',
      '2027-03-04',
      '2027-03-05',
      '2027-03-06',
      '2027-03-07',
    ]);
    expect(summary.days.map((d) => d.minutes)).toEqual([10, 0, 12, 0, 0, 0, 30]);
    expect(summary).toMatchObject({ sessionsDone: 3, sessionsPlanned: 3, minutes: 52, painTrend: 'unknown' });
  });

  it('compares pain with the week before: lower, about the same, higher', () => {
    const base = { weekEnd: '2027-03-15', timezone: 'UTC', plannedDays: ['mon'] as const };
    const lastWeek = session('2027-03-02T10:00:00Z', 10, 4);
    expect(
      summariseWeek({ ...base, sessions: [lastWeek, session('2027-03-09T10:00:00Z', 10, 2)] }).painTrend,
    ).toBe('lower');
    expect(
      summariseWeek({ ...base, sessions: [lastWeek, session('2027-03-09T10:00:00Z', 10, 4)] }).painTrend,
    ).toBe('same');
    expect(
      summariseWeek({ ...base, sessions: [lastWeek, session('2027-03-09T10:00:00Z', 10, 6)] }).painTrend,
    ).toBe('higher');
  });

  it('describes the chart in words', () => {
    const summary = summariseWeek({
      weekEnd: '2027-03-08',
      timezone: 'UTC',
      plannedDays: ['mon'],
      sessions: [session('2027-03-01T10:00:00Z', 10, 2)],
    });
    expect(describeWeekForChart(summary)).toBe(
      'Minutes walked each day: Mon 10 min, pain 2/10; Tue no walk; Wed no walk; Thu no walk; Fri no walk; Sat no walk; Sun no walk.',
    );
  });
});
