import type { PainType } from '../check-ins/check-in';
import { decideAfterCheckIn } from '../check-ins/decide';
import { RULE_IDS, type RuleHit } from '../check-ins/decision';
import { decideAfterFollowUp } from '../check-ins/follow-up';
import { DEFAULT_PROGRAMME_CONFIG as config } from '../programme/config';
import { describeRuleForCoach } from './coach-wording';

const walk = {
  performedAt: new Date('2027-03-01T09:00:00Z'),
  durationMinutes: 10,
  painDuring: 1,
  painType: 'none' as PainType,
  swelling: false,
  dizziness: false,
  fall: false,
  nearFall: false,
  kneeGaveWay: false,
};

function hitsOf(report: Partial<typeof walk>): RuleHit[] {
  return [
    ...decideAfterCheckIn({
      report: { ...walk, ...report },
      level: 2,
      audience: 'knee_pain',
      history: [],
      config,
    }).rules,
  ];
}

describe('describeRuleForCoach', () => {
  it('speaks about the participant, never to them, for every red flag', () => {
    const hits = [
      ...hitsOf({
        fall: true,
        painType: 'sharp',
        painDuring: 7,
        swelling: true,
        dizziness: true,
        kneeGaveWay: true,
      }),
      ...decideAfterFollowUp({ answer: 'worse', level: 2, config, redFlag: { oneOfThese: true } }).rules,
      ...decideAfterFollowUp({
        answer: 'same',
        level: 2,
        config,
        redFlag: { swelling: true, sharpPain: true },
      }).rules,
    ];
    expect(hits.length).toBeGreaterThanOrEqual(8);
    for (const hit of hits) {
      const sentence = describeRuleForCoach(hit, 'Sam');
      expect(sentence).toMatch(/Sam/);
      expect(sentence).not.toMatch(/\byou(r)?\b/i);
    }
    expect(describeRuleForCoach(hits[0]!, 'Sam')).toBe('Sam fell during the walk.');
  });

  it('has a sentence for every rule, none of them addressed to the participant', () => {
    for (const rule of RULE_IDS) {
      const sentence = describeRuleForCoach(
        {
          rule,
          inputs: {
            painDuring: 4,
            painSafeMax: 3,
            painHoldMax: 5,
            previousPainDuring: 1,
            restDays: 1,
            levelAfter: 1,
            sessionsAtLevel: 2,
            needed: 3,
            windowDays: 14,
            nextLevel: 5,
            pain: 8,
          },
          reason: '',
        },
        'Sam',
      );
      expect(sentence.length).toBeGreaterThan(10);
      expect(sentence).not.toMatch(/\byou(r)?\b/i);
      expect(sentence).not.toContain('undefined');
    }
  });
});
