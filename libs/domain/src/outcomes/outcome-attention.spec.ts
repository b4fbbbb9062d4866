import fc from 'fast-check';
import { GLOBAL_CHANGE_ANSWERS } from './outcome-answer';
import { outcomeAttentionRules } from './outcome-attention';

describe('outcome answers that need a coach', () => {
  it('opens outcome_worse for average pain 7 or more, or a knee much worse, listing each rule', () => {
    expect(outcomeAttentionRules({ pain: 6, activities: [], globalChange: 'worse' }, 'dose_end')).toEqual([]);
    expect(outcomeAttentionRules({ pain: 7, activities: [], globalChange: null }, 'baseline')).toEqual([
      {
        rule: 'outcome.pain_7_plus',
        inputs: { pain: 7, timepoint: 'baseline' },
        reason: 'Average knee pain over the last 7 days was 7 out of 10.',
      },
    ]);
    expect(
      outcomeAttentionRules({ pain: 9, activities: [], globalChange: 'much_worse' }, 'follow_up').map(
        (r) => r.rule,
      ),
    ).toEqual(['outcome.pain_7_plus', 'outcome.much_worse']);
  });

  it('fires exactly when pain is 7+ or the rating is "much worse", for every answer', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 }),
        fc.option(fc.constantFrom(...GLOBAL_CHANGE_ANSWERS), { nil: null }),
        (pain, globalChange) => {
          const rules = outcomeAttentionRules({ pain, activities: [], globalChange }, 'dose_end');
          expect(rules.length > 0).toBe(pain >= 7 || globalChange === 'much_worse');
        },
      ),
    );
  });
});
