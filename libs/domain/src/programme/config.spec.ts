import {
  assertValidProgrammeConfig,
  DEFAULT_PROGRAMME_CONFIG,
  InvalidProgrammeConfigError,
  programmeConfigProblems,
  sessionsNeededToProgress,
  type ProgrammeConfig,
} from './config';

function withChanges(changes: Partial<ProgrammeConfig>): ProgrammeConfig {
  return { ...DEFAULT_PROGRAMME_CONFIG, ...changes };
}

describe('DEFAULT_PROGRAMME_CONFIG', () => {
  it('holds the defaults from DESIGN.md', () => {
    expect(DEFAULT_PROGRAMME_CONFIG).toEqual({
      progressAfterSessions: { knee_pain: 3, post_surgical: 3, athlete: 2, older_adult: 4, general: 3 },
      progressionWindowDays: 14,
      painSafeMax: 3,
      painHoldMax: 5,
      painJumpHold: 2,
      restDaysAfterWorse: 1,
      inactivityDays: 7,
      reEngagementMinGapDays: 14,
      programmeWeeks: 6,
      sessionsPerWeek: 3,
      olderAdultKeepSupportUntilLevel: 3,
    });
  });

  it('is valid and cannot be changed at run time', () => {
    expect(programmeConfigProblems(DEFAULT_PROGRAMME_CONFIG)).toEqual([]);
    expect(Object.isFrozen(DEFAULT_PROGRAMME_CONFIG)).toBe(true);
    expect(Object.isFrozen(DEFAULT_PROGRAMME_CONFIG.progressAfterSessions)).toBe(true);
  });

  it('gives athletes the fewest sessions and older adults the most', () => {
    expect(sessionsNeededToProgress('athlete', DEFAULT_PROGRAMME_CONFIG)).toBe(2);
    expect(sessionsNeededToProgress('older_adult', DEFAULT_PROGRAMME_CONFIG)).toBe(4);
    expect(
      sessionsNeededToProgress(
        'general',
        withChanges({
          progressAfterSessions: { ...DEFAULT_PROGRAMME_CONFIG.progressAfterSessions, general: 5 },
        }),
      ),
    ).toBe(5);
  });
});

describe('programmeConfigProblems', () => {
  it('refuses to let pain above 5 stop being a red flag', () => {
    expect(programmeConfigProblems(withChanges({ painHoldMax: 6 }))).toEqual([
      'painHoldMax must be a whole number 0-5',
    ]);
  });

  it('accepts a stricter pain model', () => {
    expect(programmeConfigProblems(withChanges({ painSafeMax: 2, painHoldMax: 4 }))).toEqual([]);
  });

  it('refuses a hold ceiling below the safe ceiling', () => {
    expect(programmeConfigProblems(withChanges({ painSafeMax: 4, painHoldMax: 3 }))).toEqual([
      'painHoldMax must not be below painSafeMax',
    ]);
  });

  it('names every bad field', () => {
    const problems = programmeConfigProblems(
      withChanges({
        progressAfterSessions: { ...DEFAULT_PROGRAMME_CONFIG.progressAfterSessions, athlete: 0 },
        progressionWindowDays: 0,
        painJumpHold: 0,
        restDaysAfterWorse: 0.5,
        sessionsPerWeek: 8,
        olderAdultKeepSupportUntilLevel: 0,
      }),
    );
    expect(problems.map((problem) => problem.split(' ')[0])).toEqual([
      'progressAfterSessions.athlete',
      'progressionWindowDays',
      'painJumpHold',
      'restDaysAfterWorse',
      'sessionsPerWeek',
      'olderAdultKeepSupportUntilLevel',
    ]);
  });

  it('throws a RangeError listing the problems', () => {
    expect(() => assertValidProgrammeConfig(withChanges({ painSafeMax: -1 }))).toThrow(
      InvalidProgrammeConfigError,
    );
    expect(() => assertValidProgrammeConfig(withChanges({ painSafeMax: -1 }))).toThrow(RangeError);
    expect(() => assertValidProgrammeConfig(DEFAULT_PROGRAMME_CONFIG)).not.toThrow();
  });
});
