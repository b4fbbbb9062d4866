/**
 * The keyset step "after this row" as SQL that row-level security lets an index serve. A row
 * comparison `(a, b) > ($1, $2)` is not LEAKPROOF, so under the tenant role Postgres would only
 * filter with it, after reading every row before the cursor; plain comparisons of one type are
 * leakproof, so this spells it out: `a >= $1 AND (a > $1 OR (a = $1 AND b > $2))`. Every key
 * shares one direction (the lists' orders are built so).
 */
export function keysetAfter(
  keys: readonly string[],
  values: readonly string[],
  direction: 'ASC' | 'DESC',
): string {
  const op = direction === 'ASC' ? '>' : '<';
  const step = (i: number): string => {
    const key = keys[i]!;
    const value = values[i]!;
    return i === keys.length - 1
      ? `${key} ${op} ${value}`
      : `(${key} ${op} ${value} OR (${key} = ${value} AND ${step(i + 1)}))`;
  };
  return `${keys[0]} ${op}= ${values[0]} AND ${step(0)}`;
}
