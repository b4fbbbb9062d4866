import fc from 'fast-check';
import { isTooSmall, SUPPRESSED, suppressCell, suppressedIndexes, suppressLinked } from './suppression';

describe('suppression', () => {
  it('hides 1-4 people, never 0 or 5+', () => {
    expect([0, 1, 4, 5, 100].map((n) => isTooSmall(n))).toEqual([false, true, true, false, false]);
    expect(suppressCell({ value: 3, people: 3 })).toBe(SUPPRESSED);
    expect(suppressCell({ value: 0, people: 0 })).toEqual({ value: 0, suppressed: false });
    expect(suppressCell({ value: null, people: 7 })).toEqual({ value: null, suppressed: false });
  });

  it('hides the smallest other cell when one hidden cell could be recovered from the total', () => {
    expect([...suppressedIndexes([2, 6, 9])]).toEqual([0, 1]);
    expect(
      suppressLinked([
        { value: 2, people: 2 },
        { value: 6, people: 6 },
        { value: 9, people: 9 },
      ]),
    ).toEqual([SUPPRESSED, SUPPRESSED, { value: 9, suppressed: false }]);
  });

  it('needs nothing more when the hidden cells together describe 5 or more people', () => {
    expect([...suppressedIndexes([3, 2, 8])]).toEqual([0, 1]);
    expect([...suppressedIndexes([5, 0, 8])]).toEqual([]);
  });

  it('skips empty cells when looking for a complementary one', () => {
    expect([...suppressedIndexes([1, 0, 0])]).toEqual([0]);
    expect([...suppressedIndexes([1, 0, 7])]).toEqual([0, 2]);
  });

  it('counts cells already hidden for another reason with their real size', () => {
    expect([...suppressedIndexes([6, 7, 8], [true])]).toEqual([0]);
  });

  it('never leaves the hidden cells of a column summing to 1-4 people while another could be hidden', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 12 }), { maxLength: 8 }), (people) => {
        const hidden = suppressedIndexes(people);
        const sum = [...hidden].reduce((s, i) => s + people[i]!, 0);
        const shownNonEmpty = people.filter((n, i) => !hidden.has(i) && n > 0).length;
        for (const [i, n] of people.entries()) if (isTooSmall(n)) expect(hidden.has(i)).toBe(true);
        expect(isTooSmall(sum) && shownNonEmpty > 0).toBe(false);
      }),
    );
  });
});
