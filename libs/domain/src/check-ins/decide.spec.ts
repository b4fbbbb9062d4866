import { DEFAULT_PROGRAMME_CONFIG, InvalidProgrammeConfigError } from '../programme/config';
import type { CheckInReport, PastSession } from './check-in';
import {
  carryOns,
  cleanReport,
  daysBefore,
  decide,
  NOW,
  pastSession,
  ruleAt,
  rulesOf,
} from './check-in.fixtures';
import { decideAfterCheckIn } from './decide';
import type { RuleId } from './decision';

describe('decideAfterCheckIn: red flags', () => {
  it.each<[Partial<CheckInReport>, RuleId]>([
    [{ fall: true }, 'red_flag.fall'],
    [{ painType: 'sharp' }, 'red_flag.sharp_pain'],
    [{ painDuring: 6, painType: 'aching' }, 'red_flag.pain_6_plus'],
    [{ swelling: true }, 'red_flag.swelling'],
    [{ dizziness: true }, 'red_flag.dizziness'],
    [{ kneeGaveWay: true }, 'red_flag.knee_gave_way'],
  ])('stops on %p', (report, rule) => {
    const decision = decide({ report, level: 3 });
    expect(decision).toMatchObject({ action: 'stop', level: 3, needsFollowUp: false, restDays: 0 });
    expect(rulesOf(decision)).toEqual([rule]);
  });

  it('lists every red flag when there are several', () => {
    expect(rulesOf(decide({ report: { fall: true, dizziness: true, painDuring: 9 } }))).toEqual([
      'red_flag.fall',
      'red_flag.pain_6_plus',
      'red_flag.dizziness',
    ]);
  });

  it('wins over a hold: pain 5, a jump and a near fall alongside swelling still stop', () => {
    const decision = decide({
      report: { painDuring: 5, nearFall: true, swelling: true },
      history: [pastSession(2, { painDuring: 0 })],
    });
    expect(decision.action).toBe('stop');
    expect(rulesOf(decision)).toEqual(['red_flag.swelling']);
  });

  it('wins over a due progression and never raises the level', () => {
    const history = carryOns(5, 2);
    expect(decide({ level: 2, history }).action).toBe('progress');
    const decision = decide({ level: 2, history, report: { kneeGaveWay: true } });
    expect(decision).toMatchObject({ action: 'stop', level: 2 });
  });

  it('treats pain 6 and above as a red flag but 5 as a hold', () => {
    expect(decide({ report: { painDuring: 6 } }).action).toBe('stop');
    expect(decide({ report: { painDuring: 5 } }).action).toBe('hold');
  });

  it('stops on sharp pain even when the score is low', () => {
    expect(decide({ report: { painDuring: 1, painType: 'sharp' } }).action).toBe('stop');
  });
});

describe('decideAfterCheckIn: holds', () => {
  it.each([4, 5])('holds at pain %p and asks the next morning', (painDuring) => {
    const decision = decide({ report: { painDuring, painType: 'aching' }, level: 2 });
    expect(decision).toMatchObject({ action: 'hold', level: 2, needsFollowUp: true, restDays: 0 });
    expect(rulesOf(decision)).toEqual(['hold.pain_4_5']);
    expect(ruleAt(decision, 0).inputs).toEqual({ painDuring, painSafeMax: 3, painHoldMax: 5 });
  });

  it('holds at pain 4 even when described as muscle effort', () => {
    expect(decide({ report: { painDuring: 4, painType: 'muscle_effort' } }).action).toBe('hold');
  });

  it('holds when pain is 2 or more points above the previous session', () => {
    const decision = decide({ report: { painDuring: 3 }, history: [pastSession(2, { painDuring: 1 })] });
    expect(decision).toMatchObject({ action: 'hold', needsFollowUp: true });
    expect(rulesOf(decision)).toEqual(['hold.pain_jump']);
    expect(ruleAt(decision, 0).inputs).toEqual({ painDuring: 3, previousPainDuring: 1, painJumpHold: 2 });
  });

  it('does not hold on a 1-point rise', () => {
    expect(decide({ report: { painDuring: 3 }, history: [pastSession(2, { painDuring: 2 })] }).action).toBe(
      'carry_on',
    );
  });

  it('compares with the most recent session, whatever order the history comes in', () => {
    const history = [
      pastSession(9, { painDuring: 0 }),
      pastSession(2, { painDuring: 2 }),
      pastSession(5, { painDuring: 0 }),
    ];
    expect(decide({ report: { painDuring: 3 }, history }).action).not.toBe('hold');
    expect(decide({ report: { painDuring: 3 }, history: [...history].reverse() }).action).not.toBe('hold');
    const latestLow = [pastSession(9, { painDuring: 2 }), pastSession(2, { painDuring: 0 })];
    expect(decide({ report: { painDuring: 3 }, history: latestLow }).action).toBe('hold');
    expect(decide({ report: { painDuring: 3 }, history: [...latestLow].reverse() }).action).toBe('hold');
  });

  it('compares with the previous session even at another level', () => {
    expect(
      decide({ level: 2, report: { painDuring: 2 }, history: [pastSession(1, { level: 1, painDuring: 0 })] })
        .action,
    ).toBe('hold');
  });

  it('ignores sessions recorded after this check-in', () => {
    const later: PastSession = {
      ...pastSession(0, { painDuring: 0 }),
      performedAt: new Date(NOW.getTime() + 3_600_000),
    };
    expect(decide({ report: { painDuring: 2 }, history: [later] }).action).toBe('carry_on');
  });

  it('uses the configured jump', () => {
    const history = [pastSession(2, { painDuring: 0 })];
    expect(decide({ report: { painDuring: 2 }, history, config: { painJumpHold: 3 } }).action).toBe(
      'carry_on',
    );
    expect(decide({ report: { painDuring: 3 }, history, config: { painJumpHold: 3 } }).action).toBe('hold');
  });

  it('holds on a near fall, which is not a red flag', () => {
    const decision = decide({ report: { nearFall: true }, level: 2 });
    expect(decision).toMatchObject({ action: 'hold', level: 2, needsFollowUp: true });
    expect(rulesOf(decision)).toEqual(['hold.near_fall']);
  });

  it('lists every hold rule that applies', () => {
    expect(
      rulesOf(
        decide({ report: { painDuring: 5, nearFall: true }, history: [pastSession(2, { painDuring: 1 })] }),
      ),
    ).toEqual(['hold.pain_4_5', 'hold.pain_jump', 'hold.near_fall']);
  });

  it('holds instead of progressing when progression was due', () => {
    const decision = decide({ level: 2, history: carryOns(5, 2), report: { painDuring: 4 } });
    expect(decision).toMatchObject({ action: 'hold', level: 2 });
  });
});

