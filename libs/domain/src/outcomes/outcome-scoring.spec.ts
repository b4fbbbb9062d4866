import fc from 'fast-check';
import {
  compareWithBaseline,
  isFunctionResponder,
  isPainResponder,
  meanOfCounts,
  medianOfCounts,
  psfsSixths,
  roundedRatio,
  sixthsToPoints,
} from './outcome-scoring';

const score = fc.integer({ min: 0, max: 10 });

describe('outcome scoring', () => {
  it('calls a fall of 2 points, or of 30 % of the baseline, a pain responder', () => {
    expect(isPainResponder(6, 4)).toBe(true); // 2 points
    expect(isPainResponder(6, 5)).toBe(false); // 1 point, 17 %
    expect(isPainResponder(3, 2)).toBe(true); // 1 point, 33 %
    expect(isPainResponder(10, 8)).toBe(true); // 2 points, 20 %
    expect(isPainResponder(10, 9)).toBe(false); // 1 point, 10 %
    expect(isPainResponder(1, 0)).toBe(true); // 1 point, 100 %
    expect(isPainResponder(0, 0)).toBe(false); // nothing to fall from
    expect(isPainResponder(4, 6)).toBe(false); // worse
  });

  it('agrees with the rule written in percentages, for every pair of scores', () => {
    fc.assert(
      fc.property(score, score, (before, after) => {
        const fall = before - after;
        const byPercent = before > 0 && (fall / before) * 100 >= 30 - 1e-9;
        expect(isPainResponder(before, after)).toBe(fall > 0 && (fall >= 2 || byPercent));
      }),
    );
  });

  it('calls a rise of 2 points in the mean PSFS a function responder', () => {
    expect(isFunctionResponder(12)).toBe(true);
    expect(isFunctionResponder(11)).toBe(false);
    expect(isFunctionResponder(-12)).toBe(false);
  });

  it('compares activities by name, only those rated at both checks', () => {
    const change = compareWithBaseline(
      {
        pain: 6,
        activities: [
          { name: 'Stairs', score: 3 },
          { name: 'Gardening', score: 4 },
          { name: 'Kneeling', score: 2 },
        ],
      },
      {
        pain: 3,
        activities: [
          { name: 'stairs ', score: 7 },
          { name: 'Gardening', score: 5 },
          { name: 'Kneeling', score: null },
        ],
      },
    );
    expect(change).toMatchObject({
      painBefore: 6,
      painAfter: 3,
      painChange: -3,
      painResponder: true,
      activities: [
        { name: 'Stairs', before: 3, after: 7 },
        { name: 'Gardening', before: 4, after: 5 },
      ],
      psfsBeforeSixths: 21, // 3.5
      psfsAfterSixths: 36, // 6
      psfsChangeSixths: 15, // +2.5
      functionResponder: true,
    });
  });

  it('gives nulls, never zeros, for what is missing', () => {
    const none = compareWithBaseline(null, { pain: 4, activities: [{ name: 'Stairs', score: 5 }] });
    expect(none).toEqual({
      painBefore: null,
      painAfter: 4,
      painChange: null,
      painResponder: null,
      activities: [],
      psfsBeforeSixths: null,
      psfsAfterSixths: null,
      psfsChangeSixths: null,
      functionResponder: null,
    });
    const noActivities = compareWithBaseline({ pain: 4, activities: [] }, null);
    expect(noActivities).toMatchObject({ painChange: null, psfsChangeSixths: null, functionResponder: null });
    expect(psfsSixths([])).toBeNull();
    expect(psfsSixths([{ name: 'a', score: null }])).toBeNull();
    expect(
      psfsSixths([
        { name: 'a', score: 3 },
        { name: 'b', score: 4 },
      ]),
    ).toBe(21);
  });

  it('keeps the PSFS in whole sixths, whatever the scores', () => {
    fc.assert(
      fc.property(
        fc.array(score, { minLength: 1, maxLength: 3 }),
        fc.array(score, { minLength: 1, maxLength: 3 }),
        (a, b) => {
          const names = ['x', 'y', 'z'];
          const change = compareWithBaseline(
            { pain: 5, activities: a.map((s, i) => ({ name: names[i]!, score: s })) },
            { pain: 5, activities: b.map((s, i) => ({ name: names[i]!, score: s })) },
          );
          const n = Math.min(a.length, b.length);
          expect(change.activities).toHaveLength(n);
          expect(Number.isInteger(change.psfsChangeSixths)).toBe(true);
          const exact =
            b.slice(0, n).reduce((s, v) => s + v, 0) / n - a.slice(0, n).reduce((s, v) => s + v, 0) / n;
          expect(Math.abs(change.psfsChangeSixths! / 6 - exact)).toBeLessThan(1e-9);
          expect(change.functionResponder).toBe(exact >= 2 - 1e-9);
        },
      ),
    );
  });

  it('rounds to one decimal, halves away from zero, the same size either side of zero', () => {
    expect(roundedRatio(1, 4)).toBe(0.3); // 0.25
    expect(roundedRatio(-1, 4)).toBe(-0.3);
    expect(roundedRatio(3, 20)).toBe(0.2); // 0.15, which 0.15 * 10 in floating point would round down
    expect(roundedRatio(1, 3)).toBe(0.3);
    expect(roundedRatio(0, 5)).toBe(0);
    expect(Object.is(roundedRatio(-1, 100), -0)).toBe(false);
    expect(sixthsToPoints(15)).toBe(2.5);
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 500 }), (n, d) => {
        const rounded = roundedRatio(n, d);
        expect(roundedRatio(-n, d)).toBe(rounded === 0 ? 0 : -rounded);
        expect(Math.abs(rounded - n / d)).toBeLessThanOrEqual(0.05 + 1e-9);
        expect(Math.round(rounded * 10)).toBeCloseTo(rounded * 10, 9);
      }),
    );
  });

  it('takes means and medians from counts exactly as from the list of values', () => {
    fc.assert(
      fc.property(fc.array(score, { maxLength: 40 }), (values) => {
        const counts = [...new Set(values)].map((value) => ({
          value,
          people: values.filter((v) => v === value).length,
        }));
        const sorted = [...values].sort((a, b) => a - b);
        if (values.length === 0) {
          expect(meanOfCounts(counts)).toBeNull();
          expect(medianOfCounts(counts)).toBeNull();
          return;
        }
        const mid = sorted.length / 2;
        const median =
          sorted.length % 2 === 1 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
        expect(medianOfCounts(counts)).toBe(median);
        const mean = values.reduce((s, v) => s + v, 0) / values.length;
        expect(Math.abs(meanOfCounts(counts)! - mean)).toBeLessThanOrEqual(0.05 + 1e-9);
      }),
    );
    expect(
      medianOfCounts(
        [
          { value: 21, people: 1 },
          { value: 36, people: 1 },
        ],
        6,
      ),
    ).toBe(4.8); // 28.5 sixths
    expect(meanOfCounts([{ value: 15, people: 2 }], 6)).toBe(2.5);
  });
});
