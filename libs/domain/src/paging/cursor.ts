import { DomainError } from '../errors';

/** One value of a sort key: text (timestamps travel as Postgres text, exact to the microsecond) or null. */
export type CursorValue = string | number | null;

/** Longer than any cursor we hand out; anything beyond is not ours. */
const MAX_CURSOR_LENGTH = 600;

/**
 * A keyset cursor: the sort key of the last row of a page and the order it belongs to, as opaque
 * base64url text. Paging by key instead of by offset is what makes every row appear exactly once
 * across pages while rows are being added: a row's place depends only on its own key.
 */
export function encodeCursor(order: string, key: readonly CursorValue[]): string {
  const bytes = new TextEncoder().encode(JSON.stringify({ o: order, k: key }));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** base64url back to text; throws on anything that is not valid base64url of UTF-8. */
function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/**
 * Reads a cursor back for an order whose key has `arity` values. Anything else (not base64url, not
 * ours, a cursor of another order or another list) is a 400 naming `cursor`, never a 500.
 */
export function decodeCursor(text: string, order: string, arity: number): CursorValue[] {
  const refuse = (why: string): never => {
    throw new DomainError('validation_failed', 'The cursor is not valid; start again without it.', [
      { field: 'cursor', message: why },
    ]);
  };
  if (text.length === 0 || text.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(text)) {
    return refuse('must be the nextCursor of an earlier page');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromBase64Url(text));
  } catch {
    return refuse('must be the nextCursor of an earlier page');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return refuse('must be the nextCursor of an earlier page');
  }
  const { o, k } = parsed as { o?: unknown; k?: unknown };
  if (o !== order) return refuse('belongs to another list or sort order');
  if (
    !Array.isArray(k) ||
    k.length !== arity ||
    !k.every((v) => v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))
  ) {
    return refuse('must be the nextCursor of an earlier page');
  }
  return k as CursorValue[];
}
