import type { Audience } from '../programme/audience';
import {
  assertValidProgrammeConfig,
  sessionsNeededToProgress,
  type ProgrammeConfig,
} from '../programme/config';
import { getLevel, TOP_LEVEL } from '../programme/levels';
import { assertValidCheckInReport, type CheckInReport, type PastSession } from './check-in';
import type { Decision, DecisionAction, RuleHit } from './decision';
import { redFlagsIn } from './red-flags';

export interface DecideAfterCheckInInput {
  readonly report: CheckInReport;
  /** The level the session was walked at. */
  readonly level: number;
  readonly audience: Audience;
  /** Earlier check-ins at any level, in any order. */
  readonly history: readonly PastSession[];
  readonly config: ProgrammeConfig;
  /** A clinician's explicit yes to weights after surgery; the general screening clearance is not enough. */
  readonly clearedForResistance?: boolean;
  /** Unknown counts as no treadmill: the incline level is never sent to someone who may not have one. */
  readonly hasTreadmill?: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The decision for one check-in, DESIGN.md §2. Precedence is fixed: any red flag stops (and nothing else
 * is considered), then any hold rule holds, and only a clean session can carry on or progress.
 */
export function decideAfterCheckIn(input: DecideAfterCheckInInput): Decision {
  const { report, level, config } = input;
  assertValidProgrammeConfig(config);
  assertValidCheckInReport(report);
  getLevel(level);

  const redFlags = redFlagsIn(report, config);
  if (redFlags.length > 0) {
    return { action: 'stop', level, rules: redFlags, needsFollowUp: false, restDays: 0 };
  }

  const earlier = sessionsBefore(report.performedAt, input.history);
  const holds = holdRules(report, earlier[0], config);
  if (holds.length > 0) {
    return { action: 'hold', level, rules: holds, needsFollowUp: true, restDays: 0 };
  }

  const carryOn: RuleHit = {
    rule: 'carry_on.pain_safe',
    inputs: { painDuring: report.painDuring, painType: report.painType, painSafeMax: config.painSafeMax },
    reason:
      report.painType === 'muscle_effort'
        ? 'Feeling your thigh muscles working is expected, so carry on as planned.'
        : `Pain of ${report.painDuring} out of 10 is in the safe range, so carry on as planned.`,
  };
  const progression = progressionRules(input, earlier);
  return {
    action: progression.progress ? 'progress' : 'carry_on',
    level: progression.progress ? level + 1 : level,
    rules: [carryOn, ...progression.rules],
    needsFollowUp: false,
    restDays: 0,
  };
}

/** Most recent first. Sessions at or after this check-in are ignored so a late report is judged on its past. */
function sessionsBefore(performedAt: Date, history: readonly PastSession[]): PastSession[] {
  const cutoff = performedAt.getTime();
  return history
    .filter((session) => session.performedAt.getTime() < cutoff)
    .sort((a, b) => b.performedAt.getTime() - a.performedAt.getTime());
}

function holdRules(
  report: CheckInReport,
  previous: PastSession | undefined,
  config: ProgrammeConfig,
): RuleHit[] {
  const hits: RuleHit[] = [];
  // Red flags were ruled out first, so anything above the safe range here is the 4-5 band. The pain
  // type does not soften it: a score in that band holds even when described as muscle effort.
  if (report.painDuring > config.painSafeMax) {
    hits.push({
      rule: 'hold.pain_4_5',
      inputs: {
        painDuring: report.painDuring,
        painSafeMax: config.painSafeMax,
        painHoldMax: config.painHoldMax,
      },
      reason: `Pain of ${report.painDuring} out of 10 is acceptable but more than we want, so stay at this level and we will ask tomorrow morning how your knee feels.`,
    });
  }
  if (previous !== undefined && report.painDuring - previous.painDuring >= config.painJumpHold) {
    hits.push({
      rule: 'hold.pain_jump',
      inputs: {
        painDuring: report.painDuring,
        previousPainDuring: previous.painDuring,
        painJumpHold: config.painJumpHold,
      },
      reason: `Your pain went up from ${previous.painDuring} to ${report.painDuring} out of 10 since last time, so stay at this level and we will ask tomorrow morning how your knee feels.`,
    });
  }
  // DESIGN.md lists a fall, not a near fall, as a red flag. A near fall still says the level outran the
  // person's balance, so it holds (repeat the level, with support and a clear space) instead of stopping.
  if (report.nearFall) {
    hits.push({
      rule: 'hold.near_fall',
      inputs: { nearFall: true },
      reason:
        'You nearly fell, so stay at this level, keep your support close and clear the space behind you.',
    });
  }
  return hits;
}

/** A session after which the level changed (or a stop reset it), so older sessions at a level don't count. */
function endsStretch(action: DecisionAction): boolean {
  switch (action) {
    case 'stop':
    case 'progress':
    case 'step_back':
      return true;
    case 'carry_on':
    case 'hold':
      return false;
  }
}

/**
 * The unbroken run of sessions at the current level, most recent first. It ends at a session at another
 * level, a stop, or a next-morning "worse", so a person coming back to a level after a setback starts
 * counting again rather than reusing sessions from their earlier visit.
 */
function currentStretch(earlier: readonly PastSession[], level: number): PastSession[] {
  const stretch: PastSession[] = [];
  for (const session of earlier) {
    if (session.level !== level || endsStretch(session.action) || session.followUpAnswer === 'worse') break;
    stretch.push(session);
  }
  return stretch;
}

function expectsFollowUp(session: PastSession): boolean {
  return session.needsFollowUp ?? session.action === 'hold';
}

function progressionRules(
  input: DecideAfterCheckInInput,
  earlier: readonly PastSession[],
): { progress: boolean; rules: RuleHit[] } {
  const { report, level, audience, config } = input;
  if (level >= TOP_LEVEL) {
    return {
      progress: false,
      rules: [
        {
          rule: 'progress.at_top_level',
          inputs: { level, topLevel: TOP_LEVEL },
          reason: 'You are at the top level, so keep going as you are.',
        },
      ],
    };
  }

  const windowMs = config.progressionWindowDays * DAY_MS;
  const inWindow = (session: PastSession): boolean =>
    report.performedAt.getTime() - session.performedAt.getTime() < windowMs;
  const stretch = currentStretch(earlier, level).filter(inWindow);
  // This session is itself a carry-on (red flags and holds returned earlier), so it counts.
  const sessionsAtLevel = 1 + stretch.filter((session) => session.action === 'carry_on').length;
  const needed = sessionsNeededToProgress(audience, config);
  const windowDays = config.progressionWindowDays;

  if (sessionsAtLevel < needed) {
    return {
      progress: false,
      rules: [
        {
          rule: 'progress.not_enough_sessions',
          inputs: { sessionsAtLevel, needed, windowDays, audience },
          reason: `You move up after ${needed} comfortable sessions at this level within ${windowDays} days; this was number ${sessionsAtLevel}.`,
        },
      ],
    };
  }

  const blockers: RuleHit[] = [];
  const previous = earlier[0];
  if (previous !== undefined && previous.action === 'hold') {
    blockers.push({
      rule: 'progress.blocked_after_hold',
      inputs: { previousAction: previous.action, sessionsAtLevel, needed },
      reason:
        'Your previous session was held at its level, so we wait for one more comfortable session before moving you up.',
    });
  }
  const unsettled = stretch.filter(
    (session) => expectsFollowUp(session) && session.followUpAnswer !== 'settled',
  );
  if (unsettled.length > 0) {
    const unanswered = unsettled.filter(
      (session) => session.followUpAnswer === undefined || session.followUpAnswer === null,
    );
    blockers.push({
      rule: 'progress.blocked_by_unsettled_follow_up',
      inputs: { unsettledFollowUps: unsettled.length, unanswered: unanswered.length, windowDays },
      reason:
        'After a recent session your knee had not fully settled by the next morning, or we have not heard how it was, so you stay at this level for now.',
    });
  }
  const next = getLevel(level + 1);
  if (next.requiresTreadmill && input.hasTreadmill !== true) {
    blockers.push({
      rule: 'progress.needs_treadmill',
      inputs: { nextLevel: next.level, hasTreadmill: input.hasTreadmill ?? false },
      reason: `The next level, ${next.name}, needs a treadmill, so stay at this level; let your coach know if you can use one.`,
    });
  }
  if (
    next.requiresClearanceAfterSurgery &&
    audience === 'post_surgical' &&
    input.clearedForResistance !== true
  ) {
    blockers.push({
      rule: 'progress.needs_clearance_for_resistance',
      inputs: { nextLevel: next.level, audience, clearedForResistance: input.clearedForResistance ?? false },
      reason: `The next level, ${next.name}, adds weight, which after knee surgery needs your clinician's OK first, so stay at this level until they confirm it.`,
    });
  }
  if (blockers.length > 0) return { progress: false, rules: blockers };

  return {
    progress: true,
    rules: [
      {
        rule: 'progress.enough_sessions',
        inputs: { sessionsAtLevel, needed, windowDays, audience, nextLevel: next.level },
        reason: `You have had ${sessionsAtLevel} comfortable sessions at this level in the last ${windowDays} days, so next time you move up to level ${next.level}, ${next.name}.`,
      },
    ],
  };
}
