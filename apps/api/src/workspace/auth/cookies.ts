/** The browser's session with the workspace; HttpOnly, so no script can read it. */
export const SESSION_COOKIE = 'rw_session';
/** The browser's CSRF secret; forms carry an HMAC of it (and of the session), never the secret. */
export const CSRF_COOKIE = 'rw_csrf';
/** Both cookies are sent to the workspace only. */
export const COOKIE_PATH = '/coach';

export function readCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    // The first one wins, as browsers send the most specific path first.
    if (!cookies.has(name) && /^[A-Za-z0-9_-]{1,200}$/.test(value)) cookies.set(name, value);
  }
  return cookies;
}

export interface CookieOptions {
  secure: boolean;
  /** Seconds; 0 deletes the cookie; left out, the cookie ends with the browser session. */
  maxAge?: number;
}

/** HttpOnly, SameSite=Lax (a link from an email still arrives signed in), Secure on https. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${value}`, `Path=${COOKIE_PATH}`, 'HttpOnly', 'SameSite=Lax'];
  if (options.maxAge !== undefined) parts.push(`Max-Age=${options.maxAge}`);
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
