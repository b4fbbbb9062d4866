import fc from 'fast-check';
import { DEFAULT_PROGRAMME_CONFIG } from '../programme/config';
import {
  holdWords,
  redFlagFacts,
  stopWords,
  type AfterCheckInWords,
  type FiredRule,
} from './after-check-in-words';
import { decideAfterCheckIn } from './decide';
import { decideAfterFollowUp } from './follow-up';

const LEVEL = 'Supported start (Level 1)';

function textOf(words: AfterCheckInWords): string[] {
  return [words.heading, ...words.paragraphs, ...words.sections.flatMap((s) => [s.title, ...s.items])];
}

function sentences(words: AfterCheckInWords): string[] {
  return textOf(words)
    .flatMap((t) => t.split(/(?<=[.:])\s+/))
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s.length > 0);
}

const occurrences = (words: AfterCheckInWords, pattern: RegExp): number =>
  textOf(words).join('\n').match(new RegExp(pattern.source, 'gi'))?.length ?? 0;

const report = fc.record({
  painDuring: fc.integer({ min: 0, max: 10 }),
  painType: fc.constantFrom('none', 'muscle_effort', 'aching', 'sharp' as const),
  swelling: fc.boolean(),
  dizziness: fc.boolean(),
  fall: fc.boolean(),
  nearFall: fc.boolean(),
  kneeGaveWay: fc.boolean(),
});

/** Real decisions from the real rules, for every report and an earlier session. */
const decided = fc.tuple(report, fc.integer({ min: 0, max: 10 })).map(([r, previous]) =>
  decideAfterCheckIn({
    report: { ...r, performedAt: new Date('2027-03-03T12:00:00Z'), durationMinutes: 10 },
    level: 2,
    audience: 'general',
    history: [
      { performedAt: new Date('2027-03-01T12:00:00Z'), level: 2, painDuring: previous, action: 'carry_on' },
    ],
    config: DEFAULT_PROGRAMME_CONFIG,
  }),
);

describe('stopWords', () => {
  it('says what they told us in one sentence, and that the coach has been told', () => {
    const words = stopWords([
      { rule: 'red_flag.fall', inputs: { fall: true } },
      { rule: 'red_flag.knee_gave_way', inputs: { kneeGaveWay: true } },
    ]);
    expect(words.paragraphs).toEqual([
      'You told us you fell and your knee gave way. Any one of these means your knee should be checked by a doctor or physiotherapist before you walk backwards again.',
      'We have paused your programme and your reminders, and your coach has been told.',
    ]);
    expect(words.sections.map((s) => s.title)).toEqual(['Get urgent medical help if', 'What to do now']);
  });

  it('speaks of the morning after for a warning sign in the next-morning answer', () => {
    const decision = decideAfterFollowUp({
      answer: 'worse',
      level: 2,
      redFlag: { oneOfThese: true },
      config: DEFAULT_PROGRAMME_CONFIG,
    });
    expect(stopWords(decision.rules).paragraphs[0]).toMatch(
      /^You told us your knee was swollen, had sharp pain or gave way the morning after\. That means/,
    );
  });

  it('after any stop, says each thing once: every fact, the pause, the coach, the urgent signs', () => {
    fc.assert(
      fc.property(decided, (decision) => {
        fc.pre(decision.action === 'stop');
        const words = stopWords(decision.rules);
        const all = sentences(words);
        expect(new Set(all).size).toBe(all.length);
        expect(occurrences(words, /paused/)).toBe(1);
        expect(occurrences(words, /coach/)).toBe(1);
        expect(occurrences(words, /urgent/)).toBe(1);
        for (const fact of redFlagFacts(decision.rules)) {
          expect(occurrences(words, new RegExp(fact.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))).toBe(1);
        }
        expect(redFlagFacts(decision.rules)).toHaveLength(decision.rules.length);
      }),
      { numRuns: 500 },
    );
  });
});

describe('holdWords', () => {
  it('gives pain 4-5 one paragraph, the morning question once, and the advice once', () => {
    const rules: FiredRule[] = [
      { rule: 'hold.pain_4_5', inputs: { painDuring: 5, painSafeMax: 3, painHoldMax: 5 } },
      { rule: 'hold.pain_jump', inputs: { painDuring: 5, previousPainDuring: 2, painJumpHold: 2 } },
    ];
    const words = holdWords(rules, LEVEL);
    expect(words.paragraphs).toEqual([
      'Your knee hurt 5 out of 10 during the walk, up from 2 last time. That is more than we want, though not a reason to stop.',
      `You stay on ${LEVEL}. Tomorrow morning we will email you to ask how your knee feels, and your answer decides the next step.`,
    ]);
    expect(words.sections).toEqual([
      {
        title: 'Until then',
        items: [
          expect.stringMatching(/^Rest today/),
          expect.stringMatching(/^Watch for swelling/),
          expect.stringMatching(/^If any of these happens.*stop and tell us/),
        ],
      },
    ]);
  });

  it('after any hold, says each thing once and always says what to do', () => {
    fc.assert(
      fc.property(decided, (decision) => {
        fc.pre(decision.action === 'hold');
        const words = holdWords(decision.rules, LEVEL);
        const all = sentences(words);
        expect(new Set(all).size).toBe(all.length);
        expect(occurrences(words, /tomorrow morning/)).toBe(1);
        expect(occurrences(words, /stay on/)).toBe(1);
        expect(words.sections.length).toBeGreaterThan(0);
        const painHold = decision.rules.some((r) => r.rule !== 'hold.near_fall');
        expect(occurrences(words, /rest today/)).toBe(painHold ? 1 : 0);
        expect(occurrences(words, /nearly fell/)).toBe(
          decision.rules.some((r) => r.rule === 'hold.near_fall') ? 1 : 0,
        );
      }),
      { numRuns: 500 },
    );
  });
});
