import fc from 'fast-check';
import {
  DEFAULT_QUIET_HOURS,
  type QuietHours,
  isWithinQuietHours,
  nextLocalTimeAfter,
  releaseFromQuietHours,
} from './quiet-hours';
import {
  HOUR,
  MINUTE,
  ZONES,
  check,
  expectReadsOrJumpsOver,
  instantArb,
  localTimeArb,
  readWall,
} from './zone-oracle.spec-helper';

const at = (s: string): Date => new Date(s);
const iso = (d: Date): string => d.toISOString();

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** The rule as the product describes it, applied to what the wall clock reads. */
function quietByTheBook(ms: number, tz: string, quiet: QuietHours): boolean {
  const now = minutesOf(readWall(ms, tz).time);
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start < end) return start <= now && now < end;
  if (start > end) return now >= start || now < end;
  return false;
}

describe('isWithinQuietHours', () => {
  it('defaults to 21:00-07:00', () => {
    expect(DEFAULT_QUIET_HOURS).toEqual({ start: '21:00', end: '07:00' });
  });

  it.each([
    // New York summer, UTC-4.
    ['2027-06-02T00:59:00Z', false], // 20:59
    ['2027-06-02T01:00:00Z', true], // 21:00
    ['2027-06-02T04:00:00Z', true], // 00:00
    ['2027-06-02T10:59:00Z', true], // 06:59
    ['2027-06-02T11:00:00Z', false], // 07:00
    ['2027-06-02T16:00:00Z', false], // 12:00
  ])('New York at %s: %s', (instant, quiet) => {
    expect(isWithinQuietHours(at(instant), 'America/New_York', DEFAULT_QUIET_HOURS)).toBe(quiet);
  });

  it('handles a window that does not wrap midnight', () => {
    const siesta: QuietHours = { start: '13:00', end: '15:00' };
    expect(isWithinQuietHours(at('2027-06-02T07:29:00Z'), 'Asia/Kolkata', siesta)).toBe(false); // 12:59
    expect(isWithinQuietHours(at('2027-06-02T07:30:00Z'), 'Asia/Kolkata', siesta)).toBe(true); // 13:00
    expect(isWithinQuietHours(at('2027-06-02T09:29:00Z'), 'Asia/Kolkata', siesta)).toBe(true); // 14:59
    expect(isWithinQuietHours(at('2027-06-02T09:30:00Z'), 'Asia/Kolkata', siesta)).toBe(false); // 15:00
  });

  it('treats start equal to end as no quiet hours at all', () => {
    for (let hour = 0; hour < 24; hour++) {
      expect(
        isWithinQuietHours(at(`2027-06-02T${String(hour).padStart(2, '0')}:00:00Z`), 'UTC', {
          start: '22:00',
          end: '22:00',
        }),
      ).toBe(false);
    }
  });

  it('refuses malformed times', () => {
    expect(() =>
      isWithinQuietHours(at('2027-06-02T00:00:00Z'), 'UTC', { start: '9pm', end: '07:00' }),
    ).toThrow(RangeError);
  });
});

