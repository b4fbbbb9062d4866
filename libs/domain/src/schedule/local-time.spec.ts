import fc from 'fast-check';
import {
  WEEKDAYS,
  addDays,
  isLocalDate,
  isLocalTime,
  isValidTimeZone,
  localParts,
  offsetMinutes,
  weekdayOf,
  zonedTimeToInstant,
} from './local-time';
import {
  DAY,
  FIRST_DAY,
  LAST_DAY,
  MINUTE,
  ZONES,
  check,
  expectEarliestReaching,
  instantArb,
  readWall,
  transitionsOf,
  utcDate,
  wallRequestArb,
} from './zone-oracle.spec-helper';

const iso = (s: string): Date => new Date(s);

describe('isLocalTime', () => {
  it('accepts exactly the 1440 minutes of a day written HH:MM', () => {
    const wrong: string[] = [];
    for (let h = 0; h < 100; h++) {
      for (let m = 0; m < 100; m++) {
        const text = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
        if (isLocalTime(text) !== (h < 24 && m < 60)) wrong.push(text);
      }
    }
    expect(wrong).toEqual([]);
  });

  it.each([
    '',
    '7:00',
    '07:0',
    '07:000',
    '07:00:00',
    ' 07:00',
    '07:00 ',
    '07-00',
    '07.00',
    '-1:00',
    '0x:10',
    '０７:００',
  ])('rejects %j', (text) => {
    expect(isLocalTime(text)).toBe(false);
  });
});

describe('isLocalDate', () => {
  it('accepts every real date and rejects impossible days, 1999-2041', () => {
    const wrong: string[] = [];
    let monthEnds = 0;
    for (let ms = Date.UTC(1999, 0, 1); ms <= Date.UTC(2041, 11, 31); ms += DAY) {
      const date = utcDate(ms);
      if (!isLocalDate(date)) wrong.push(date);
      // The day after the last of a month must be refused when written under the old month.
      if (utcDate(ms + DAY).slice(5, 7) !== date.slice(5, 7)) {
        monthEnds++;
        const impossible = `${date.slice(0, 8)}${Number(date.slice(8)) + 1}`;
        if (isLocalDate(impossible)) wrong.push(impossible);
      }
    }
    expect(wrong).toEqual([]);
    expect(monthEnds).toBe(43 * 12);
  });

  it.each([
    ['2000-02-29', true],
    ['2028-02-29', true],
    ['2027-02-29', false],
    ['2100-02-29', false],
    ['2027-04-31', false],
    ['2027-13-01', false],
    ['2027-00-10', false],
    ['2027-01-00', false],
    ['0000-01-01', false],
    ['2027-1-01', false],
    ['2027/01/01', false],
    ['2027-01-01T00:00', false],
    ['', false],
  ])('%s -> %s', (text, valid) => {
    expect(isLocalDate(text)).toBe(valid);
  });
});

describe('isValidTimeZone', () => {
  it.each([...ZONES, 'Asia/Calcutta', 'america/new_york', 'Etc/UTC', 'Pacific/Chatham'])(
    'accepts %s',
    (tz) => {
      expect(isValidTimeZone(tz)).toBe(true);
    },
  );

  it.each([
    '',
    '+05:00',
    '-03:00',
    '0530',
    'Mars/Olympus',
    'America/New York',
    'Europe/',
    // Intl knows these, but they are not where anyone lives: EST is Panama time, GMT never BST.
    'EST',
    'GMT',
    'CET',
    'EST5EDT',
    'PST8PDT',
    // Fixed offsets under a place-like name: Etc/GMT+5 is UTC-5 all year, like '-05:00'.
    'Etc/GMT+5',
    'Etc/GMT-14',
  ])('rejects %j', (tz) => {
    expect(isValidTimeZone(tz)).toBe(false);
  });

  it('builds one Intl formatter per zone name, however often it is asked', () => {
    const original = Intl.DateTimeFormat;
    let constructed = 0;
    Intl.DateTimeFormat = new Proxy(original, {
      construct(target, args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
        constructed++;
        return new target(...args);
      },
    });
    try {
      for (let i = 0; i < 5; i++) {
        expect(isValidTimeZone('America/Argentina/Ushuaia')).toBe(true);
        expect(isValidTimeZone('Nowhere/Special')).toBe(false);
        zonedTimeToInstant('2027-01-01', '09:00', 'America/Argentina/Ushuaia');
        localParts(new Date(), 'America/Argentina/Ushuaia');
      }
    } finally {
      Intl.DateTimeFormat = original;
    }
    expect(constructed).toBe(2);
  });

  it('makes the zone functions refuse unknown zones', () => {
    expect(() => zonedTimeToInstant('2027-01-01', '09:00', 'Nowhere/Special')).toThrow(RangeError);
    expect(() => localParts(new Date(), '')).toThrow(RangeError);
    expect(() => offsetMinutes(new Date(), '+05:00')).toThrow(RangeError);
  });
});

