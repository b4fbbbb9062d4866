// Builders for unit tests only; nothing outside *.spec.ts imports this file.
import type { Audience } from '../programme/audience';
import { DEFAULT_PROGRAMME_CONFIG, type ProgrammeConfig } from '../programme/config';
import type { CheckInReport, PastSession } from './check-in';
import { decideAfterCheckIn, type DecideAfterCheckInInput } from './decide';
import type { Decision, RuleHit, RuleId } from './decision';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export const NOW = new Date('2025-03-14T08:30:00.000Z');

export function daysBefore(days: number, from: Date = NOW): Date {
  return new Date(from.getTime() - days * DAY_MS);
}

/** A session with nothing to report: no pain, no red flag, no near fall. */
export function cleanReport(overrides: Partial<CheckInReport> = {}): CheckInReport {
  return {
    performedAt: NOW,
    durationMinutes: 10,
    painDuring: 1,
    painType: 'muscle_effort',
    swelling: false,
    dizziness: false,
    fall: false,
    nearFall: false,
    kneeGaveWay: false,
    ...overrides,
  };
}

export function pastSession(daysAgo: number, overrides: Partial<PastSession> = {}): PastSession {
  return { performedAt: daysBefore(daysAgo), level: 1, painDuring: 1, action: 'carry_on', ...overrides };
}

/** decideAfterCheckIn with a clean level-1 general session and the default config, changed as given. */
export function decide(
  options: {
    report?: Partial<CheckInReport>;
    level?: number;
    audience?: Audience;
    history?: PastSession[];
    config?: Partial<ProgrammeConfig>;
  } & Pick<DecideAfterCheckInInput, 'clearedForResistance' | 'hasTreadmill'> = {},
): Decision {
  return decideAfterCheckIn({
    report: cleanReport(options.report),
    level: options.level ?? 1,
    audience: options.audience ?? 'general',
    history: options.history ?? [],
    config: { ...DEFAULT_PROGRAMME_CONFIG, ...options.config },
    clearedForResistance: options.clearedForResistance,
    hasTreadmill: options.hasTreadmill,
  });
}

export function rulesOf(decision: Decision): RuleId[] {
  return decision.rules.map((hit) => hit.rule);
}

/** `count` carry-on sessions at `level`, one every two days before now. */
export function carryOns(count: number, level: number, firstDaysAgo = 2): PastSession[] {
  return Array.from({ length: count }, (_, i) => pastSession(firstDaysAgo + 2 * i, { level }));
}

/** The rule hit at a position, failing the test clearly when the decision has fewer hits. */
export function ruleAt(decision: Decision, index: number): RuleHit {
  const hit = decision.rules[index];
  if (hit === undefined) throw new Error(`No rule hit #${index} in [${rulesOf(decision).join(', ')}]`);
  return hit;
}