describe('releaseFromQuietHours', () => {
  it('moves 22:00 to 07:00 the next morning', () => {
    // 2027-06-01 22:00 EDT -> 2027-06-02 07:00 EDT
    expect(
      iso(releaseFromQuietHours(at('2027-06-02T02:00:00Z'), 'America/New_York', DEFAULT_QUIET_HOURS)),
    ).toBe('2027-06-02T11:00:00.000Z');
  });

  it('moves 03:00 to 07:00 the same morning', () => {
    expect(
      iso(releaseFromQuietHours(at('2027-06-02T07:00:00Z'), 'America/New_York', DEFAULT_QUIET_HOURS)),
    ).toBe('2027-06-02T11:00:00.000Z');
  });

  it('returns the very same instant outside quiet hours', () => {
    const instant = at('2027-06-02T16:00:00.123Z');
    expect(releaseFromQuietHours(instant, 'America/New_York', DEFAULT_QUIET_HOURS)).toBe(instant);
  });

  it('releases across the New York spring-forward night at 07:00 EDT', () => {
    // 2027-03-13 23:00 EST -> 2027-03-14 07:00 EDT
    expect(
      iso(releaseFromQuietHours(at('2027-03-14T04:00:00Z'), 'America/New_York', DEFAULT_QUIET_HOURS)),
    ).toBe('2027-03-14T11:00:00.000Z');
  });

  it('releases at the jump when the end time itself is skipped', () => {
    // Quiet until 02:30 on the night New York skips from 02:00 to 03:00; 01:00 EST is 06:00Z.
    const quiet: QuietHours = { start: '22:00', end: '02:30' };
    expect(iso(releaseFromQuietHours(at('2027-03-14T06:00:00Z'), 'America/New_York', quiet))).toBe(
      '2027-03-14T07:00:00.000Z',
    );
  });

  it('releases at the second 01:30 when the repeated hour brings quiet hours back', () => {
    // Quiet until 01:30 on the New York fall-back night: 01:15 EST (06:15Z) comes after 01:30 EDT.
    const quiet: QuietHours = { start: '21:00', end: '01:30' };
    expect(iso(releaseFromQuietHours(at('2027-11-07T06:15:00Z'), 'America/New_York', quiet))).toBe(
      '2027-11-07T06:30:00.000Z',
    );
  });

  it('releases at Santiago 01:00 when the midnight end is skipped', () => {
    // 2027-09-04 22:00 -04 is 09-05 02:00Z; midnight never comes, the clock reads 01:00 at 04:00Z.
    const quiet: QuietHours = { start: '21:00', end: '00:00' };
    expect(iso(releaseFromQuietHours(at('2027-09-05T02:00:00Z'), 'America/Santiago', quiet))).toBe(
      '2027-09-05T04:00:00.000Z',
    );
  });

  it('releases the 2027 Berlin and Sydney transition nights at 07:00 local', () => {
    expect(iso(releaseFromQuietHours(at('2027-03-28T00:30:00Z'), 'Europe/Berlin', DEFAULT_QUIET_HOURS))).toBe(
      '2027-03-28T05:00:00.000Z',
    );
    expect(iso(releaseFromQuietHours(at('2027-10-31T00:30:00Z'), 'Europe/Berlin', DEFAULT_QUIET_HOURS))).toBe(
      '2027-10-31T06:00:00.000Z',
    );
    expect(
      iso(releaseFromQuietHours(at('2027-04-03T15:30:00Z'), 'Australia/Sydney', DEFAULT_QUIET_HOURS)),
    ).toBe('2027-04-03T21:00:00.000Z');
    expect(
      iso(releaseFromQuietHours(at('2027-10-02T15:30:00Z'), 'Australia/Sydney', DEFAULT_QUIET_HOURS)),
    ).toBe('2027-10-02T20:00:00.000Z');
  });
});

describe('nextLocalTimeAfter', () => {
  it.each([
    // 2027-03-13 12:00 EST -> 08:00 EDT on the 14th.
    ['America/New_York', '2027-03-13T17:00:00Z', '08:00', '2027-03-14T12:00:00Z'],
    // Exactly at the time: strictly after means tomorrow.
    ['America/New_York', '2027-03-14T12:00:00Z', '08:00', '2027-03-15T12:00:00Z'],
    // 02:30 does not exist on the 14th; the jump to 03:00 EDT stands in for it.
    ['America/New_York', '2027-03-13T08:00:00Z', '02:30', '2027-03-14T07:00:00Z'],
    // 01:30 happens twice on 7 November; each occurrence counts.
    ['America/New_York', '2027-11-07T05:00:00Z', '01:30', '2027-11-07T05:30:00Z'],
    ['America/New_York', '2027-11-07T05:30:00Z', '01:30', '2027-11-07T06:30:00Z'],
    ['America/New_York', '2027-11-07T06:30:00Z', '01:30', '2027-11-08T06:30:00Z'],
    ['Asia/Kathmandu', '2027-01-01T00:00:00Z', '08:00', '2027-01-01T02:15:00Z'],
    ['Asia/Kolkata', '2027-01-01T03:00:00Z', '08:00', '2027-01-02T02:30:00Z'],
    ['Australia/Lord_Howe', '2027-10-02T12:00:00Z', '02:15', '2027-10-02T15:30:00Z'],
  ])('%s after %s, next %s is %s', (tz, after, time, expected) => {
    expect(iso(nextLocalTimeAfter(at(after), tz, time))).toBe(iso(at(expected)));
  });
});

