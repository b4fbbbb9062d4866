import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@retrowalk/config';
import { COHORT_GROUPINGS, DomainError } from '@retrowalk/domain';
import { Clock } from '../clock/clock';

export type LinkPurpose =
  | 'confirm'
  | 'confirm-address'
  | 'pause'
  | 'resume'
  | 'unsubscribe'
  | 'follow-up-settled'
  | 'follow-up-same'
  | 'follow-up-worse'
  | 'follow-up-red-flag'
  | 'cleared'
  | 'check-in'
  | 'data'
  | OutcomeLinkPurpose;

/** One link per outcome check: the HMAC covers which check, so one cannot be replayed as another. */
export type OutcomeLinkPurpose = 'outcome-baseline' | 'outcome-dose-end' | 'outcome-follow-up';

export const LINK_PURPOSES: readonly LinkPurpose[] = [
  'confirm',
  'confirm-address',
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
  'outcome-baseline',
  'outcome-dose-end',
  'outcome-follow-up',
];

const DAY_SECONDS = 86_400;
export const CONFIRM_ADDRESS_LINK_SECONDS = 14 * DAY_SECONDS;

/** A cohort report link works for an hour: long enough to read it, short enough if forwarded. */
export const REPORT_LINK_SECONDS = 3600;

/** What a report link lets its holder see: one organisation's report for fixed parameters. */
export interface ReportLinkClaims {
  organizationId: string;
  from: string;
  to: string;
  groupBy: string;
}

/**
 * How long a link works. Unsubscribe links stay valid for a year: people unsubscribe from old mail,
 * and RFC 8058 expects the List-Unsubscribe URL to keep working.
 */
const LIFETIME_SECONDS: { readonly [P in LinkPurpose]: number } = {
  confirm: 14 * DAY_SECONDS,
  // Also tells when it was issued (expiry minus 14 days): a link older than the address change it
  // belongs to confirms nothing (see EnrollmentService.confirmAddressByLink).
  'confirm-address': CONFIRM_ADDRESS_LINK_SECONDS,
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
  // Longer than a check stays open (14 days): the page, not the link, says when it has closed.
  'outcome-baseline': 30 * DAY_SECONDS,
  'outcome-dose-end': 30 * DAY_SECONDS,
  'outcome-follow-up': 30 * DAY_SECONDS,
};

// The exact form the service issues, nothing looser: a lower-case UUID (Postgres writes them so),
// the expiry in unix seconds without a leading zero, and the unpadded base64url of an HMAC-SHA256.
// With a looser pattern "0" + expiry named the same instant and still verified, so one link had
// many spellings; now any change to a token makes it invalid.
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const EXPIRY = '[1-9][0-9]{0,11}';
const SIGNATURE = '[A-Za-z0-9_-]{43}';
const DATE = '[0-9]{4}-[0-9]{2}-[0-9]{2}';
const PARTICIPANT_TOKEN = new RegExp(`^(${UUID})\\.(${EXPIRY})\\.(${SIGNATURE})$`);
const REPORT_TOKEN = new RegExp(
  `^(${UUID})\\.(${DATE})\\.(${DATE})\\.(${COHORT_GROUPINGS.join('|')})\\.(${EXPIRY})\\.(${SIGNATURE})$`,
);

/**
 * Participant links: `<enrollment id>.<expiry, unix seconds>.<HMAC-SHA256>`, the HMAC covering the
 * purpose too, so a pause link cannot be replayed as an unsubscribe link. Nothing secret is inside.
 * New links are signed with LINK_SECRET; links signed with one of LINK_SECRET_PREVIOUS still verify,
 * so the secret can be rotated without breaking the year-long unsubscribe links in old emails.
 */
@Injectable()
export class LinkService {
  private readonly verifyingSecrets: readonly string[];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.verifyingSecrets = [config.linkSecret, ...config.linkSecretPrevious];
  }

  url(purpose: LinkPurpose, enrollmentId: string): string {
    return `${this.config.publicBaseUrl}/p/${purpose}/${this.token(purpose, enrollmentId)}`;
  }

  token(purpose: LinkPurpose, enrollmentId: string): string {
    const expires = Math.floor(this.clock.now().getTime() / 1000) + LIFETIME_SECONDS[purpose];
    return `${enrollmentId}.${expires}.${this.sign(this.config.linkSecret, purpose, enrollmentId, expires)}`;
  }

  /** Returns the enrolment the token names; a forged or altered token is invalid, an old one expired. */
  verify(purpose: LinkPurpose, token: string): string {
    const match = PARTICIPANT_TOKEN.exec(token);
    if (!match) throw new DomainError('link_invalid', 'This link is not valid.');
    const [, enrollmentId, expiresText, signature] = match as unknown as [string, string, string, string];
    this.checkSignature(purpose, enrollmentId, Number(expiresText), signature);
    return enrollmentId;
  }

  /** When a (verified) token was issued: its expiry minus its purpose's lifetime. */
  issuedAt(purpose: LinkPurpose, token: string): Date {
    const expires = Number(token.split('.')[1]);
    return new Date((expires - LIFETIME_SECONDS[purpose]) * 1000);
  }

  /**
   * A cohort report link for managers and coaches: `/r/<organisation>.<from>.<to>.<groupBy>.<expiry>.<HMAC>`,
   * signed like participant links (purpose `report`, the subject being every parameter), so the
   * holder can neither change the period nor point it at another organisation.
   */
  reportLink(claims: ReportLinkClaims): { url: string; expiresAt: Date } {
    const expires = Math.floor(this.clock.now().getTime() / 1000) + REPORT_LINK_SECONDS;
    const subject = reportSubject(claims);
    const token = `${subject}.${expires}.${this.sign(this.config.linkSecret, 'report', subject, expires)}`;
    return { url: `${this.config.publicBaseUrl}/r/${token}`, expiresAt: new Date(expires * 1000) };
  }

  verifyReportLink(token: string): ReportLinkClaims & { expiresAt: Date } {
    const match = REPORT_TOKEN.exec(token);
    if (!match) throw new DomainError('link_invalid', 'This link is not valid.');
    const [, organizationId, from, to, groupBy, expiresText, signature] = match as unknown as string[];
    const claims = { organizationId: organizationId!, from: from!, to: to!, groupBy: groupBy! };
    this.checkSignature('report', reportSubject(claims), Number(expiresText), signature!);
    return { ...claims, expiresAt: new Date(Number(expiresText) * 1000) };
  }

  private checkSignature(
    purpose: LinkPurpose | 'report',
    subject: string,
    expires: number,
    signature: string,
  ): void {
    const given = Buffer.from(signature);
    // Every secret is tried, whichever matches, so the time taken says nothing about which one.
    let matches = false;
    for (const secret of this.verifyingSecrets) {
      const expected = Buffer.from(this.sign(secret, purpose, subject, expires));
      if (expected.length === given.length && timingSafeEqual(expected, given)) matches = true;
    }
    if (!matches) throw new DomainError('link_invalid', 'This link is not valid.');
    if (expires * 1000 < this.clock.now().getTime()) {
      throw new DomainError('link_expired', 'This link has expired.');
    }
  }

  private sign(secret: string, purpose: LinkPurpose | 'report', subject: string, expires: number): string {
    return createHmac('sha256', secret).update(`${purpose}.${subject}.${expires}`).digest('base64url');
  }
}

function reportSubject(claims: ReportLinkClaims): string {
  return `${claims.organizationId}.${claims.from}.${claims.to}.${claims.groupBy}`;
}
