import type { RuleHit } from '../check-ins/decision';

const fromFollowUp = (hit: RuleHit): boolean => hit.inputs.source === 'follow_up';

/**
 * A rule that fired, told to a coach about the participant ("Sam fell"), where the rule's own
 * reason speaks to the participant ("You told us you fell"). Used by the coach alert and the
 * participant's timeline in the workspace; every rule has its sentence (the switch is exhaustive).
 */
export function describeRuleForCoach(hit: RuleHit, name: string): string {
  const i = hit.inputs;
  switch (hit.rule) {
    case 'red_flag.fall':
      return `${name} fell during the walk.`;
    case 'red_flag.sharp_pain':
      return fromFollowUp(hit)
        ? `The morning after, ${name} had sharp pain in the knee.`
        : `${name} had sharp pain during the walk.`;
    case 'red_flag.pain_6_plus':
      return `${name} rated the pain ${String(i.painDuring)} out of 10 during the walk, above ${String(i.painHoldMax)}, the most this exercise should cause.`;
    case 'red_flag.swelling':
      return fromFollowUp(hit)
        ? `The morning after, ${name}'s knee was swollen.`
        : `${name} reported swelling in the knee.`;
    case 'red_flag.dizziness':
      return `${name} felt dizzy or light-headed while walking backwards.`;
    case 'red_flag.knee_gave_way':
      return fromFollowUp(hit) ? `The morning after, ${name}'s knee gave way.` : `${name}'s knee gave way.`;
    case 'red_flag.follow_up_warning_sign':
      return `The morning after, ${name} reported swelling, sharp pain or the knee giving way.`;
    case 'hold.pain_4_5':
      return `Pain ${String(i.painDuring)} out of 10 (acceptable, above ${String(i.painSafeMax)}): held at this level, next-morning question sent.`;
    case 'hold.pain_jump':
      return `Pain went up from ${String(i.previousPainDuring)} to ${String(i.painDuring)} out of 10 since the last walk: held at this level, next-morning question sent.`;
    case 'hold.near_fall':
      return `${name} nearly fell: held at this level, told to keep support close and clear the space.`;
    case 'carry_on.pain_safe':
      return i.painType === 'muscle_effort'
        ? 'Only the expected thigh effort: carry on.'
        : `Pain ${String(i.painDuring)} out of 10, in the safe range: carry on.`;
    case 'progress.enough_sessions':
      return `${String(i.sessionsAtLevel)} comfortable walks at this level in ${String(i.windowDays)} days: moves up to level ${String(i.nextLevel)}.`;
    case 'progress.not_enough_sessions':
      return `Walk ${String(i.sessionsAtLevel)} of ${String(i.needed)} needed at this level before moving up.`;
    case 'progress.at_top_level':
      return 'Already at the top level.';
    case 'progress.blocked_after_hold':
      return 'The walk before was held, so one more comfortable walk is needed before moving up.';
    case 'progress.blocked_by_unsettled_follow_up':
      return 'A recent next-morning answer was not "settled" (or is missing), so no move up yet.';
    case 'progress.needs_treadmill':
      return `Level ${String(i.nextLevel)} needs a treadmill; stays at this level until one is available.`;
    case 'progress.needs_clearance_for_resistance':
      return `Level ${String(i.nextLevel)} adds weight, which after surgery needs the clinician's OK; stays at this level.`;
    case 'follow_up.settled':
      return 'Next morning: the knee had settled.';
    case 'follow_up.same':
      return 'Next morning: the knee felt about the same; held at this level.';
    case 'follow_up.worse':
      return `Next morning: the knee felt worse; ${String(i.restDays)} rest day(s), then level ${String(i.levelAfter)}.`;
    case 'outcome.pain_7_plus':
      return `In an outcome check, ${name} rated the knee pain over the last week ${String(i.pain)} out of 10.`;
    case 'outcome.much_worse':
      return `In an outcome check, ${name} said the knee is much worse than before the programme.`;
  }
}
