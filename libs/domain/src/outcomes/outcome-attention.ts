import { type RuleHit } from '../check-ins/decision';
import { GLOBAL_CHANGE_LABELS, type OutcomeAnswer } from './outcome-answer';
import { type OutcomeTimepoint } from './outcome-schedule';

/** Average pain this high over a week is worth a coach's look, whatever it was before. */
export const OUTCOME_ATTENTION_PAIN = 7;

/**
 * Which answers of an outcome check need a coach (the `outcome_worse` attention item): average
 * knee pain of 7 or more over the last week, or a knee rated "much worse" than at the start. Every
 * rule that applies is listed, with its inputs, for the audit trail. None: nothing to open.
 */
export function outcomeAttentionRules(answer: OutcomeAnswer, timepoint: OutcomeTimepoint): RuleHit[] {
  const rules: RuleHit[] = [];
  if (answer.pain >= OUTCOME_ATTENTION_PAIN) {
    rules.push({
      rule: 'outcome.pain_7_plus',
      inputs: { pain: answer.pain, timepoint },
      reason: `Average knee pain over the last 7 days was ${answer.pain} out of 10.`,
    });
  }
  if (answer.globalChange === 'much_worse') {
    rules.push({
      rule: 'outcome.much_worse',
      inputs: { globalChange: answer.globalChange, timepoint },
      reason: `The knee is "${GLOBAL_CHANGE_LABELS.much_worse.toLowerCase()}" than before the programme.`,
    });
  }
  return rules;
}
