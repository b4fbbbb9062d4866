import { DEFAULT_PROGRAMME_CONFIG } from '../programme/config';
import type { CheckInReport } from './check-in';
import { cleanReport } from './check-in.fixtures';
import type { RuleId } from './decision';
import { redFlagsIn } from './red-flags';

describe('redFlagsIn', () => {
  it('finds nothing in a clean session, even with moderate pain or a near fall', () => {
    expect(redFlagsIn(cleanReport())).toEqual([]);
    expect(redFlagsIn(cleanReport({ painDuring: 5, painType: 'aching', nearFall: true }))).toEqual([]);
  });

  it.each<[Partial<CheckInReport>, RuleId]>([
    [{ fall: true }, 'red_flag.fall'],
    [{ painType: 'sharp', painDuring: 2 }, 'red_flag.sharp_pain'],
    [{ painDuring: 6 }, 'red_flag.pain_6_plus'],
    [{ painDuring: 10 }, 'red_flag.pain_6_plus'],
    [{ swelling: true }, 'red_flag.swelling'],
    [{ dizziness: true }, 'red_flag.dizziness'],
    [{ kneeGaveWay: true }, 'red_flag.knee_gave_way'],
  ])('flags %p as %s', (overrides, rule) => {
    expect(redFlagsIn(cleanReport(overrides)).map((hit) => hit.rule)).toEqual([rule]);
  });

  it('lists every red flag, not just the first', () => {
    const report = cleanReport({
      fall: true,
      painType: 'sharp',
      painDuring: 8,
      swelling: true,
      dizziness: true,
      kneeGaveWay: true,
    });
    expect(redFlagsIn(report).map((hit) => hit.rule)).toEqual([
      'red_flag.fall',
      'red_flag.sharp_pain',
      'red_flag.pain_6_plus',
      'red_flag.swelling',
      'red_flag.dizziness',
      'red_flag.knee_gave_way',
    ]);
  });

  it('records the inputs and a plain reason pointing to a professional', () => {
    const hits = redFlagsIn(cleanReport({ painDuring: 7 }));
    expect(hits).toHaveLength(1);
    const [hit] = hits;
    expect(hit?.inputs).toEqual({ painDuring: 7, painHoldMax: 5 });
    expect(hit?.reason).toMatch(/7 out of 10/);
    expect(hit?.reason).toMatch(/doctor or physiotherapist/);
  });

  it('uses the configured pain ceiling when a programme is stricter', () => {
    const strict = { ...DEFAULT_PROGRAMME_CONFIG, painSafeMax: 2, painHoldMax: 4 };
    expect(redFlagsIn(cleanReport({ painDuring: 5 }), strict).map((hit) => hit.rule)).toEqual([
      'red_flag.pain_6_plus',
    ]);
    expect(redFlagsIn(cleanReport({ painDuring: 5 }))).toEqual([]);
  });
});
