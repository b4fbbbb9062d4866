import { enhancedStatusOf } from '../messages/delivery';
import {
  type DeliveryReport,
  emailOf,
  messageRowIdOf,
  parsed,
  type ParseResult,
  refused,
} from './delivery-report';
import {
  contentTypeOf,
  decodedBody,
  header,
  type MimeEntity,
  multipartParts,
  parseHeaderBlock,
  splitEntity,
} from './mime-parts';

/** Headers of the DSN itself that may carry the VERP address it was sent back to. */
const ENVELOPE_HEADERS = ['to', 'x-original-to', 'delivered-to', 'envelope-to', 'x-envelope-to'];

/**
 * Reads an RFC 3464 delivery status notification: the whole bounce email (`message/rfc822`, as an
 * MTA pipes it) or its `multipart/report` body with the HTTP Content-Type naming the boundary.
 * Each recipient block becomes an event: `failed` a bounce (5.x.x hard, except 5.2.2 mailbox full;
 * 4.x.x soft), `delayed` a deferral, `delivered`/`relayed`/`expanded` a delivery. The row is found
 * by the VERP address the DSN came back to (it survives a returned message without headers), else
 * by the returned message's Return-Path or Message-ID.
 */
export function parseDeliveryStatusNotification(
  raw: string,
  httpContentType: string,
  receivedAt: Date,
): ParseResult<DeliveryReport[]> {
  const asEntity =
    contentTypeOf(httpContentType).type === 'multipart/report'
      ? { headers: new Map([['content-type', [httpContentType]]]), body: raw }
      : splitEntity(raw);
  const report = findReport(asEntity, 0);
  if (!report) {
    return refused('body', 'must be a multipart/report with report-type=delivery-status (RFC 3464)');
  }
  const statusPart = report.parts.find(
    (p) => contentTypeOf(header(p, 'content-type')).type === 'message/delivery-status',
  );
  if (!statusPart) return refused('body', 'has no message/delivery-status part');
  const groups = decodedBody(statusPart)
    .split(/\r?\n[ \t]*\r?\n/)
    .map((block) => parseHeaderBlock(block.trim()))
    .filter((fields) => fields.size > 0);
  const perMessage = groups[0];
  const recipients = groups
    .slice(1)
    .filter((fields) => fields.has('final-recipient') || fields.has('action'));
  if (!perMessage || recipients.length === 0) {
    return refused('body', 'names no recipient (Final-Recipient, Action and Status per RFC 3464)');
  }
  const returned = report.parts.find((p) =>
    ['message/rfc822', 'text/rfc822-headers', 'message/rfc822-headers'].includes(
      contentTypeOf(header(p, 'content-type')).type,
    ),
  );
  const returnedHeaders = returned ? splitEntity(returned.body) : null;
  const rowId =
    ENVELOPE_HEADERS.flatMap((name) => report.outer.headers.get(name) ?? [])
      .map((value) => messageRowIdOf(addressIn(value)))
      .find((id) => id !== null) ??
    messageRowIdOf(addressIn(returnedHeaders ? header(returnedHeaders, 'return-path') : null)) ??
    messageRowIdOf(returnedHeaders ? header(returnedHeaders, 'message-id') : null);
  const arrival = perMessage.get('arrival-date')?.[0];
  const arrivedAt = arrival && !Number.isNaN(Date.parse(arrival)) ? new Date(arrival) : receivedAt;

  const events: DeliveryReport[] = [];
  for (const fields of recipients) {
    const action = (fields.get('action')?.[0] ?? '').toLowerCase();
    const status = enhancedStatusOf(fields.get('status')?.[0]);
    const recipient = (fields.get('final-recipient')?.[0] ?? fields.get('original-recipient')?.[0] ?? '')
      .replace(/^[^;]*;/, '')
      .trim();
    const detail =
      fields
        .get('diagnostic-code')?.[0]
        ?.replace(/^smtp;\s*/i, '')
        .slice(0, 500) ?? status;
    const base = {
      email: emailOf(recipient),
      rowId,
      queueId: null,
      occurredAt: arrivedAt,
      eventId: null,
      detail,
    };
    if (action === 'failed') {
      const soft = status === null || status.startsWith('4') || status === '5.2.2';
      events.push({ ...base, type: 'bounce', bounceType: soft ? 'soft' : 'hard' });
    } else if (action === 'delayed') {
      events.push({ ...base, type: 'deferred', bounceType: null });
    } else if (['delivered', 'relayed', 'expanded'].includes(action)) {
      events.push({ ...base, type: 'delivered', bounceType: null });
    } else {
      return refused('Action', 'must be failed, delayed, delivered, relayed or expanded');
    }
  }
  return parsed(events);
}

function findReport(entity: MimeEntity, depth: number): { outer: MimeEntity; parts: MimeEntity[] } | null {
  if (depth > 3) return null;
  const type = contentTypeOf(header(entity, 'content-type'));
  if (!type.type.startsWith('multipart/')) return null;
  const parts = multipartParts(entity.body, type.params.get('boundary'));
  if (
    type.type === 'multipart/report' &&
    (type.params.get('report-type') ?? '').toLowerCase() === 'delivery-status'
  ) {
    return { outer: entity, parts };
  }
  for (const part of parts) {
    const inner = findReport(part, depth + 1);
    if (inner) return { outer: entity, parts: inner.parts };
  }
  return null;
}

function addressIn(value: string | null): string | null {
  if (!value) return null;
  return /<([^<>]+)>/.exec(value)?.[1] ?? value.trim();
}