describe('weekdayOf and addDays', () => {
  it('lists weekdays Monday first', () => {
    expect(WEEKDAYS).toEqual(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
  });

  it.each([
    ['2027-03-14', 'sun'],
    ['2027-03-15', 'mon'],
    ['2024-02-29', 'thu'],
    ['2000-01-01', 'sat'],
    ['1970-01-01', 'thu'],
  ])('%s is a %s', (date, weekday) => {
    expect(weekdayOf(date)).toBe(weekday);
  });

  it('agrees with Intl on the weekday of every date 2020-2040', () => {
    const utcWeekday = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'short' });
    const wrong: string[] = [];
    for (let ms = FIRST_DAY; ms <= LAST_DAY; ms += DAY) {
      if (weekdayOf(utcDate(ms)) !== utcWeekday.format(ms).toLowerCase()) wrong.push(utcDate(ms));
    }
    expect(wrong).toEqual([]);
  });

  it.each([
    ['2027-02-28', 1, '2027-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2027-12-31', 1, '2028-01-01'],
    ['2027-03-01', -1, '2027-02-28'],
    ['2027-03-14', 0, '2027-03-14'],
    ['2027-03-14', 365, '2028-03-13'],
  ])('%s + %d days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('moves by whole calendar days, matching Date arithmetic', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: FIRST_DAY / DAY, max: LAST_DAY / DAY }),
        fc.integer({ min: -800, max: 800 }),
        (day, days) => {
          expect(addDays(utcDate(day * DAY), days)).toBe(utcDate((day + days) * DAY));
        },
      ),
    );
  });

  it('refuses bad input', () => {
    expect(() => addDays('2027-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2027-02-01', 1.5)).toThrow(RangeError);
    expect(() => weekdayOf('27-02-01')).toThrow(RangeError);
  });
});

