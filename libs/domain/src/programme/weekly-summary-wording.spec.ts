import fc from 'fast-check';
import { DECISION_ACTIONS } from '../check-ins/decision';
import { describeSessions, hadSetback, weeklySummaryWords } from './weekly-summary-wording';
import { summariseWeek, type WeekSummary } from './weekly-summary';

const LEVEL = 'Free-standing (Level 2)';
const CHEERS = /well done|every session|good news|great|congratulat|!/i;

function week(overrides: Partial<WeekSummary> = {}): WeekSummary {
  return {
    days: [],
    sessionsDone: 3,
    sessionsPlanned: 3,
    minutes: 36,
    painTrend: 'unknown',
    setbacks: { stops: 0, stepBacks: 0, holds: 0, firstStopOn: null },
    ...overrides,
  };
}

const allText = (w: ReturnType<typeof weeklySummaryWords>) =>
  [w.subject, w.numbers, w.howItWent, w.whatNext ?? ''].join(' ');

describe('describeSessions', () => {
  it.each([
    [4, 3, '4 walks, 3 planned'],
    [1, 2, '1 walk, 2 planned'],
    [0, 3, 'no walks, 3 planned'],
    [2, 1, '2 walks, 1 planned'],
  ])('%i done of %i planned reads "%s"', (done, planned, words) => {
    expect(describeSessions(done, planned)).toBe(words);
  });
});

describe('weeklySummaryWords', () => {
  it('praises a week that went to plan, and only then', () => {
    const good = weeklySummaryWords(week({ painTrend: 'lower' }), LEVEL);
    expect(good).toEqual({
      subject: 'Your retro walking week: 3 walks, 3 planned',
      numbers: '3 walks, 3 planned, 36 minutes in all. Knee pain: lower than last week (good news).',
      howItWent: `You are on ${LEVEL}. You did every session you planned. Well done!`,
      whatNext: null,
    });
  });

  it('says what a stop meant and what happens next, without praise', () => {
    const words = weeklySummaryWords(
      week({
        sessionsDone: 4,
        painTrend: 'lower',
        setbacks: { stops: 1, stepBacks: 0, holds: 1, firstStopOn: 'tue' },
      }),
      LEVEL,
    );
    expect(words.subject).toBe('Your retro walking week: 4 walks, 3 planned');
    expect(words.numbers).toBe('4 walks, 3 planned, 36 minutes in all. Knee pain: lower than last week.');
    expect(words.howItWent).toMatch(/^On Tuesday a warning sign stopped your programme/);
    expect(words.whatNext).toContain(LEVEL);
    expect(allText(words)).not.toMatch(CHEERS);
  });

  it('speaks of a step back before a hold, and of a hold on its own', () => {
    const stepBack = weeklySummaryWords(
      week({ setbacks: { stops: 0, stepBacks: 1, holds: 2, firstStopOn: null } }),
      LEVEL,
    );
    expect(stepBack.howItWent).toMatch(/felt worse the morning after/);
    const hold = weeklySummaryWords(
      week({ setbacks: { stops: 0, stepBacks: 0, holds: 2, firstStopOn: null } }),
      LEVEL,
    );
    expect(hold.howItWent).toBe(`Your knee was sore after 2 walks, so you stayed on ${LEVEL}.`);
    expect(hold.whatNext).toMatch(/^Keep to this level/);
  });

  it('never congratulates after a bad week, always says what is next, and counts as people do', () => {
    const setbacks = fc.record({
      stops: fc.nat(2),
      stepBacks: fc.nat(2),
      holds: fc.nat(4),
      firstStopOn: fc.constantFrom('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun' as const),
    });
    const summary = fc.record({
      days: fc.constant([] as WeekSummary['days']),
      sessionsDone: fc.nat(10),
      sessionsPlanned: fc.integer({ min: 1, max: 7 }),
      minutes: fc.nat(400),
      painTrend: fc.constantFrom('lower', 'same', 'higher', 'unknown' as const),
      setbacks,
    });
    fc.assert(
      fc.property(summary, (s) => {
        const words = weeklySummaryWords(s, LEVEL);
        expect(allText(words)).not.toMatch(/\d+ of \d+/);
        expect(words.numbers.toLowerCase()).toContain(describeSessions(s.sessionsDone, s.sessionsPlanned));
        if (hadSetback(s)) {
          expect(allText(words)).not.toMatch(CHEERS);
          expect(words.whatNext).toEqual(expect.stringMatching(/\w{3,}.*\./));
        } else {
          expect(words.whatNext).toBeNull();
        }
      }),
    );
  });

  it('reads the setbacks off the decisions of the seven local days, whatever else happened', () => {
    const base = {
      weekEnd: '2027-03-08',
      timezone: 'America/New_York',
      plannedDays: ['mon'] as const,
      sessions: [],
    };
    const decision = fc.record({
      at: fc.date({
        min: new Date('2027-02-25T00:00:00Z'),
        max: new Date('2027-03-12T00:00:00Z'),
        noInvalidDate: true,
      }),
      action: fc.constantFrom(...DECISION_ACTIONS, 'resume' as const),
    });
    fc.assert(
      fc.property(fc.array(decision, { maxLength: 12 }), (decisions) => {
        const { setbacks } = summariseWeek({ ...base, decisions });
        // Mon 1 March 00:00 to Mon 8 March 00:00 in New York (EST, UTC-5).
        const inWeek = decisions.filter(
          (d) => d.at >= new Date('2027-03-01T05:00:00Z') && d.at < new Date('2027-03-08T05:00:00Z'),
        );
        expect(setbacks.stops).toBe(inWeek.filter((d) => d.action === 'stop').length);
        expect(setbacks.stepBacks).toBe(inWeek.filter((d) => d.action === 'step_back').length);
        expect(setbacks.holds).toBe(inWeek.filter((d) => d.action === 'hold').length);
        expect(setbacks.firstStopOn === null).toBe(setbacks.stops === 0);
      }),
    );
  });
});
