export type DecisionAction = 'carry_on' | 'progress' | 'hold' | 'step_back' | 'stop';

export const DECISION_ACTIONS: readonly DecisionAction[] = Object.freeze([
  'carry_on',
  'progress',
  'hold',
  'step_back',
  'stop',
]);

export type RedFlagRuleId =
  | 'red_flag.fall'
  | 'red_flag.sharp_pain'
  | 'red_flag.pain_6_plus'
  | 'red_flag.swelling'
  | 'red_flag.dizziness'
  | 'red_flag.knee_gave_way'
  | 'red_flag.follow_up_warning_sign';

export type RuleId =
  | RedFlagRuleId
  | 'hold.pain_4_5'
  | 'hold.pain_jump'
  | 'hold.near_fall'
  | 'carry_on.pain_safe'
  | 'progress.enough_sessions'
  | 'progress.not_enough_sessions'
  | 'progress.at_top_level'
  | 'progress.blocked_after_hold'
  | 'progress.blocked_by_unsettled_follow_up'
  | 'progress.needs_treadmill'
  | 'progress.needs_clearance_for_resistance'
  | 'follow_up.settled'
  | 'follow_up.same'
  | 'follow_up.worse'
  | OutcomeRuleId;

/** Rules about an outcome check's answers (they open a coach's attention item, never change the level). */
export type OutcomeRuleId = 'outcome.pain_7_plus' | 'outcome.much_worse';

export const RULE_IDS: readonly RuleId[] = Object.freeze([
  'red_flag.fall',
  'red_flag.sharp_pain',
  'red_flag.pain_6_plus',
  'red_flag.swelling',
  'red_flag.dizziness',
  'red_flag.knee_gave_way',
  'red_flag.follow_up_warning_sign',
  'hold.pain_4_5',
  'hold.pain_jump',
  'hold.near_fall',
  'carry_on.pain_safe',
  'progress.enough_sessions',
  'progress.not_enough_sessions',
  'progress.at_top_level',
  'progress.blocked_after_hold',
  'progress.blocked_by_unsettled_follow_up',
  'progress.needs_treadmill',
  'progress.needs_clearance_for_resistance',
  'follow_up.settled',
  'follow_up.same',
  'follow_up.worse',
  'outcome.pain_7_plus',
  'outcome.much_worse',
]);

/** One line of the audit trail: which rule fired, on what values, and why in the participant's words. */
export interface RuleHit {
  readonly rule: RuleId;
  readonly inputs: Readonly<Record<string, number | string | boolean>>;
  readonly reason: string;
}

export interface Decision {
  readonly action: DecisionAction;
  /** The level the participant is at after this decision. */
  readonly level: number;
  readonly rules: readonly RuleHit[];
  /** Send the next-morning "how is the knee?" question. */
  readonly needsFollowUp: boolean;
  /** Days to rest before the next session; 0 means the normal schedule. */
  readonly restDays: number;
}

export function isRedFlagRule(rule: RuleId): rule is RedFlagRuleId {
  return rule.startsWith('red_flag.');
}