/**
 * `next` must be the first time after `instant` that the clock in `tz` reads `time` (or jumps over it):
 * it does so at `next`, and not a day earlier give or take a DST shift, nor at a repeat of the last
 * two hours.
 */
function expectFirstReadingAfter(instant: number, next: number, tz: string, time: string): void {
  const context = `${time} after ${new Date(instant).toISOString()} -> ${new Date(next).toISOString()}`;
  check(next > instant, `${context}: not after`);
  // A day, or two when a spring-forward gap swallows the only free minutes of a near-total window.
  check(next - instant <= 49 * HOUR, `${context}: more than two days later`);
  expectReadsOrJumpsOver(next, tz, time);
  const backs = [30, 60, 90, 120].flatMap((shift) => [shift, 1440 - shift, 1440 + shift]).concat(1440);
  for (const back of backs) {
    const earlier = next - back * MINUTE;
    if (earlier > instant) {
      check(
        readWall(earlier, tz).time !== time,
        `${context}: read ${time} at ${new Date(earlier).toISOString()}`,
      );
    }
  }
}

const quietArb: fc.Arbitrary<QuietHours> = fc.oneof(
  fc.constant(DEFAULT_QUIET_HOURS),
  fc.record({ start: localTimeArb, end: localTimeArb }),
);

describe.each(ZONES)('quiet hours in %s', (tz) => {
  it('agree with the wall clock reading', () => {
    fc.assert(
      fc.property(instantArb(tz), fc.integer({ min: 0, max: MINUTE - 1 }), quietArb, (ms, extra, quiet) => {
        expect(isWithinQuietHours(new Date(ms + extra), tz, quiet)).toBe(quietByTheBook(ms, tz, quiet));
      }),
      { numRuns: 300 },
    );
  });

  it('release when the clock next reads the end time, never inside quiet hours, and leave other times alone', () => {
    fc.assert(
      fc.property(instantArb(tz), fc.integer({ min: 0, max: MINUTE - 1 }), quietArb, (ms, extra, quiet) => {
        const instant = new Date(ms + extra);
        const released = releaseFromQuietHours(instant, tz, quiet).getTime();
        const context = `${quiet.start}-${quiet.end} ${iso(instant)} -> ${new Date(released).toISOString()}`;
        if (!quietByTheBook(ms, tz, quiet)) {
          check(released === instant.getTime(), `${context}: moved a time outside quiet hours`);
          return;
        }
        check(!quietByTheBook(released, tz, quiet), `${context}: still inside quiet hours`);
        // Quiet hours end when the clock next reads their end time.
        expectFirstReadingAfter(instant.getTime(), released, tz, quiet.end);
      }),
      { numRuns: 300 },
    );
  });

  it('find the next occurrence of a local time', () => {
    fc.assert(
      fc.property(
        instantArb(tz),
        fc.integer({ min: 0, max: MINUTE - 1 }),
        localTimeArb,
        (ms, extra, time) => {
          const instant = ms + extra;
          const next = nextLocalTimeAfter(new Date(instant), tz, time).getTime();
          expectFirstReadingAfter(instant, next, tz, time);
        },
      ),
      { numRuns: 300 },
    );
  });
});
