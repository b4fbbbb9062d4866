/** TypeORM's postgres driver answers UPDATE ... RETURNING with [rows, affectedCount]. */
export type Returning<T> = [T[], number] | T[];

export function unwrapReturning<T>(result: Returning<T>): T[] {
  if (result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0];
  }
  return result as T[];
}
