import fc from 'fast-check';
import { AUDIENCES, type Audience } from '../programme/audience';
import { DEFAULT_PROGRAMME_CONFIG } from '../programme/config';
import { FIRST_LEVEL, TOP_LEVEL } from '../programme/levels';
import {
  FOLLOW_UP_ANSWERS,
  PAIN_TYPES,
  type CheckInReport,
  type FollowUpAnswer,
  type PastSession,
} from './check-in';
import { NOW, ruleAt } from './check-in.fixtures';
import { levelAfterClearance } from './clearance';
import { decideAfterCheckIn } from './decide';
import { DECISION_ACTIONS, type Decision, type DecisionAction } from './decision';
import { decideAfterFollowUp } from './follow-up';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const config = DEFAULT_PROGRAMME_CONFIG;

/** Mostly false, so that runs get long enough to reach progressions. */
const rarely = fc.oneof(
  { weight: 30, arbitrary: fc.constant(false) },
  { weight: 1, arbitrary: fc.constant(true) },
);
const pain = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 3 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 10 }) },
);
const painType = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('none' as const, 'muscle_effort' as const, 'aching' as const) },
  { weight: 1, arbitrary: fc.constantFrom(...PAIN_TYPES) },
);

const reportFields = fc.record({
  painDuring: pain,
  painType,
  swelling: rarely,
  dizziness: rarely,
  fall: rarely,
  nearFall: rarely,
  kneeGaveWay: rarely,
});

type ReportFields = Omit<CheckInReport, 'performedAt'>;

/** An independent statement of DESIGN.md's red-flag list, not a call into the code under test. */
function hasRedFlag(report: ReportFields): boolean {
  return (
    report.fall ||
    report.swelling ||
    report.dizziness ||
    report.kneeGaveWay ||
    report.painType === 'sharp' ||
    report.painDuring >= 6
  );
}

const pastSessionArb = fc.record({
  hoursAgo: fc.integer({ min: 1, max: 30 * 24 }),
  level: fc.integer({ min: FIRST_LEVEL, max: TOP_LEVEL }),
  painDuring: fc.integer({ min: 0, max: 10 }),
  action: fc.constantFrom(...DECISION_ACTIONS),
  followUpAnswer: fc.constantFrom<FollowUpAnswer | null | undefined>(
    'settled',
    'same',
    'worse',
    null,
    undefined,
  ),
});

const historyArb = fc
  .uniqueArray(pastSessionArb, { selector: (session) => session.hoursAgo, maxLength: 14 })
  .map((sessions) =>
    sessions.map(({ hoursAgo, ...rest }): PastSession => ({
      ...rest,
      performedAt: new Date(NOW.getTime() - hoursAgo * HOUR_MS),
    })),
  );

const singleDecisionArb = fc.record({
  fields: reportFields,
  level: fc.integer({ min: FIRST_LEVEL, max: TOP_LEVEL }),
  audience: fc.constantFrom(...AUDIENCES),
  history: historyArb,
  hasTreadmill: fc.option(fc.boolean(), { nil: undefined }),
  clearedForResistance: fc.option(fc.boolean(), { nil: undefined }),
});

