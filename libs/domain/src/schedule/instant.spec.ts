import fc from 'fast-check';
import { parseInstant } from './instant';

describe('parseInstant', () => {
  it.each([
    ['2027-03-03T13:00:00Z', '2027-03-03T13:00:00.000Z'],
    ['2027-03-03T13:00Z', '2027-03-03T13:00:00.000Z'],
    ['2027-03-03t13:00:00z', '2027-03-03T13:00:00.000Z'],
    ['2027-03-03T08:00:00-05:00', '2027-03-03T13:00:00.000Z'],
    ['2027-03-03T18:30:00+05:30', '2027-03-03T13:00:00.000Z'],
    ['2027-03-03T13:00:00.25Z', '2027-03-03T13:00:00.250Z'],
    ['2027-03-03T13:00:00.123456789Z', '2027-03-03T13:00:00.123Z'],
    ['2028-02-29T00:00:00Z', '2028-02-29T00:00:00.000Z'],
  ])('reads %s', (text, iso) => {
    expect(parseInstant(text)?.toISOString()).toBe(iso);
  });

  it.each([
    '2026-12-01', // a date alone: which moment of which day, where?
    '2026-12-01T09:00', // a time without an offset: the server's timezone would decide
    '2026-12-01T09:00:00',
    '2026-12-01 09:00:00Z',
    '2027-02-29T10:00:00Z',
    '2027-04-31T10:00:00Z',
    '2027-03-03T24:00:00Z',
    '2027-03-03T13:60:00Z',
    '2027-03-03T13:00:60Z',
    '2027-03-03T13:00:00+24:00',
    '2027-03-03T13:00:00+0500',
    '20270303T130000Z',
    'yesterday',
    '',
  ])('refuses %j', (text) => {
    expect(parseInstant(text)).toBeNull();
  });

  it('reads back every instant written with any offset', () => {
    const instant = fc.date({
      min: new Date('1970-01-01T00:00:00Z'),
      max: new Date('9999-12-30T00:00:00Z'),
      noInvalidDate: true,
    });
    const offset = fc.integer({ min: -14 * 60, max: 14 * 60 });
    fc.assert(
      fc.property(instant, offset, (at, minutes) => {
        const local = new Date(at.getTime() + minutes * 60_000).toISOString().slice(0, 23);
        const sign = minutes < 0 ? '-' : '+';
        const abs = Math.abs(minutes);
        const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        expect(parseInstant(`${local}${zone}`)?.getTime()).toBe(at.getTime());
        expect(parseInstant(local.slice(0, 10))).toBeNull();
      }),
    );
  });
});
