import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@retrowalk/config';
import { DomainError } from '@retrowalk/domain';
import { Clock } from '../clock/clock';

export type LinkPurpose =
  | 'confirm'
  | 'pause'
  | 'resume'
  | 'unsubscribe'
  | 'follow-up-settled'
  | 'follow-up-same'
  | 'follow-up-worse'
  | 'follow-up-red-flag'
  | 'cleared'
  | 'check-in'
  | 'data';

export const LINK_PURPOSES: readonly LinkPurpose[] = [
  'confirm',
  'pause',
  'resume',
  'unsubscribe',
  'follow-up-settled',
  'follow-up-same',
  'follow-up-worse',
  'follow-up-red-flag',
  'cleared',
  'check-in',
  'data',
];

const DAY_SECONDS = 86_400;

/**
 * How long a link works. Unsubscribe links stay valid for a year: people unsubscribe from old mail,
 * and RFC 8058 expects the List-Unsubscribe URL to keep working.
 */
const LIFETIME_SECONDS: { readonly [P in LinkPurpose]: number } = {
  confirm: 14 * DAY_SECONDS,
  pause: 60 * DAY_SECONDS,
  resume: 60 * DAY_SECONDS,
  unsubscribe: 365 * DAY_SECONDS,
  'follow-up-settled': 14 * DAY_SECONDS,
  'follow-up-same': 14 * DAY_SECONDS,
  'follow-up-worse': 14 * DAY_SECONDS,
  'follow-up-red-flag': 14 * DAY_SECONDS,
  cleared: 90 * DAY_SECONDS,
  'check-in': 7 * DAY_SECONDS,
  // "Your data" (download or delete) from the footer of every email: the newest one has a fresh link.
  data: 60 * DAY_SECONDS,
};

/**
 * Participant links: `<enrollment id>.<expiry, unix seconds>.<HMAC-SHA256>`, the HMAC covering the
 * purpose too, so a pause link cannot be replayed as an unsubscribe link. Nothing secret is inside.
 */
@Injectable()
export class LinkService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  url(purpose: LinkPurpose, enrollmentId: string): string {
    return `${this.config.publicBaseUrl}/p/${purpose}/${this.token(purpose, enrollmentId)}`;
  }

  token(purpose: LinkPurpose, enrollmentId: string): string {
    const expires = Math.floor(this.clock.now().getTime() / 1000) + LIFETIME_SECONDS[purpose];
    return `${enrollmentId}.${expires}.${this.sign(purpose, enrollmentId, expires)}`;
  }

  /** Returns the enrolment the token names; a forged token is invalid, an old one expired. */
  verify(purpose: LinkPurpose, token: string): string {
    const match = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match) throw new DomainError('link_invalid', 'This link is not valid.');
    const [, enrollmentId, expiresText, signature] = match as unknown as [string, string, string, string];
    const expected = Buffer.from(this.sign(purpose, enrollmentId, Number(expiresText)));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw new DomainError('link_invalid', 'This link is not valid.');
    }
    if (Number(expiresText) * 1000 < this.clock.now().getTime()) {
      throw new DomainError('link_expired', 'This link has expired.');
    }
    return enrollmentId;
  }

  private sign(purpose: LinkPurpose, enrollmentId: string, expires: number): string {
    return createHmac('sha256', this.config.linkSecret)
      .update(`${purpose}.${enrollmentId}.${expires}`)
      .digest('base64url');
  }
}
