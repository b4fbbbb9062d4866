import fc from 'fast-check';
import {
  assessScreening,
  SCREENING_FIELDS,
  SCREENING_REASONS,
  screeningReasonText,
  type Screening,
  type ScreeningReason,
} from './screening';

const CLEAR: Screening = {
  severeKneeInjury: false,
  acutePain: false,
  balanceDisorder: false,
  vertigo: false,
  recentKneeSurgery: false,
  clinicianClearance: false,
};

describe('assessScreening', () => {
  it('lets someone with nothing to report start straight away', () => {
    expect(assessScreening(CLEAR)).toEqual({ needsClearance: false, reasons: [] });
    expect(assessScreening({ ...CLEAR, clinicianClearance: true })).toEqual({
      needsClearance: false,
      reasons: [],
    });
  });

  it.each<[keyof Screening, ScreeningReason]>([
    ['severeKneeInjury', 'severe_knee_injury'],
    ['acutePain', 'acute_pain'],
    ['balanceDisorder', 'balance_disorder'],
    ['vertigo', 'vertigo'],
    ['recentKneeSurgery', 'recent_knee_surgery'],
  ])('waits for a professional when %s is reported', (field, reason) => {
    expect(assessScreening({ ...CLEAR, [field]: true })).toEqual({ needsClearance: true, reasons: [reason] });
  });

  it('lists every reason in a fixed order', () => {
    const all = { ...CLEAR, vertigo: true, severeKneeInjury: true, recentKneeSurgery: true };
    expect(assessScreening(all).reasons).toEqual(['severe_knee_injury', 'vertigo', 'recent_knee_surgery']);
  });

  it('does not wait when a professional has already cleared them, but keeps the reasons on record', () => {
    expect(assessScreening({ ...CLEAR, recentKneeSurgery: true, clinicianClearance: true })).toEqual({
      needsClearance: false,
      reasons: ['recent_knee_surgery'],
    });
  });

  it('needs clearance exactly when a condition is reported and nobody has cleared it', () => {
    fc.assert(
      fc.property(
        fc.record({
          severeKneeInjury: fc.boolean(),
          acutePain: fc.boolean(),
          balanceDisorder: fc.boolean(),
          vertigo: fc.boolean(),
          recentKneeSurgery: fc.boolean(),
          clinicianClearance: fc.boolean(),
        }),
        (screening) => {
          const anyCondition =
            screening.severeKneeInjury ||
            screening.acutePain ||
            screening.balanceDisorder ||
            screening.vertigo ||
            screening.recentKneeSurgery;
          const result = assessScreening(screening);
          expect(result.needsClearance).toBe(anyCondition && !screening.clinicianClearance);
          expect(result.reasons.length > 0).toBe(anyCondition);
        },
      ),
    );
  });
});

describe('SCREENING_FIELDS', () => {
  it('names every screening answer', () => {
    expect([...SCREENING_FIELDS].sort()).toEqual(Object.keys(CLEAR).sort());
  });
});

describe('screeningReasonText', () => {
  it('explains each reason in one plain sentence that mentions a professional', () => {
    const texts = SCREENING_REASONS.map(screeningReasonText);
    expect(new Set(texts).size).toBe(SCREENING_REASONS.length);
    for (const text of texts) {
      expect(text).toMatch(/^[A-Z][^.]*\.$/);
      expect(text).toMatch(/professional|doctor|physiotherapist|surgeon/);
    }
  });
});
