import fc from 'fast-check';
import { localParts } from './local-time';
import { canonicalTimeZone } from './time-zone-name';

const LISTED = Intl.supportedValuesOf('timeZone');
// Instants around both DST changes of both hemispheres, and a few years apart.
const SAMPLES = [
  '2019-01-15T12:00:00Z',
  '2024-03-31T00:30:00Z',
  '2026-07-01T06:00:00Z',
  '2026-10-25T01:30:00Z',
  '2027-04-04T16:00:00Z',
].map((iso) => new Date(iso));

const sameClock = (a: string, b: string): boolean =>
  SAMPLES.every((at) => localParts(at, a).time === localParts(at, b).time);

describe('canonicalTimeZone', () => {
  it.each([
    ['europe/berlin', 'Europe/Berlin'],
    ['EUROPE/BERLIN', 'Europe/Berlin'],
    ['Europe/Berlin', 'Europe/Berlin'],
    ['america/new_york', 'America/New_York'],
    ['america/port-au-prince', 'America/Port-au-Prince'],
    ['america/argentina/ushuaia', 'America/Argentina/Ushuaia'],
    ['utc', 'UTC'],
    ['Etc/UTC', 'UTC'],
    ['etc/zulu', 'UTC'],
    ['Asia/Calcutta', 'Asia/Kolkata'],
    ['asia/kolkata', 'Asia/Kolkata'],
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['Europe/Kiev', 'Europe/Kyiv'],
    ['asia/saigon', 'Asia/Ho_Chi_Minh'],
  ])('stores %j as %j', (typed, stored) => {
    expect(canonicalTimeZone(typed)).toBe(stored);
  });

  it.each([
    'Etc/GMT+5',
    'etc/gmt-14',
    'Etc/GMT',
    'Etc/GMT0',
    'Etc/Greenwich',
    'SystemV/EST5',
    '+05:00',
    '-03:00',
    'EST',
    'GMT',
    'CET',
    'EST5EDT',
    '',
    'Mars/Olympus',
    `Europe/${'x'.repeat(80)}`,
  ])('refuses %j: a fixed offset, an abbreviation or no place at all', (tz) => {
    expect(canonicalTimeZone(tz)).toBeNull();
  });

  it('keeps a zone that is only linked to a neighbour under its own name', () => {
    expect(canonicalTimeZone('Europe/Bratislava')).toBe('Europe/Bratislava');
    expect(canonicalTimeZone('europe/vatican')).toBe('Europe/Vatican');
  });

  it('accepts every place the runtime lists, under one name for every spelling, on the same clock', () => {
    const places = LISTED.filter((tz) => tz.includes('/') && !/^(Etc|SystemV)\//.test(tz));
    expect(places.length).toBeGreaterThan(300);
    const mangled = fc
      .tuple(fc.constantFrom(...places), fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }))
      .map(([tz, upper]) => ({
        tz,
        typed: [...tz].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join(''),
      }));
    fc.assert(
      fc.property(mangled, ({ tz, typed }) => {
        const stored = canonicalTimeZone(tz);
        expect(stored).not.toBeNull();
        expect(canonicalTimeZone(typed)).toBe(stored);
        expect(canonicalTimeZone(stored!)).toBe(stored);
        expect(sameClock(tz, stored!)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('renames only to names this runtime knows, on the same clock as the old name', () => {
    for (const tz of LISTED) {
      const stored = canonicalTimeZone(tz);
      if (stored !== null && stored.toLowerCase() !== tz.toLowerCase()) {
        expect(sameClock(tz, stored)).toBe(true);
      }
    }
  });
});
