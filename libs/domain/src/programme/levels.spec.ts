import { FIRST_LEVEL, getLevel, isLevel, PROGRAMME_LEVELS, TOP_LEVEL } from './levels';

describe('PROGRAMME_LEVELS', () => {
  it('runs from level 1 to level 6 in order', () => {
    expect(FIRST_LEVEL).toBe(1);
    expect(TOP_LEVEL).toBe(6);
    expect(PROGRAMME_LEVELS.map((level) => level.level)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('follows the seed order: duration, then pace, then incline, then resistance', () => {
    expect(PROGRAMME_LEVELS.map((level) => level.name)).toEqual([
      'Supported start',
      'Free-standing',
      'Longer',
      'Pace',
      'Incline',
      'Resistance',
    ]);
    expect(PROGRAMME_LEVELS.map((level) => level.pace)).toEqual([
      'slow',
      'slow',
      'comfortable',
      'brisk',
      'comfortable',
      'comfortable',
    ]);
  });

  it('matches the durations in DESIGN.md and never goes past 30 minutes', () => {
    expect(PROGRAMME_LEVELS.slice(0, 4).map((level) => level.targetMinutes)).toEqual([
      { min: 5, max: 5 },
      { min: 10, max: 10 },
      { min: 15, max: 20 },
      { min: 20, max: 20 },
    ]);
    for (const level of PROGRAMME_LEVELS) {
      expect(level.targetMinutes.min).toBeGreaterThan(0);
      expect(level.targetMinutes.min).toBeLessThanOrEqual(level.targetMinutes.max);
      expect(level.targetMinutes.max).toBeLessThanOrEqual(30);
    }
  });

  it('needs a treadmill only for the incline level', () => {
    expect(PROGRAMME_LEVELS.filter((level) => level.requiresTreadmill).map((level) => level.level)).toEqual([
      5,
    ]);
  });

  it('needs clearance after surgery only for the resistance level', () => {
    expect(
      PROGRAMME_LEVELS.filter((level) => level.requiresClearanceAfterSurgery).map((level) => level.level),
    ).toEqual([6]);
  });

  it('gives each level 2 to 4 short, plain sentences and a safety point', () => {
    for (const level of PROGRAMME_LEVELS) {
      expect(level.instructions.length).toBeGreaterThanOrEqual(2);
      expect(level.instructions.length).toBeLessThanOrEqual(4);
      for (const sentence of level.instructions) {
        expect(sentence).toMatch(/^[A-Z].*\.$/);
        expect(sentence.length).toBeLessThanOrEqual(110);
      }
      expect(level.safetyPoint).toMatch(/^[A-Z].*\.$/);
      expect(level.summary.length).toBeGreaterThan(0);
    }
  });

  it('keeps support on at the supported start and the handrail near on the treadmill', () => {
    expect(getLevel(1).instructions.join(' ')).toMatch(/handrail/);
    expect(getLevel(5).safetyPoint).toMatch(/handrail/);
    expect(getLevel(6).safetyPoint).toMatch(/surgery/);
  });
});

describe('getLevel', () => {
  it('returns the level asked for', () => {
    expect(getLevel(3).name).toBe('Longer');
  });

  it.each([0, 7, -1, 1.5, Number.NaN])('throws a RangeError for %p', (level) => {
    expect(() => getLevel(level)).toThrow(RangeError);
    expect(isLevel(level)).toBe(false);
  });
});
