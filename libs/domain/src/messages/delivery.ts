import { MESSAGE_POLICIES, type MessageKind } from './message-kind';

/**
 * Where a scheduled message is. `pending` waits for its attempt time; `queued` is claimed and handed
 * to the queue; `sending` is with a sender right now. The other five are final, each a state a person
 * can read: sent, bounced (the receiving server refused the address), suppressed (the address is on
 * the organisation's do-not-send list), cancelled (no longer wanted, with the reason) or expired (too
 * late to help, e.g. a morning reminder after a day-long outage). A transient failure never makes a
 * message final: it goes back to `pending` with a later attempt time.
 */
export type MessageStatus =
  'pending' | 'queued' | 'sending' | 'sent' | 'bounced' | 'suppressed' | 'cancelled' | 'expired';

export const UNFINISHED_STATUSES = [
  'pending',
  'queued',
  'sending',
] as const satisfies readonly MessageStatus[];
export const FINAL_STATUSES = [
  'sent',
  'bounced',
  'suppressed',
  'cancelled',
  'expired',
] as const satisfies readonly MessageStatus[];

export function isFinalStatus(status: MessageStatus): boolean {
  return (FINAL_STATUSES as readonly MessageStatus[]).includes(status);
}

/** The instant after which the message is no longer worth sending, or null if it never expires. */
export function expiresAt(kind: MessageKind, dueAt: Date): Date | null {
  const after = MESSAGE_POLICIES[kind].expiresAfterMs;
  return after === null ? null : new Date(dueAt.getTime() + after);
}

export function hasExpired(kind: MessageKind, dueAt: Date, now: Date): boolean {
  const at = expiresAt(kind, dueAt);
  return at !== null && now.getTime() > at.getTime();
}

export interface BackoffPolicy {
  /** The wait after the first spent claim. */
  baseMs: number;
  /** No wait is ever longer than this, however long the outage. */
  maxMs: number;
}

/**
 * How long a message waits in the schedule after a claim's attempts were all spent on transient
 * failures: the base, doubling with each time it came back, never more than the cap. Deterministic,
 * so the test clock can walk through it; the dispatcher's batches spread the load anyway.
 */
export function rescheduleDelayMs(timesRescheduled: number, policy: BackoffPolicy): number {
  const exponent = Math.min(Math.max(0, Math.floor(timesRescheduled)), 40);
  return Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
}

/** What nodemailer tells of a failed send (its error's own fields). */
export interface SmtpFailure {
  /** nodemailer's error code: EENVELOPE, EMESSAGE, ECONNECTION, ETIMEDOUT, ESOCKET, EAUTH... */
  code?: string;
  /** The SMTP command that failed: CONN, EHLO, MAIL FROM, RCPT TO, DATA, AUTH ... */
  command?: string;
  /** The server's reply code, when there was one. */
  responseCode?: number;
  /** The server's reply text, e.g. "550 5.1.1 <sam@example.com>: no such user". */
  response?: string;
}

export type SmtpVerdict = 'retry' | 'bounce';

const ENHANCED_STATUS = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;

/**
 * Only a refusal of the recipient itself is final (`bounce`): a 5xx answer to RCPT TO, or a 5xx whose
 * enhanced status is an addressing one (5.1.x). Everything else is retried: 4xx replies, timeouts,
 * refused or dropped connections, and also 5xx answers that are about us rather than the address
 * (AUTH, MAIL FROM, a policy refusal of the whole message), because those end when an operator
 * fixes a setting, and marking every message of an organisation bounced would lose them for good.
 */
export function classifySmtpFailure(failure: SmtpFailure): SmtpVerdict {
  const code = failure.responseCode;
  if (code === undefined || code < 500 || code > 599) return 'retry';
  const command = (failure.command ?? '').toUpperCase();
  if (command === 'RCPT TO' || failure.code === 'EENVELOPE') return 'bounce';
  const enhanced = ENHANCED_STATUS.exec(failure.response ?? '');
  if (enhanced && enhanced[1] === '5' && enhanced[2] === '1') return 'bounce';
  return 'retry';
}

/** Why a send failed for now, in a few words an alert can group by (a metric label: a closed set). */
export type FailureClass = 'smtp_4xx' | 'smtp_5xx' | 'timeout' | 'connection' | 'auth' | 'smtp_other';

const CONNECTION_CODES = new Set(['ECONNECTION', 'ESOCKET', 'ECONNREFUSED', 'ECONNRESET', 'EDNS', 'ETLS']);

/** The class of a transient SMTP failure: the server's reply code first, then nodemailer's error code. */
export function smtpFailureClassOf(failure: SmtpFailure): FailureClass {
  const code = failure.responseCode;
  if (code !== undefined && code >= 400 && code <= 499) return 'smtp_4xx';
  if (code !== undefined && code >= 500 && code <= 599) return failure.code === 'EAUTH' ? 'auth' : 'smtp_5xx';
  if (failure.code === 'ETIMEDOUT') return 'timeout';
  if (failure.code === 'EAUTH') return 'auth';
  if (failure.code !== undefined && CONNECTION_CODES.has(failure.code)) return 'connection';
  return 'smtp_other';
}

/** The enhanced status code (RFC 3463) in a reply or a DSN field, e.g. "5.1.1", or null. */
export function enhancedStatusOf(text: string | null | undefined): string | null {
  const match = ENHANCED_STATUS.exec(text ?? '');
  return match ? `${match[1]}.${match[2]}.${match[3]}` : null;
}

/**
 * The server's own id for an accepted message, from its 250 reply, so a provider's later event can
 * be matched to the row: Postfix, SendGrid and Postmark say "queued as <id>", Exim "id=<id>",
 * Amazon SES "Ok <id>", sendmail "<id> Message accepted". Null when the reply names none.
 */
export function smtpQueueIdOf(response: string | null | undefined): string | null {
  const text = response ?? '';
  const patterns = [
    /queued as\s+<?([A-Za-z0-9][A-Za-z0-9._@-]{3,200})>?/i,
    /\bid=([A-Za-z0-9][A-Za-z0-9._-]{3,200})/i,
    /^250[ -](?:\d\.\d\.\d\s+)?Ok\s+([A-Za-z0-9][A-Za-z0-9._-]{15,200})\s*$/i,
    /^250[ -](?:\d\.\d\.\d\s+)?([A-Za-z0-9]{6,64})\s+Message accepted/i,
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(text.trim());
    if (match?.[1]) return match[1];
  }
  return null;
}
