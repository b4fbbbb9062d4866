import { type FieldProblem } from '../errors';

export type DeliveryEventType = 'bounce' | 'complaint' | 'delivered' | 'deferred';
export type BounceType = 'hard' | 'soft';
/** Where a delivery event came from: our own SMTP session, a provider's webhook, or a piped DSN. */
export type DeliveryEventSource = 'smtp' | 'generic' | 'ses' | 'postmark' | 'sendgrid' | 'dsn';

/** What a provider says happened to one message at one address, in one shape whatever the source. */
export interface DeliveryReport {
  type: DeliveryEventType;
  /** For bounces: hard (the address does not exist, or refuses us for good) or soft (full, deferred). */
  bounceType: BounceType | null;
  email: string | null;
  /** Our row id, from our Message-ID or the VERP return path, when the event carries either. */
  rowId: string | null;
  /** The sending server's own id for the message (the id in its 250 reply), when the event has it. */
  queueId: string | null;
  occurredAt: Date;
  /** The provider's id for this event; null where the format has none (then the body's hash is used). */
  eventId: string | null;
  /** What the provider or the receiving server said, e.g. "550 5.1.1 user unknown". */
  detail: string | null;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

export const parsed = <T>(value: T): ParseResult<T> => ({ ok: true, value });
export const refused = (field: string, message: string): ParseResult<never> => ({
  ok: false,
  problems: [{ field, message }],
});

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * Our row id from however a message is named: the Message-ID we set (`<row id@domain>`), the VERP
 * return path (`bounces+<row id>@domain`) or the bare id. Anything else is not ours: null.
 */
export function messageRowIdOf(reference: string | null | undefined): string | null {
  const text = (reference ?? '').trim();
  const match =
    /^<?([0-9a-f-]{36})@[^\s>]+>?$/i.exec(text) ??
    /^<?bounces\+([0-9a-f-]{36})@[^\s>]+>?$/i.exec(text) ??
    /^([0-9a-f-]{36})$/i.exec(text);
  const id = match?.[1];
  return id && UUID.test(id) ? id.toLowerCase() : null;
}

/** The VERP return path of a row: every message's envelope sender, so a DSN names its row. */
export function verpAddressOf(rowId: string, domain: string): string {
  return `bounces+${rowId}@${domain}`;
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const text = (value: unknown, max = 1000): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : null;

/** A timestamp from an ISO string or Unix seconds; null when it is neither or absurd. */
export function instantOf(value: unknown): Date | null {
  const date =
    typeof value === 'number' && Number.isFinite(value)
      ? new Date(value * 1000)
      : typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)
        ? new Date(value)
        : null;
  if (!date || Number.isNaN(date.getTime())) return null;
  const year = date.getUTCFullYear();
  return year >= 2000 && year <= 2200 ? date : null;
}

const EMAIL = /^[^\s@<>]{1,200}@[^\s@<>]{1,200}$/;

export const emailOf = (value: unknown): string | null => {
  const candidate = text(value, 320)?.replace(/^<|>$/g, '') ?? null;
  return candidate && EMAIL.test(candidate) ? candidate.toLowerCase() : null;
};
