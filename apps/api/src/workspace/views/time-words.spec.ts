import { ago, when } from './time-words';

const now = new Date('2027-03-10T12:00:00Z');
const before = (ms: number) => new Date(now.getTime() - ms);

describe('time words', () => {
  it('says how long ago as people do', () => {
    expect(ago(before(30_000), now)).toBe('just now');
    expect(ago(before(25 * 60_000), now)).toBe('25 minutes ago');
    expect(ago(before(90 * 60_000), now)).toBe('1 hour ago');
    expect(ago(before(5 * 3_600_000), now)).toBe('5 hours ago');
    expect(ago(before(30 * 3_600_000), now)).toBe('yesterday');
    expect(ago(before(5 * 86_400_000), now)).toBe('5 days ago');
    expect(ago(before(21 * 86_400_000), now)).toBe('3 weeks ago');
    expect(ago(new Date(now.getTime() + 3 * 3_600_000), now)).toBe('in 3 hours');
  });

  it('writes a moment in the given timezone, DST included', () => {
    expect(when(new Date('2027-03-10T12:00:00Z'), 'Europe/London')).toBe('Wed 10 Mar 2027, 12:00');
    expect(when(new Date('2027-07-01T06:40:00Z'), 'Europe/London')).toBe('Thu 1 Jul 2027, 07:40');
    expect(when(new Date('2027-07-01T06:40:00Z'), 'America/New_York')).toBe('Thu 1 Jul 2027, 02:40');
  });
});