describe('zonedTimeToInstant at the 2027 transitions', () => {
  it.each([
    // New York springs forward at 02:00 EST on 14 March, falls back at 02:00 EDT on 7 November.
    ['America/New_York', '2027-03-14', '01:59', '2027-03-14T06:59:00Z'],
    ['America/New_York', '2027-03-14', '02:00', '2027-03-14T07:00:00Z'],
    ['America/New_York', '2027-03-14', '02:30', '2027-03-14T07:00:00Z'],
    ['America/New_York', '2027-03-14', '03:00', '2027-03-14T07:00:00Z'],
    ['America/New_York', '2027-03-14', '03:01', '2027-03-14T07:01:00Z'],
    ['America/New_York', '2027-11-07', '00:59', '2027-11-07T04:59:00Z'],
    ['America/New_York', '2027-11-07', '01:00', '2027-11-07T05:00:00Z'],
    ['America/New_York', '2027-11-07', '01:30', '2027-11-07T05:30:00Z'],
    ['America/New_York', '2027-11-07', '01:59', '2027-11-07T05:59:00Z'],
    ['America/New_York', '2027-11-07', '02:00', '2027-11-07T07:00:00Z'],
    // Berlin: 02:00 CET -> 03:00 CEST on 28 March, 03:00 CEST -> 02:00 CET on 31 October.
    ['Europe/Berlin', '2027-03-28', '01:59', '2027-03-28T00:59:00Z'],
    ['Europe/Berlin', '2027-03-28', '02:30', '2027-03-28T01:00:00Z'],
    ['Europe/Berlin', '2027-03-28', '03:00', '2027-03-28T01:00:00Z'],
    ['Europe/Berlin', '2027-10-31', '01:59', '2027-10-30T23:59:00Z'],
    ['Europe/Berlin', '2027-10-31', '02:30', '2027-10-31T00:30:00Z'],
    ['Europe/Berlin', '2027-10-31', '03:00', '2027-10-31T02:00:00Z'],
    // Sydney (southern hemisphere): 03:00 AEDT -> 02:00 AEST on 4 April, 02:00 AEST -> 03:00 AEDT on 3 October.
    ['Australia/Sydney', '2027-04-04', '01:59', '2027-04-03T14:59:00Z'],
    ['Australia/Sydney', '2027-04-04', '02:30', '2027-04-03T15:30:00Z'],
    ['Australia/Sydney', '2027-04-04', '03:00', '2027-04-03T17:00:00Z'],
    ['Australia/Sydney', '2027-10-03', '01:59', '2027-10-02T15:59:00Z'],
    ['Australia/Sydney', '2027-10-03', '02:30', '2027-10-02T16:00:00Z'],
    ['Australia/Sydney', '2027-10-03', '03:00', '2027-10-02T16:00:00Z'],
    // Lord Howe shifts by only 30 minutes: 02:00 -> 01:30 on 4 April, 02:00 -> 02:30 on 3 October.
    ['Australia/Lord_Howe', '2027-04-04', '01:45', '2027-04-03T14:45:00Z'],
    ['Australia/Lord_Howe', '2027-04-04', '02:00', '2027-04-03T15:30:00Z'],
    ['Australia/Lord_Howe', '2027-10-03', '02:15', '2027-10-02T15:30:00Z'],
    ['Australia/Lord_Howe', '2027-10-03', '02:30', '2027-10-02T15:30:00Z'],
    // Santiago switches at midnight: Saturday 24:00 -> 23:00 on 3 April, 24:00 -> Sunday 01:00 on 5 September.
    ['America/Santiago', '2027-04-03', '23:30', '2027-04-04T02:30:00Z'],
    ['America/Santiago', '2027-04-04', '00:00', '2027-04-04T04:00:00Z'],
    ['America/Santiago', '2027-09-05', '00:00', '2027-09-05T04:00:00Z'],
    ['America/Santiago', '2027-09-05', '00:59', '2027-09-05T04:00:00Z'],
    ['America/Santiago', '2027-09-05', '01:00', '2027-09-05T04:00:00Z'],
    // Havana also loses its midnight: 00:00 CST -> 01:00 CDT on 14 March.
    ['America/Havana', '2027-03-14', '00:00', '2027-03-14T05:00:00Z'],
    ['America/Havana', '2027-11-07', '00:30', '2027-11-07T04:30:00Z'],
    // Fixed offsets with odd minutes.
    ['Asia/Kolkata', '2027-03-14', '09:00', '2027-03-14T03:30:00Z'],
    ['Asia/Kolkata', '2027-01-01', '00:00', '2026-12-31T18:30:00Z'],
    ['Asia/Kathmandu', '2027-03-14', '09:00', '2027-03-14T03:15:00Z'],
    ['Asia/Kathmandu', '2027-01-01', '05:44', '2026-12-31T23:59:00Z'],
    ['UTC', '2027-03-14', '02:30', '2027-03-14T02:30:00Z'],
  ])('%s %s %s -> %s', (tz, date, time, expected) => {
    expect(zonedTimeToInstant(date, time, tz).toISOString()).toBe(new Date(expected).toISOString());
  });

  it('lets a gap that swallows the end of a day spill into the next one (Scoresbysund)', () => {
    // Greenland's Ittoqqortoormiit jumps from 22:59 straight to 00:00 on 28 March 2027.
    expect(zonedTimeToInstant('2027-03-27', '23:30', 'America/Scoresbysund').toISOString()).toBe(
      '2027-03-28T01:00:00.000Z',
    );
    expect(localParts(iso('2027-03-28T01:00:00Z'), 'America/Scoresbysund').date).toBe('2027-03-28');
  });

  it('refuses malformed dates and times', () => {
    expect(() => zonedTimeToInstant('2027-02-29', '09:00', 'UTC')).toThrow(RangeError);
    expect(() => zonedTimeToInstant('2027-02-28', '24:00', 'UTC')).toThrow(RangeError);
  });
});

