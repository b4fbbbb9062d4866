import { type ProgrammeConfig } from './config';
import { TOP_LEVEL } from './levels';

const DAY_MS = 86_400_000;

/**
 * When to send a "we have not heard from you" email: a set number of days after the last activity
 * (confirmation or check-in), and never sooner than the minimum gap after the previous one, so
 * someone who drifts away gets one friendly nudge a fortnight, not a stream of them.
 */
export function reEngagementDueAt(
  lastActivityAt: Date,
  lastReEngagementSentAt: Date | null,
  config: ProgrammeConfig,
): Date {
  const afterInactivity = lastActivityAt.getTime() + config.inactivityDays * DAY_MS;
  const afterGap =
    lastReEngagementSentAt === null
      ? 0
      : lastReEngagementSentAt.getTime() + config.reEngagementMinGapDays * DAY_MS;
  return new Date(Math.max(afterInactivity, afterGap));
}

/**
 * The programme is complete after its planned weeks, once the person has reached the top level or
 * done the planned number of sessions (weeks x sessions a week; the dose of the 6-week trials).
 */
export function isProgrammeComplete(input: {
  startedAt: Date;
  now: Date;
  level: number;
  sessionsDone: number;
  config: ProgrammeConfig;
}): boolean {
  const { startedAt, now, level, sessionsDone, config } = input;
  const weeks = (now.getTime() - startedAt.getTime()) / (7 * DAY_MS);
  if (weeks < config.programmeWeeks) return false;
  return level >= TOP_LEVEL || sessionsDone >= config.programmeWeeks * config.sessionsPerWeek;
}