describe('decideAfterCheckIn: carry on', () => {
  it.each([
    [0, 'none'],
    [3, 'aching'],
    [2, 'muscle_effort'],
  ] as const)('carries on at pain %p (%s)', (painDuring, painType) => {
    const decision = decide({ report: { painDuring, painType }, level: 3 });
    expect(decision).toMatchObject({ action: 'carry_on', level: 3, needsFollowUp: false, restDays: 0 });
    expect(rulesOf(decision)).toEqual(['carry_on.pain_safe', 'progress.not_enough_sessions']);
  });

  it('explains muscle effort as expected', () => {
    expect(ruleAt(decide({ report: { painType: 'muscle_effort' } }), 0).reason).toMatch(/expected/);
  });

  it('counts the first session ever as session 1', () => {
    expect(ruleAt(decide(), 1).inputs).toEqual({
      sessionsAtLevel: 1,
      needed: 3,
      windowDays: 14,
      audience: 'general',
    });
  });
});

describe('decideAfterCheckIn: input checks', () => {
  it.each([-1, 11, 3.5])('refuses pain %p', (painDuring) => {
    expect(() => decide({ report: { painDuring } })).toThrow(RangeError);
  });

  it.each([0, 7, 1.5])('refuses level %p', (level) => {
    expect(() => decide({ level })).toThrow(RangeError);
  });

  it('refuses a config that would loosen the pain model', () => {
    expect(() => decide({ config: { painHoldMax: 6 } })).toThrow(InvalidProgrammeConfigError);
  });

  it('does not change the history it is given', () => {
    const history = Object.freeze(
      [pastSession(4, { level: 2 }), pastSession(2, { level: 2 })].map((s) => Object.freeze(s)),
    );
    const before = history.map((session) => session.performedAt.getTime());
    decideAfterCheckIn({
      report: cleanReport(),
      level: 2,
      audience: 'general',
      history,
      config: DEFAULT_PROGRAMME_CONFIG,
    });
    expect(history.map((session) => session.performedAt.getTime())).toEqual(before);
  });

  it('gives every rule hit a plain reason', () => {
    const decisions = [
      decide({ report: { fall: true } }),
      decide({ report: { painDuring: 5 } }),
      decide({ level: 2, history: carryOns(2, 2) }),
      decide({ level: 4, history: carryOns(2, 4) }),
    ];
    for (const hit of decisions.flatMap((decision) => decision.rules)) {
      expect(hit.reason).toMatch(/^[A-Z].*\.$/);
      expect(hit.reason).not.toMatch(/[a-z]+_[a-z]+/);
    }
  });

  it('measures the window from the check-in time, not from the wall clock', () => {
    const history = carryOns(2, 2);
    expect(decide({ level: 2, history }).action).toBe('progress');
    const muchLater = new Date(NOW.getTime() + 20 * 86_400_000);
    expect(decide({ level: 2, history, report: { performedAt: muchLater } }).action).toBe('carry_on');
    const earlyReport = { performedAt: daysBefore(3) };
    expect(ruleAt(decide({ level: 2, history, report: earlyReport }), 1).inputs.sessionsAtLevel).toBe(2);
  });
});
