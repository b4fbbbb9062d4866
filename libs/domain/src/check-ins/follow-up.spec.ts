import { DEFAULT_PROGRAMME_CONFIG } from '../programme/config';
import { decideAfterFollowUp } from './follow-up';
import { ruleAt } from './check-in.fixtures';

const config = DEFAULT_PROGRAMME_CONFIG;

describe('decideAfterFollowUp', () => {
  it('carries on when the knee settled', () => {
    expect(decideAfterFollowUp({ answer: 'settled', level: 3, config })).toMatchObject({
      action: 'carry_on',
      level: 3,
      restDays: 0,
      needsFollowUp: false,
      rules: [{ rule: 'follow_up.settled', inputs: { answer: 'settled', level: 3 } }],
    });
  });

  it('holds when the knee feels the same', () => {
    expect(decideAfterFollowUp({ answer: 'same', level: 3, config })).toMatchObject({
      action: 'hold',
      level: 3,
      restDays: 0,
      rules: [{ rule: 'follow_up.same' }],
    });
  });

  it('steps back one level with a rest day when it is worse', () => {
    const decision = decideAfterFollowUp({ answer: 'worse', level: 3, config });
    expect(decision).toMatchObject({
      action: 'step_back',
      level: 2,
      restDays: 1,
      rules: [{ rule: 'follow_up.worse', inputs: { levelBefore: 3, levelAfter: 2, restDays: 1 } }],
    });
    expect(ruleAt(decision, 0).reason).toMatch(/rest for 1 day, then go back to level 2/);
  });

  it('does not step back below the first level, but still rests', () => {
    const decision = decideAfterFollowUp({ answer: 'worse', level: 1, config });
    expect(decision).toMatchObject({ action: 'step_back', level: 1, restDays: 1 });
    expect(ruleAt(decision, 0).reason).toMatch(/first level/);
  });

  it('uses the configured rest', () => {
    const decision = decideAfterFollowUp({
      answer: 'worse',
      level: 2,
      config: { ...config, restDaysAfterWorse: 3 },
    });
    expect(decision.restDays).toBe(3);
    expect(ruleAt(decision, 0).reason).toMatch(/3 days/);
  });

  it('stops on a red-flag answer alongside "worse", listing every flag', () => {
    const decision = decideAfterFollowUp({
      answer: 'worse',
      level: 4,
      redFlag: { swelling: true, kneeGaveWay: true, sharpPain: true },
      config,
    });
    expect(decision.action).toBe('stop');
    expect(decision.level).toBe(4);
    expect(decision.restDays).toBe(0);
    expect(decision.rules.map((hit) => hit.rule)).toEqual([
      'red_flag.sharp_pain',
      'red_flag.swelling',
      'red_flag.knee_gave_way',
    ]);
    expect(decision.rules.every((hit) => hit.inputs.source === 'follow_up')).toBe(true);
  });

  it.each(['settled', 'same'] as const)('stops on a red flag even when the answer is %s', (answer) => {
    expect(decideAfterFollowUp({ answer, level: 2, redFlag: { swelling: true }, config }).action).toBe(
      'stop',
    );
  });

  it('ignores red-flag fields that are explicitly false', () => {
    const decision = decideAfterFollowUp({
      answer: 'settled',
      level: 2,
      redFlag: { swelling: false, kneeGaveWay: false, sharpPain: false },
      config,
    });
    expect(decision.action).toBe('carry_on');
  });

  it('refuses an unknown level or a bad config', () => {
    expect(() => decideAfterFollowUp({ answer: 'same', level: 0, config })).toThrow(RangeError);
    expect(() =>
      decideAfterFollowUp({ answer: 'same', level: 2, config: { ...config, painHoldMax: 7 } }),
    ).toThrow(RangeError);
  });

  it('stops on "yes, one of these" (swelling, sharp pain or giving way) whatever the answer', () => {
    for (const answer of ['settled', 'same', 'worse'] as const) {
      const decision = decideAfterFollowUp({
        answer,
        level: 3,
        redFlag: { oneOfThese: true },
        config: DEFAULT_PROGRAMME_CONFIG,
      });
      expect(decision.action).toBe('stop');
      expect(decision.level).toBe(3);
      expect(decision.rules.map((r) => r.rule)).toEqual(['red_flag.follow_up_warning_sign']);
    }
  });
});