describe('decideAfterCheckIn, for any single check-in', () => {
  it('stops on every red flag, never moves the level then, and stops on nothing else', () => {
    fc.assert(
      fc.property(singleDecisionArb, ({ fields, ...rest }) => {
        const decision = decideAfterCheckIn({ ...rest, report: { ...fields, performedAt: NOW }, config });
        if (hasRedFlag(fields)) {
          expect(decision.action).toBe('stop');
          expect(decision.level).toBe(rest.level);
          expect(decision.rules.length).toBeGreaterThan(0);
          expect(decision.rules.every((hit) => hit.rule.startsWith('red_flag.'))).toBe(true);
        } else {
          expect(decision.action).not.toBe('stop');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the level within 1-6 and moves it only by a progression of one', () => {
    fc.assert(
      fc.property(singleDecisionArb, ({ fields, ...rest }) => {
        const decision = decideAfterCheckIn({ ...rest, report: { ...fields, performedAt: NOW }, config });
        expect(decision.level).toBeGreaterThanOrEqual(FIRST_LEVEL);
        expect(decision.level).toBeLessThanOrEqual(TOP_LEVEL);
        expect(decision.level).toBe(decision.action === 'progress' ? rest.level + 1 : rest.level);
        expect(decision.needsFollowUp).toBe(decision.action === 'hold');
      }),
      { numRuns: 500 },
    );
  });

  it('is deterministic and ignores the order of the history', () => {
    fc.assert(
      fc.property(
        singleDecisionArb.chain((input) =>
          fc.tuple(
            fc.constant(input),
            fc.shuffledSubarray(input.history, {
              minLength: input.history.length,
              maxLength: input.history.length,
            }),
          ),
        ),
        ([{ fields, ...rest }, shuffled]) => {
          const input = { ...rest, report: { ...fields, performedAt: NOW }, config };
          const first = decideAfterCheckIn(input);
          expect(decideAfterCheckIn(structuredClone(input))).toEqual(first);
          expect(decideAfterCheckIn({ ...input, history: shuffled })).toEqual(first);
        },
      ),
      { numRuns: 300 },
    );
  });
});

interface Step {
  gapHours: number;
  fields: ReportFields;
  followUp: FollowUpAnswer | null;
  followUpRedFlag: boolean;
}

interface Outcome {
  levelBefore: number;
  fields: ReportFields;
  performedAt: Date;
  previous: PastSession | undefined;
  decision: Decision;
  followUpDecision: Decision | undefined;
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  gapHours: fc.integer({ min: 6, max: 8 * 24 }),
  fields: reportFields,
  followUp: fc.constantFrom<FollowUpAnswer | null>(...FOLLOW_UP_ANSWERS, null),
  followUpRedFlag: rarely,
});

interface Run {
  audience: Audience;
  startLevel: number;
  hasTreadmill: boolean;
  clearedForResistance: boolean;
  steps: Step[];
}

const runArb: fc.Arbitrary<Run> = fc.record({
  audience: fc.constantFrom(...AUDIENCES),
  startLevel: fc.integer({ min: FIRST_LEVEL, max: TOP_LEVEL }),
  hasTreadmill: fc.boolean(),
  clearedForResistance: fc.boolean(),
  steps: fc.array(stepArb, { minLength: 1, maxLength: 40 }),
});

/** Plays a participant through the engine the way the application will: check-in, follow-up, clearance. */
function play(run: Run): Outcome[] {
  const history: PastSession[] = [];
  const outcomes: Outcome[] = [];
  let level = run.startLevel;
  let stopped = false;
  let time = NOW.getTime();
  for (const step of run.steps) {
    time += step.gapHours * HOUR_MS;
    // A stopped participant only walks again once cleared, so the next check-in starts from the clearance level.
    if (stopped) level = levelAfterClearance(level, run.audience);
    const performedAt = new Date(time);
    const levelBefore = level;
    const decision = decideAfterCheckIn({
      report: { ...step.fields, performedAt },
      level,
      audience: run.audience,
      history,
      config,
      hasTreadmill: run.hasTreadmill,
      clearedForResistance: run.clearedForResistance,
    });
    level = decision.level;
    stopped = decision.action === 'stop';
    let followUpDecision: Decision | undefined;
    if (decision.needsFollowUp && step.followUp !== null) {
      followUpDecision = decideAfterFollowUp({
        answer: step.followUp,
        level,
        redFlag: step.followUpRedFlag ? { swelling: true } : undefined,
        config,
      });
      level = followUpDecision.level;
      stopped = followUpDecision.action === 'stop';
    }
    outcomes.push({
      levelBefore,
      fields: step.fields,
      performedAt,
      previous: history.at(-1),
      decision,
      followUpDecision,
    });
    history.push({
      performedAt,
      level: levelBefore,
      painDuring: step.fields.painDuring,
      action: decision.action,
      needsFollowUp: decision.needsFollowUp,
      followUpAnswer: decision.needsFollowUp ? step.followUp : undefined,
    });
  }
  return outcomes;
}

function carryOnsBefore(outcomes: readonly Outcome[], outcome: Outcome): number {
  const { levelBefore, performedAt } = outcome;
  return outcomes
    .slice(0, outcomes.indexOf(outcome))
    .filter(
      (earlier) =>
        earlier.levelBefore === levelBefore &&
        earlier.decision.action === 'carry_on' &&
        performedAt.getTime() - earlier.performedAt.getTime() < config.progressionWindowDays * DAY_MS,
    ).length;
}

describe('decideAfterCheckIn, for any sequence of check-ins', () => {
  it('never progresses on a red flag, and always stops without raising the level', () => {
    fc.assert(
      fc.property(runArb, (run) => {
        for (const outcome of play(run)) {
          if (!hasRedFlag(outcome.fields)) continue;
          expect(outcome.decision.action).toBe('stop');
          expect(outcome.decision.level).toBe(outcome.levelBefore);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every level, after check-ins and follow-ups alike, within 1-6', () => {
    fc.assert(
      fc.property(runArb, (run) => {
        for (const outcome of play(run)) {
          for (const decision of [outcome.decision, outcome.followUpDecision]) {
            if (decision === undefined) continue;
            expect(decision.level).toBeGreaterThanOrEqual(FIRST_LEVEL);
            expect(decision.level).toBeLessThanOrEqual(TOP_LEVEL);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('progresses only after a clean session, not right after a hold, with enough sessions at the level', () => {
    let progressions = 0;
    fc.assert(
      fc.property(runArb, (run) => {
        const outcomes = play(run);
        for (const outcome of outcomes) {
          if (outcome.decision.action !== 'progress') continue;
          progressions += 1;
          const { fields, previous, levelBefore } = outcome;
          expect(hasRedFlag(fields) || fields.nearFall || fields.painDuring > config.painSafeMax).toBe(false);
          expect(previous?.action).not.toBe('hold');
          expect(levelBefore).toBeLessThan(TOP_LEVEL);
          expect(carryOnsBefore(outcomes, outcome) + 1).toBeGreaterThanOrEqual(
            config.progressAfterSessions[run.audience],
          );
          if (levelBefore === 4) expect(run.hasTreadmill).toBe(true);
          if (levelBefore === 5 && run.audience === 'post_surgical')
            expect(run.clearedForResistance).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
    // Guards against a generator that never reaches a progression, which would make the checks above vacuous.
    expect(progressions).toBeGreaterThan(50);
  });

  it('holds exactly when pain is 4-5, jumped 2 or more, or there was a near fall, with no red flag', () => {
    fc.assert(
      fc.property(runArb, (run) => {
        for (const { fields, previous, decision } of play(run)) {
          if (hasRedFlag(fields)) continue;
          const jumped = previous !== undefined && fields.painDuring - previous.painDuring >= 2;
          const shouldHold = fields.painDuring >= 4 || jumped || fields.nearFall;
          expect(decision.action === 'hold').toBe(shouldHold);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('answers each follow-up by the rules: worse steps back, same holds, settled carries on', () => {
    fc.assert(
      fc.property(runArb, (run) => {
        for (const { decision, followUpDecision } of play(run)) {
          if (followUpDecision === undefined) continue;
          if (followUpDecision.action === 'stop') continue;
          const expected: Record<FollowUpAnswer, DecisionAction> = {
            settled: 'carry_on',
            same: 'hold',
            worse: 'step_back',
          };
          const answer = ruleAt(followUpDecision, 0).inputs.answer as FollowUpAnswer;
          expect(followUpDecision.action).toBe(expected[answer]);
          expect(followUpDecision.level).toBe(
            answer === 'worse' ? Math.max(1, decision.level - 1) : decision.level,
          );
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('the audience', () => {
  it.each<[Audience, number]>([
    ['athlete', 2],
    ['older_adult', 4],
    ['general', 3],
  ])('%s with only clean sessions moves up every %p sessions', (audience, needed) => {
    const outcomes = play({
      audience,
      startLevel: 1,
      hasTreadmill: true,
      clearedForResistance: true,
      steps: Array.from({ length: 40 }, () => ({
        gapHours: 48,
        fields: {
          painDuring: 1,
          painType: 'muscle_effort',
          swelling: false,
          dizziness: false,
          fall: false,
          nearFall: false,
          kneeGaveWay: false,
        },
        followUp: null,
        followUpRedFlag: false,
      })),
    });
    const progressAt = outcomes.flatMap((outcome, index) =>
      outcome.decision.action === 'progress' ? [index + 1] : [],
    );
    expect(progressAt).toEqual([1, 2, 3, 4, 5].map((n) => n * needed));
  });
});
