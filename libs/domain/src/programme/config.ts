import { AUDIENCES, type Audience } from './audience';

export interface ProgrammeConfig {
  /** Carry-on sessions needed at one level (inside the window) before moving up, per audience. */
  readonly progressAfterSessions: Readonly<Record<Audience, number>>;
  /** Only sessions this many days back (24-hour periods before the current check-in) count. */
  readonly progressionWindowDays: number;
  /** Pain-monitoring model, 0-10 NRS: up to this is safe. */
  readonly painSafeMax: number;
  /** Above painSafeMax and up to this is acceptable but holds; anything higher is a red flag. */
  readonly painHoldMax: number;
  /** A rise of at least this many points over the previous session holds, whatever the score. */
  readonly painJumpHold: number;
  /** Days of rest prescribed when the next-morning answer is "worse". */
  readonly restDaysAfterWorse: number;
  /** No check-in for this many days counts as inactive. */
  readonly inactivityDays: number;
  /** Re-engagement messages are capped to one per this many days. */
  readonly reEngagementMinGapDays: number;
  readonly programmeWeeks: number;
  readonly sessionsPerWeek: number;
  /** Older adults keep holding support up to and including this level. */
  readonly olderAdultKeepSupportUntilLevel: number;
}

// Dose anchor: 3 sessions a week for 6 weeks (Alghadir et al. 2019). Progress counts follow DESIGN.md §2.
export const DEFAULT_PROGRAMME_CONFIG: ProgrammeConfig = Object.freeze({
  progressAfterSessions: Object.freeze({
    knee_pain: 3,
    post_surgical: 3,
    athlete: 2,
    older_adult: 4,
    general: 3,
  }),
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

export function sessionsNeededToProgress(audience: Audience, config: ProgrammeConfig): number {
  return config.progressAfterSessions[audience];
}

export class InvalidProgrammeConfigError extends RangeError {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid programme config: ${problems.join('; ')}`);
    this.name = 'InvalidProgrammeConfigError';
  }
}

function isWhole(value: number, min: number, max = Number.MAX_SAFE_INTEGER): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

/**
 * Lists what is wrong with a per-programme config. A programme may make the rules stricter, never
 * looser than the pain-monitoring model: pain above 5 must stay a red flag, so painHoldMax is capped at 5.
 */
export function programmeConfigProblems(config: ProgrammeConfig): string[] {
  const problems: string[] = [];
  for (const audience of AUDIENCES) {
    const sessions = config.progressAfterSessions[audience];
    if (!isWhole(sessions, 1)) problems.push(`progressAfterSessions.${audience} must be a whole number >= 1`);
  }
  if (!isWhole(config.progressionWindowDays, 1))
    problems.push('progressionWindowDays must be a whole number >= 1');
  if (!isWhole(config.painSafeMax, 0, 10)) problems.push('painSafeMax must be a whole number 0-10');
  if (!isWhole(config.painHoldMax, 0, 5)) problems.push('painHoldMax must be a whole number 0-5');
  if (config.painHoldMax < config.painSafeMax) problems.push('painHoldMax must not be below painSafeMax');
  if (!isWhole(config.painJumpHold, 1, 10)) problems.push('painJumpHold must be a whole number 1-10');
  if (!isWhole(config.restDaysAfterWorse, 1)) problems.push('restDaysAfterWorse must be a whole number >= 1');
  if (!isWhole(config.inactivityDays, 1)) problems.push('inactivityDays must be a whole number >= 1');
  if (!isWhole(config.reEngagementMinGapDays, 1))
    problems.push('reEngagementMinGapDays must be a whole number >= 1');
  if (!isWhole(config.programmeWeeks, 1)) problems.push('programmeWeeks must be a whole number >= 1');
  if (!isWhole(config.sessionsPerWeek, 1, 7)) problems.push('sessionsPerWeek must be a whole number 1-7');
  if (!isWhole(config.olderAdultKeepSupportUntilLevel, 1)) {
    problems.push('olderAdultKeepSupportUntilLevel must be a whole number >= 1');
  }
  return problems;
}

export function assertValidProgrammeConfig(config: ProgrammeConfig): void {
  const problems = programmeConfigProblems(config);
  if (problems.length > 0) throw new InvalidProgrammeConfigError(problems);
}
