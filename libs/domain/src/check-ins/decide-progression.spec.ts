import type { Audience } from '../programme/audience';
import { DEFAULT_PROGRAMME_CONFIG } from '../programme/config';
import { carryOns, decide, NOW, pastSession, ruleAt, rulesOf } from './check-in.fixtures';

describe('decideAfterCheckIn: progression', () => {
  it('moves up after the third comfortable session at the level within 14 days', () => {
    const decision = decide({ level: 2, history: carryOns(2, 2) });
    expect(decision).toMatchObject({ action: 'progress', level: 3, needsFollowUp: false });
    expect(rulesOf(decision)).toEqual(['carry_on.pain_safe', 'progress.enough_sessions']);
    expect(ruleAt(decision, 1).inputs).toMatchObject({ sessionsAtLevel: 3, needed: 3, nextLevel: 3 });
  });

  it('waits after only two', () => {
    expect(decide({ level: 2, history: carryOns(1, 2) }).action).toBe('carry_on');
  });

  it.each<[Audience, number]>([
    ['athlete', 2],
    ['older_adult', 4],
    ['knee_pain', 3],
    ['post_surgical', 3],
    ['general', 3],
  ])('%s needs %p sessions', (audience, needed) => {
    expect(decide({ audience, level: 2, history: carryOns(needed - 2, 2) }).action).toBe('carry_on');
    expect(decide({ audience, level: 2, history: carryOns(needed - 1, 2) }).action).toBe('progress');
  });

  it('does not count sessions 14 days old or more', () => {
    const edge = [pastSession(2, { level: 2 }), pastSession(14, { level: 2 })];
    expect(decide({ level: 2, history: edge }).action).toBe('carry_on');
    const inside = [pastSession(2, { level: 2 }), pastSession(13.9, { level: 2 })];
    expect(decide({ level: 2, history: inside }).action).toBe('progress');
  });

  it('uses the configured window', () => {
    const history = [pastSession(2, { level: 2 }), pastSession(8, { level: 2 })];
    expect(decide({ level: 2, history, config: { progressionWindowDays: 7 } }).action).toBe('carry_on');
  });

  it('does not count sessions at a previous level', () => {
    const history = [pastSession(1, { level: 2 }), ...carryOns(4, 1, 3)];
    const decision = decide({ level: 2, history });
    expect(decision.action).toBe('carry_on');
    expect(ruleAt(decision, 1).inputs.sessionsAtLevel).toBe(2);
  });

  it('does not count hold sessions, but a settled hold does not reset the count', () => {
    const history = [
      pastSession(2, { level: 2 }),
      pastSession(4, { level: 2, action: 'hold', painDuring: 4, followUpAnswer: 'settled' }),
      pastSession(6, { level: 2 }),
    ];
    const decision = decide({ level: 2, history });
    expect(decision.action).toBe('progress');
    expect(ruleAt(decision, 1).inputs.sessionsAtLevel).toBe(3);
  });

  it('never progresses in the session right after a hold, and does in the one after that', () => {
    const hold = pastSession(2, { level: 2, action: 'hold', painDuring: 4, followUpAnswer: 'settled' });
    const history = [hold, ...carryOns(3, 2, 4)];
    const blocked = decide({ level: 2, history });
    expect(blocked).toMatchObject({ action: 'carry_on', level: 2 });
    expect(rulesOf(blocked)).toEqual(['carry_on.pain_safe', 'progress.blocked_after_hold']);

    const next = decide({
      level: 2,
      history: [...history, { ...pastSession(0, { level: 2 }), performedAt: NOW }],
      report: { performedAt: new Date(NOW.getTime() + 86_400_000) },
    });
    expect(next.action).toBe('progress');
  });

  it('treats a hold at another level as a hold too', () => {
    const history = [pastSession(1, { level: 1, action: 'hold', painDuring: 4, followUpAnswer: 'settled' })];
    const decision = decide({
      level: 2,
      history,
      config: { progressAfterSessions: { ...DEFAULT_PROGRAMME_CONFIG.progressAfterSessions, general: 1 } },
    });
    expect(rulesOf(decision)).toContain('progress.blocked_after_hold');
  });

  it.each([undefined, null, 'same'] as const)(
    'waits while a follow-up at this level is %p',
    (followUpAnswer) => {
      const history = [
        pastSession(2, { level: 2 }),
        pastSession(4, { level: 2 }),
        pastSession(6, { level: 2, action: 'hold', painDuring: 4, followUpAnswer }),
      ];
      const decision = decide({ level: 2, history });
      expect(decision.action).toBe('carry_on');
      expect(rulesOf(decision)).toEqual(['carry_on.pain_safe', 'progress.blocked_by_unsettled_follow_up']);
      expect(ruleAt(decision, 1).inputs).toMatchObject({
        unsettledFollowUps: 1,
        unanswered: followUpAnswer === 'same' ? 0 : 1,
      });
    },
  );

  it('respects an explicit follow-up flag on a session', () => {
    const asked = [pastSession(2, { level: 2, needsFollowUp: true }), pastSession(4, { level: 2 })];
    expect(decide({ level: 2, history: asked }).action).toBe('carry_on');
    const notAsked = [
      pastSession(2, { level: 2 }),
      pastSession(4, { level: 2 }),
      pastSession(6, { level: 2, action: 'hold', needsFollowUp: false }),
    ];
    expect(decide({ level: 2, history: notAsked }).action).toBe('progress');
  });

  it('forgets an unsettled follow-up once it is outside the window', () => {
    const history = [
      pastSession(2, { level: 2 }),
      pastSession(4, { level: 2 }),
      pastSession(15, { level: 2, action: 'hold', painDuring: 4, followUpAnswer: 'same' }),
    ];
    expect(decide({ level: 2, history }).action).toBe('progress');
  });

  it('ignores an unsettled follow-up at a previous level', () => {
    const history = [...carryOns(2, 3), pastSession(6, { level: 2, action: 'hold', followUpAnswer: null })];
    expect(decide({ level: 3, history }).action).toBe('progress');
  });

  it('starts counting again after a stop at the same level', () => {
    const history = [
      pastSession(2, { level: 1 }),
      pastSession(4, { level: 1, action: 'stop', painDuring: 7 }),
      ...carryOns(3, 1, 6),
    ];
    const decision = decide({ level: 1, history });
    expect(decision.action).toBe('carry_on');
    expect(ruleAt(decision, 1).inputs.sessionsAtLevel).toBe(2);
  });

  it('starts counting again when coming back down to a level', () => {
    // Level 2 sessions, a progression to 3, a stop there, and a restart at 2 after clearance.
    const history = [
      pastSession(3, { level: 3, action: 'stop', painDuring: 6 }),
      pastSession(5, { level: 2, action: 'progress' }),
      ...carryOns(2, 2, 7),
    ];
    expect(ruleAt(decide({ level: 2, history }), 1).inputs.sessionsAtLevel).toBe(1);
  });

  it('starts counting again after a "worse" morning at the first level', () => {
    const history = [
      pastSession(2, { level: 1 }),
      pastSession(4, { level: 1, action: 'hold', painDuring: 4, followUpAnswer: 'worse' }),
      ...carryOns(2, 1, 6),
    ];
    expect(ruleAt(decide({ level: 1, history }), 1).inputs.sessionsAtLevel).toBe(2);
  });

  it('never goes beyond the top level', () => {
    const decision = decide({ level: 6, history: carryOns(6, 6), audience: 'athlete' });
    expect(decision).toMatchObject({ action: 'carry_on', level: 6 });
    expect(rulesOf(decision)).toEqual(['carry_on.pain_safe', 'progress.at_top_level']);
  });

  it('stays at level 4 without a treadmill', () => {
    const history = carryOns(2, 4);
    for (const hasTreadmill of [undefined, false]) {
      const decision = decide({ level: 4, history, hasTreadmill });
      expect(decision).toMatchObject({ action: 'carry_on', level: 4 });
      expect(rulesOf(decision)).toEqual(['carry_on.pain_safe', 'progress.needs_treadmill']);
    }
    expect(decide({ level: 4, history, hasTreadmill: true })).toMatchObject({ action: 'progress', level: 5 });
  });

  it('keeps post-surgical participants out of resistance without clearance', () => {
    const history = carryOns(2, 5);
    const blocked = decide({ level: 5, history, audience: 'post_surgical' });
    expect(blocked).toMatchObject({ action: 'carry_on', level: 5 });
    expect(rulesOf(blocked)).toEqual(['carry_on.pain_safe', 'progress.needs_clearance_for_resistance']);
    expect(decide({ level: 5, history, audience: 'post_surgical', clearedForResistance: false }).level).toBe(
      5,
    );
    expect(decide({ level: 5, history, audience: 'post_surgical', clearedForResistance: true }).level).toBe(
      6,
    );
    expect(decide({ level: 5, history, audience: 'knee_pain' }).level).toBe(6);
  });

  it('lists every reason progression is blocked', () => {
    const history = [
      pastSession(2, { level: 4, action: 'hold', painDuring: 4, followUpAnswer: 'same' }),
      ...carryOns(3, 4, 4),
    ];
    expect(rulesOf(decide({ level: 4, history }))).toEqual([
      'carry_on.pain_safe',
      'progress.blocked_after_hold',
      'progress.blocked_by_unsettled_follow_up',
      'progress.needs_treadmill',
    ]);
  });
});
