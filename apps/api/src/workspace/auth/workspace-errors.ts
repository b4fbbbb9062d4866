/** No usable session: a page asks the member to sign in, then brings them back to `returnTo`. */
export class SignInRequired extends Error {
  constructor(readonly returnTo: string | null) {
    super('Sign in to continue.');
    this.name = 'SignInRequired';
  }
}

/** A POST without the CSRF token of this browser and session: refused, nothing changed. */
export class CsrfRefused extends Error {
  constructor() {
    super('This form is out of date.');
    this.name = 'CsrfRefused';
  }
}

/** A path inside the workspace to come back to after signing in; anything else is dropped. */
export function workspaceReturnPath(candidate: unknown): string | null {
  if (typeof candidate !== 'string' || candidate.length > 300) return null;
  if (!/^\/coach\/[A-Za-z0-9/_.~%&=?-]*$/.test(candidate) || candidate.includes('//')) return null;
  if (candidate.startsWith('/coach/sign-in') || candidate.startsWith('/coach/sign-out')) return null;
  return candidate;
}
