import fc from 'fast-check';
import { getLevel, PROGRAMME_LEVELS } from './levels';
import { SAFETY_BASICS, SAFETY_STOP, SAFETY_STOP_ADVICE, safetyPointForDay } from './safety';

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function consecutiveDays(start: string, count: number): string[] {
  const first = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => isoDate(new Date(first + i * 86_400_000)));
}

describe('SAFETY_BASICS', () => {
  it('covers the five basics from the seed', () => {
    expect(SAFETY_BASICS.map((basic) => basic.id)).toEqual([
      'clear_space',
      'support',
      'upright',
      'controlled_steps',
      'stop_on_pain',
    ]);
  });

  it('tells people to stop on sharp or lasting pain, while muscle work is normal', () => {
    const stop = SAFETY_BASICS.find((basic) => basic.id === 'stop_on_pain');
    expect(stop?.text).toMatch(/stop straight away/);
    expect(stop?.text).toMatch(/sharp/);
    expect(stop?.text).toMatch(/does not go away/);
    expect(stop?.text).toMatch(/thigh muscles work is normal/);
  });

  it('has a title and a sentence for each', () => {
    for (const basic of SAFETY_BASICS) {
      expect(basic.title.length).toBeGreaterThan(0);
      expect(basic.text).toMatch(/^[A-Z].*\.$/);
    }
  });
});

describe('SAFETY_STOP', () => {
  it('says stop until a professional has checked, the pause and the coach, and when to get urgent help', () => {
    expect(SAFETY_STOP.checkFirst).toMatch(
      /checked by a doctor or physiotherapist before you walk backwards again/,
    );
    expect(SAFETY_STOP.paused).toMatch(/paused.*coach has been told/);
    expect(SAFETY_STOP.urgentTitle).toMatch(/urgent/);
    expect(SAFETY_STOP.urgent).toEqual(
      expect.arrayContaining(['your knee swells badly', 'you cannot put weight on it']),
    );
  });

  it('says each thing once, also joined up as one text', () => {
    const sentences = SAFETY_STOP_ADVICE.split(/(?<=\.)\s+/);
    expect(new Set(sentences).size).toBe(sentences.length);
    expect(SAFETY_STOP_ADVICE.match(/paused/g)).toHaveLength(1);
    expect(SAFETY_STOP_ADVICE).toContain('cannot put weight');
  });
});

describe('safetyPointForDay', () => {
  it('gives the same point for the same day and level', () => {
    expect(safetyPointForDay('2025-06-02', 2)).toBe(safetyPointForDay('2025-06-02', 2));
  });

  it('cycles through the level point and every basic over six consecutive days', () => {
    const points = consecutiveDays('2025-12-28', 6).map((day) => safetyPointForDay(day, 4));
    expect(new Set(points)).toEqual(
      new Set([getLevel(4).safetyPoint, ...SAFETY_BASICS.map((basic) => basic.text)]),
    );
  });

  it('changes from one day to the next, across month and year ends', () => {
    for (const run of [consecutiveDays('2024-02-27', 4), consecutiveDays('2024-12-30', 4)]) {
      let previous: string | undefined;
      for (const day of run) {
        if (previous !== undefined)
          expect(safetyPointForDay(day, 1)).not.toBe(safetyPointForDay(previous, 1));
        previous = day;
      }
    }
  });

  it('uses the level-specific point for its level', () => {
    const days = consecutiveDays('2025-01-01', 6);
    for (const level of PROGRAMME_LEVELS) {
      expect(days.map((day) => safetyPointForDay(day, level.level))).toContain(level.safetyPoint);
    }
  });

  it.each(['2025-02-30', '2025-13-01', '25-01-01', '2025-1-1', '2025-01-01T00:00', ''])(
    'refuses %p as a date',
    (day) => {
      expect(() => safetyPointForDay(day, 1)).toThrow(RangeError);
    },
  );

  it('refuses an unknown level', () => {
    expect(() => safetyPointForDay('2025-01-01', 7)).toThrow(RangeError);
  });

  it('always returns one of the known points, for any date and level', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1970-01-01T00:00:00Z'),
          max: new Date('2200-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 1, max: 6 }),
        (date, level) => {
          const known = [getLevel(level).safetyPoint, ...SAFETY_BASICS.map((basic) => basic.text)];
          const day = isoDate(date);
          const next = isoDate(new Date(date.getTime() + 86_400_000));
          expect(known).toContain(safetyPointForDay(day, level));
          expect(safetyPointForDay(next, level)).not.toBe(safetyPointForDay(day, level));
        },
      ),
    );
  });
});
