export interface Screening {
  severeKneeInjury: boolean;
  acutePain: boolean;
  balanceDisorder: boolean;
  vertigo: boolean;
  recentKneeSurgery: boolean;
  /** A professional has already seen the person and said retro walking is fine for them. */
  clinicianClearance: boolean;
}

export const SCREENING_FIELDS: readonly (keyof Screening)[] = Object.freeze([
  'severeKneeInjury',
  'acutePain',
  'balanceDisorder',
  'vertigo',
  'recentKneeSurgery',
  'clinicianClearance',
]);

/** Screening answers with nothing to report: the person may start without a professional's OK. */
export const NOTHING_TO_REPORT: Readonly<Screening> = Object.freeze({
  severeKneeInjury: false,
  acutePain: false,
  balanceDisorder: false,
  vertigo: false,
  recentKneeSurgery: false,
  clinicianClearance: false,
});

export type ScreeningReason =
  'severe_knee_injury' | 'acute_pain' | 'balance_disorder' | 'vertigo' | 'recent_knee_surgery';

export const SCREENING_REASONS: readonly ScreeningReason[] = Object.freeze([
  'severe_knee_injury',
  'acute_pain',
  'balance_disorder',
  'vertigo',
  'recent_knee_surgery',
]);

const FIELD_OF_REASON: Readonly<Record<ScreeningReason, keyof Screening>> = Object.freeze({
  severe_knee_injury: 'severeKneeInjury',
  acute_pain: 'acutePain',
  balance_disorder: 'balanceDisorder',
  vertigo: 'vertigo',
  recent_knee_surgery: 'recentKneeSurgery',
});

export interface ScreeningAssessment {
  needsClearance: boolean;
  /** Every condition the answers raise, even when already cleared, so the record shows what was cleared. */
  reasons: ScreeningReason[];
}

/**
 * The seed asks people with these conditions to see a professional before starting, so any of them
 * without a clearance holds the enrolment in needs_clearance.
 */
export function assessScreening(screening: Screening): ScreeningAssessment {
  const reasons = SCREENING_REASONS.filter((reason) => screening[FIELD_OF_REASON[reason]]);
  return { needsClearance: reasons.length > 0 && !screening.clinicianClearance, reasons };
}

export function screeningReasonText(reason: ScreeningReason): string {
  switch (reason) {
    case 'severe_knee_injury':
      return 'You told us about a serious knee injury, so a doctor or physiotherapist should confirm that walking backwards suits you before you begin.';
    case 'acute_pain':
      return 'Your knee is painful at the moment, and new exercise should wait until a professional has looked at it.';
    case 'balance_disorder':
      return 'Walking backwards tests your balance, so with the balance problem you mentioned we need a professional to say it is safe first.';
    case 'vertigo':
      return 'Moving backwards can bring on dizziness, so with the vertigo you mentioned we need a professional to say it is safe first.';
    case 'recent_knee_surgery':
      return 'You have had knee surgery recently, so your surgeon or physiotherapist should confirm you are ready for this exercise first.';
  }
}
