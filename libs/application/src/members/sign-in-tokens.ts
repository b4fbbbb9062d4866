import { createHash, createHmac, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@retrowalk/config';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The secrets of the workspace. A sign-in link's token is never stored, not even for the minutes
 * before its email goes: it is derived from the link's id with the link secret when the email is
 * written, and only its SHA-256 is kept to find the link when it comes back. A copy of the
 * database therefore holds nothing that signs anyone in; a session token is random and kept as a
 * hash for the same reason. CSRF tokens are derived too: the form token is an HMAC of the
 * browser's CSRF cookie and the session, so one session's token is useless in another.
 */
@Injectable()
export class SignInTokens {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The token in a sign-in link; the same for the same link every time it is derived. */
  linkToken(linkId: string): string {
    return this.hmac(`member-sign-in.${linkId}`);
  }

  /** The address a sign-in or invitation email links to. */
  linkUrl(linkId: string): string {
    return `${this.config.publicBaseUrl}/coach/sign-in/${this.linkToken(linkId)}`;
  }

  newSessionToken(): string {
    return randomBytes(32).toString('base64url');
  }

  newCsrfSecret(): string {
    return randomBytes(24).toString('base64url');
  }

  /** The token a form carries, for this browser (its CSRF cookie) and this session (or none yet). */
  csrfToken(csrfSecret: string, sessionId: string | null): string {
    return this.hmac(`csrf.${csrfSecret}.${sessionId ?? 'signed-out'}`);
  }

  private hmac(subject: string): string {
    return createHmac('sha256', this.config.linkSecret).update(subject).digest('base64url');
  }
}
