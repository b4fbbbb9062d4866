/** The smallest number of people a published figure may describe. */
export const SUPPRESSION_THRESHOLD = 5;

/**
 * One figure of a report. A suppressed cell has no value at all (not a rounded or capped one), so
 * nothing about the people behind it leaks; `value: null` without `suppressed` means "no data".
 */
export type ReportCell =
  | { readonly value: number; readonly suppressed: false }
  | { readonly value: null; readonly suppressed: true }
  | { readonly value: null; readonly suppressed: false };

/** A figure before suppression, with the number of distinct people it would reveal something about. */
export interface RawCell {
  value: number | null;
  people: number;
}

export const SUPPRESSED: ReportCell = Object.freeze({ value: null, suppressed: true });
export const NO_DATA: ReportCell = Object.freeze({ value: null, suppressed: false });

/** A cell that describes between 1 and 4 people. Zero people reveal nothing about anyone. */
export function isTooSmall(people: number, threshold = SUPPRESSION_THRESHOLD): boolean {
  return people > 0 && people < threshold;
}

/**
 * Which cells of a set whose total is published (the groups of one column, the levels of one row)
 * must be hidden. Primary: every cell about 1-4 people. Complementary: while the hidden cells
 * together describe 1-4 people, the total minus the shown cells would reveal them, so the
 * smallest shown cell that describes anyone is hidden too (repeat until safe or none is left).
 * `alreadyHidden` cells (hidden for another reason) count towards the hidden total as they are.
 */
export function suppressedIndexes(
  people: readonly number[],
  alreadyHidden: readonly boolean[] = [],
  threshold = SUPPRESSION_THRESHOLD,
): Set<number> {
  const hidden = new Set<number>();
  people.forEach((count, index) => {
    if (alreadyHidden[index] === true || isTooSmall(count, threshold)) hidden.add(index);
  });
  for (;;) {
    const hiddenPeople = [...hidden].reduce((sum, index) => sum + (people[index] ?? 0), 0);
    if (!isTooSmall(hiddenPeople, threshold)) break;
    let next = -1;
    people.forEach((count, index) => {
      if (hidden.has(index) || count <= 0) return;
      if (next === -1 || count < (people[next] ?? 0)) next = index;
    });
    if (next === -1) break;
    hidden.add(next);
  }
  return hidden;
}

/** Applies primary and complementary suppression to a set of cells whose total is published. */
export function suppressLinked(cells: readonly RawCell[], threshold = SUPPRESSION_THRESHOLD): ReportCell[] {
  const hidden = suppressedIndexes(
    cells.map((cell) => cell.people),
    [],
    threshold,
  );
  return cells.map((cell, index) => (hidden.has(index) ? SUPPRESSED : publish(cell)));
}

/** One cell on its own (a total): suppressed when it describes 1-4 people. */
export function suppressCell(cell: RawCell, threshold = SUPPRESSION_THRESHOLD): ReportCell {
  return isTooSmall(cell.people, threshold) ? SUPPRESSED : publish(cell);
}

/** A figure as published: hidden, or its value (null meaning "no data"). */
export function cellOf(value: number | null, hide: boolean): ReportCell {
  if (hide) return SUPPRESSED;
  return value === null ? NO_DATA : { value, suppressed: false };
}

function publish(cell: RawCell): ReportCell {
  return cell.value === null ? NO_DATA : { value: cell.value, suppressed: false };
}
