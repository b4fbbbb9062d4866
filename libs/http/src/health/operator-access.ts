import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * True when an Authorization header carries `Bearer <token>` for this token. Both sides are hashed
 * first, so the comparison takes the same time whatever the length of what was sent.
 */
export function bearerMatches(header: string | string[] | undefined, token: string | null): boolean {
  if (token === null || typeof header !== 'string') return false;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  if (!match) return false;
  return sameSecret(match[1]!, token);
}

/** Constant-time equality of two secrets of any length. */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
