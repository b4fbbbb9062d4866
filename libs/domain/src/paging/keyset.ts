import type { CursorValue } from './cursor';

export type SortDirection = 'asc' | 'desc';

/**
 * Compares two sort keys the way Postgres orders rows for a keyset page: column by column, each in
 * its own direction, nulls last in either direction. The repositories' SQL follows the same rules
 * (nullable columns are coalesced to a sentinel), and the property tests check paging with it.
 */
export function compareKeys(
  a: readonly CursorValue[],
  b: readonly CursorValue[],
  directions: readonly SortDirection[],
): number {
  for (let i = 0; i < directions.length; i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    const order = x < y ? -1 : 1;
    return directions[i] === 'asc' ? order : -order;
  }
  return 0;
}

/** The rows of one page: those strictly after the cursor, in order, at most `limit` of them. */
export function pageAfter<T>(
  rows: readonly T[],
  keyOf: (row: T) => readonly CursorValue[],
  directions: readonly SortDirection[],
  after: readonly CursorValue[] | null,
  limit: number,
): T[] {
  return rows
    .filter((row) => after === null || compareKeys(keyOf(row), after, directions) > 0)
    .sort((a, b) => compareKeys(keyOf(a), keyOf(b), directions))
    .slice(0, limit);
}