describe.each(ZONES)('in %s', (tz) => {
  it('sees the transitions the oracle expects (2 a year, or none)', () => {
    const perYear = tz === 'Asia/Kolkata' || tz === 'Asia/Kathmandu' || tz === 'UTC' ? 0 : 2;
    // The scan runs from December 2019 to January 2041.
    expect(Math.round(transitionsOf(tz).length / 21)).toBe(perYear);
  });

  it('resolves every local date and time to the earliest instant that reaches it', () => {
    fc.assert(
      fc.property(wallRequestArb(tz), ({ date, time }) => {
        const instant = zonedTimeToInstant(date, time, tz).getTime();
        expectEarliestReaching(instant, tz, `${date} ${time}`);
        // None of these zones has a gap that crosses midnight, so the date is always kept.
        check(readWall(instant, tz).date === date, `${date} ${time} resolved onto another date`);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the exact local time whenever that time exists', () => {
    fc.assert(
      fc.property(instantArb(tz), (ms) => {
        const wall = readWall(ms, tz);
        const resolved = zonedTimeToInstant(wall.date, wall.time, tz).getTime();
        // The instant itself shows this time, so the result shows it too, at or before `ms`.
        check(readWall(resolved, tz).key === wall.key, `${wall.key} does not resolve to itself`);
        check(resolved <= ms, `${wall.key} resolved after an instant that shows it`);
        // At a fall-back the same reading an hour (or 30 minutes) later must map back to the first one.
        check(resolved > ms - 3 * 3_600_000, `${wall.key} resolved implausibly early`);
      }),
      { numRuns: 300 },
    );
  });

  it('reads local parts and offsets exactly as Intl does', () => {
    fc.assert(
      fc.property(instantArb(tz), fc.integer({ min: 0, max: MINUTE - 1 }), (ms, extra) => {
        const instant = new Date(ms + extra);
        const wall = readWall(ms, tz);
        const parts = localParts(instant, tz);
        const minutesOfDay = Number(wall.time.slice(0, 2)) * 60 + Number(wall.time.slice(3, 5));
        expect(parts).toEqual({ date: wall.date, time: wall.time, weekday: wall.weekday, minutesOfDay });
        expect(offsetMinutes(instant, tz)).toBe(wall.offsetMinutes);
      }),
      { numRuns: 300 },
    );
  });
});

describe('overlaps pick the first occurrence', () => {
  it.each([
    ['America/New_York', '2027-11-07', '01:30', -240],
    ['Europe/Berlin', '2027-10-31', '02:30', 120],
    ['Australia/Sydney', '2027-04-04', '02:30', 660],
    ['Australia/Lord_Howe', '2027-04-04', '01:45', 660],
    ['America/Santiago', '2027-04-03', '23:30', -180],
  ])('%s %s %s is read with the summer offset %d', (tz, date, time, summerOffset) => {
    const instant = zonedTimeToInstant(date, time, tz);
    expect(offsetMinutes(instant, tz)).toBe(summerOffset);
    const shift = tz === 'Australia/Lord_Howe' ? 30 : 60;
    // The later occurrence exists and shows the same reading.
    expect(readWall(instant.getTime() + shift * MINUTE, tz).key).toBe(`${date} ${time}`);
  });
});
