import { type ActivityScore } from './outcome-answer';

/** What scoring needs of one answered check. */
export interface ScoredCheck {
  pain: number | null;
  activities: readonly ActivityScore[];
}

/** The minimal clinically important difference on the 0-10 pain scale, and for the PSFS mean. */
export const PAIN_RESPONDER_POINTS = 2;
export const PAIN_RESPONDER_PERCENT = 30;
export const FUNCTION_RESPONDER_POINTS = 2;

/**
 * Pain responder: pain fell by at least 2 points, or by at least 30 % of the baseline. Whole
 * numbers compared exactly (10 x fall >= 3 x baseline), never through a rounded percentage.
 * A baseline of 0 cannot fall, so nobody starting pain-free is a responder.
 */
export function isPainResponder(before: number, after: number): boolean {
  const fall = before - after;
  if (fall <= 0) return false;
  return fall >= PAIN_RESPONDER_POINTS || 100 * fall >= PAIN_RESPONDER_PERCENT * before;
}

/**
 * Function responder: the mean PSFS score rose by at least 2 points. The change is given in sixths
 * of a point (the mean of one to three whole scores is always a whole number of sixths), so the
 * comparison is exact.
 */
export function isFunctionResponder(changeSixths: number): boolean {
  return changeSixths >= FUNCTION_RESPONDER_POINTS * 6;
}

function scored(activities: readonly ActivityScore[]): { name: string; score: number }[] {
  return activities.flatMap((a) => (a.score === null ? [] : [{ name: a.name, score: a.score }]));
}

/** The PSFS score of one check: the mean of its rated activities, in sixths of a point; null if none. */
export function psfsSixths(activities: readonly ActivityScore[]): number | null {
  const rated = scored(activities);
  if (rated.length === 0) return null;
  return (6 * rated.reduce((sum, a) => sum + a.score, 0)) / rated.length;
}

const sameActivity = (a: string, b: string) =>
  a.trim().toLocaleLowerCase('en') === b.trim().toLocaleLowerCase('en');

export interface ActivityChange {
  name: string;
  before: number;
  after: number;
}

/** How one person's later check compares with their baseline. */
export interface OutcomeChange {
  painBefore: number | null;
  painAfter: number | null;
  /** After minus before: negative is less pain. Null without both scores. */
  painChange: number | null;
  painResponder: boolean | null;
  /** The activities rated at both checks, matched by name. */
  activities: ActivityChange[];
  /** Mean PSFS over those activities, in sixths of a point, before and after, and the change. */
  psfsBeforeSixths: number | null;
  psfsAfterSixths: number | null;
  psfsChangeSixths: number | null;
  functionResponder: boolean | null;
}

/**
 * Compares a later check with the baseline. Missing answers give nulls, never zeros: no baseline
 * (or none that counts), no later answer, or no activity rated at both.
 */
export function compareWithBaseline(baseline: ScoredCheck | null, later: ScoredCheck | null): OutcomeChange {
  const painBefore = baseline?.pain ?? null;
  const painAfter = later?.pain ?? null;
  const both = painBefore !== null && painAfter !== null;
  const before = scored(baseline?.activities ?? []);
  const after = scored(later?.activities ?? []);
  const activities = before.flatMap((b) => {
    const match = after.find((a) => sameActivity(a.name, b.name));
    return match ? [{ name: b.name, before: b.score, after: match.score }] : [];
  });
  const n = activities.length;
  const sum = (pick: (a: ActivityChange) => number) => activities.reduce((s, a) => s + pick(a), 0);
  const change = n === 0 ? null : (6 * (sum((a) => a.after) - sum((a) => a.before))) / n;
  return {
    painBefore,
    painAfter,
    painChange: both ? painAfter - painBefore : null,
    painResponder: both ? isPainResponder(painBefore, painAfter) : null,
    activities,
    psfsBeforeSixths: n === 0 ? null : (6 * sum((a) => a.before)) / n,
    psfsAfterSixths: n === 0 ? null : (6 * sum((a) => a.after)) / n,
    psfsChangeSixths: change,
    functionResponder: change === null ? null : isFunctionResponder(change),
  };
}

/**
 * One decimal, halves away from zero (so -0.25 and 0.25 round to the same size), computed from
 * the exact fraction `numerator / denominator` so 0.15 never becomes 0.1 through binary rounding.
 */
export function roundedRatio(numerator: number, denominator: number): number {
  const tenths = (10 * Math.abs(numerator)) / Math.abs(denominator);
  const sign = Math.sign(numerator) * Math.sign(denominator);
  const rounded = Math.round(tenths) / 10;
  return sign < 0 && rounded !== 0 ? -rounded : rounded;
}

/** A whole number of sixths as points, one decimal. */
export function sixthsToPoints(sixths: number): number {
  return roundedRatio(sixths, 6);
}

/**
 * The median of values given as (value, people) counts, divided by `scale` (6 for sixths), one
 * decimal; null when nobody is counted. An even count takes the mean of the two middle values.
 */
export function medianOfCounts(
  counts: readonly { value: number; people: number }[],
  scale = 1,
): number | null {
  const sorted = counts.filter((c) => c.people > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, c) => sum + c.people, 0);
  if (total === 0) return null;
  const at = (position: number): number => {
    let seen = 0;
    for (const c of sorted) {
      seen += c.people;
      if (position < seen) return c.value;
    }
    return sorted.at(-1)!.value;
  };
  const lower = at(Math.floor((total - 1) / 2));
  const upper = at(Math.floor(total / 2));
  return roundedRatio(lower + upper, 2 * scale);
}

/** The mean of values given as (value, people) counts, divided by `scale`, one decimal; null if none. */
export function meanOfCounts(counts: readonly { value: number; people: number }[], scale = 1): number | null {
  const people = counts.reduce((sum, c) => sum + c.people, 0);
  if (people === 0) return null;
  return roundedRatio(
    counts.reduce((sum, c) => sum + c.value * c.people, 0),
    people * scale,
  );
}
