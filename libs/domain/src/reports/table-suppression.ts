import { isTooSmall, suppressedIndexes } from './suppression';

/**
 * The people one figure says something about, as counts: a count of people with an attribute
 * names both them and, beside the group's published size, the people without it ("active: 56" in
 * a group of 57 tells that one person did not walk). Each count must be 0 or at least 5.
 */
export type PeopleBehind = readonly number[];

export function revealsTooFew(people: PeopleBehind): boolean {
  return people.some((count) => isTooSmall(count));
}

/**
 * Hides cells of one column whose total is published: every cell whose figure is about 1-4 people,
 * and then, for each kind of count behind the figures, enough other cells that the hidden ones
 * together are about 0 or at least 5 people (otherwise the total minus the shown cells would give
 * them back). Repeats until nothing more changes. `hidden` marks cells hidden for another reason.
 */
export function hideInColumn(cells: readonly PeopleBehind[], hidden: readonly boolean[]): boolean[] {
  const result = cells.map((people, i) => hidden[i] === true || revealsTooFew(people));
  const kinds = Math.max(0, ...cells.map((people) => people.length));
  for (let changed = true; changed;) {
    changed = false;
    for (let kind = 0; kind < kinds; kind++) {
      const indexes = suppressedIndexes(
        cells.map((people) => people[kind] ?? 0),
        result,
      );
      for (const index of indexes) {
        if (!result[index]) {
          result[index] = true;
          changed = true;
        }
      }
    }
  }
  return result;
}

/**
 * Hides cells in a table whose row and column totals are both published: every row and every
 * column gets primary and complementary suppression, repeated until nothing more changes.
 */
export function suppressTable(
  people: readonly (readonly PeopleBehind[])[],
  hiddenRows: ReadonlySet<number>,
): boolean[][] {
  const hidden = people.map((row, r) => row.map((cell) => hiddenRows.has(r) || revealsTooFew(cell)));
  const columns = people[0]?.length ?? 0;
  const apply = (cells: readonly (readonly [number, number])[]): boolean => {
    const next = hideInColumn(
      cells.map(([r, c]) => people[r]?.[c] ?? []),
      cells.map(([r, c]) => hidden[r]?.[c] === true),
    );
    let changed = false;
    next.forEach((hide, index) => {
      const [r, c] = cells[index]!;
      if (hide && !hidden[r]![c]) {
        hidden[r]![c] = true;
        changed = true;
      }
    });
    return changed;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (let r = 0; r < people.length; r++) {
      changed = apply(people[r]!.map((_, c) => [r, c] as const)) || changed;
    }
    for (let c = 0; c < columns; c++) changed = apply(people.map((_, r) => [r, c] as const)) || changed;
  }
  return hidden;
}

/**
 * The hidden groups of a report can be recovered together: the total minus the shown groups. So,
 * like every published group, they must together hold 0 or at least 5 people in each enrolment
 * block; otherwise a report covering one block more would give away the 1-4 hidden people of that
 * block by subtraction (their level, their walks). Hides the smallest shown group of such a block
 * until none is left. Blocks are aligned across groups (not with `groupBy=week`).
 */
export function hideAcrossBlocks(
  groups: readonly { blockPeople: readonly number[] }[],
  hidden: Set<number>,
): void {
  const blocks = Math.max(0, ...groups.map((g) => g.blockPeople.length));
  const at = (group: number, block: number) => groups[group]?.blockPeople[block] ?? 0;
  for (let changed = true; changed;) {
    changed = false;
    for (let block = 0; block < blocks; block++) {
      const hiddenHere = [...hidden].reduce((sum, group) => sum + at(group, block), 0);
      if (!isTooSmall(hiddenHere)) continue;
      let next = -1;
      groups.forEach((_, group) => {
        if (hidden.has(group) || at(group, block) <= 0) return;
        if (next === -1 || at(group, block) < at(next, block)) next = group;
      });
      if (next === -1) continue;
      hidden.add(next);
      changed = true;
    }
  }
}
