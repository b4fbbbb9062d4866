import {
  type DeliveryReport,
  emailOf,
  instantOf,
  isRecord,
  messageRowIdOf,
  parsed,
  type ParseResult,
  refused,
  text,
} from './delivery-report';

const TYPES = ['bounce', 'complaint', 'delivered'] as const;
const BOUNCE_TYPES = ['hard', 'soft'] as const;
/** A batch larger than this is a mistake or an attack; providers send far fewer per request. */
export const MAX_EVENTS_PER_REQUEST = 500;

/**
 * Retrowalk's own event format, for any provider or MTA an operator wires up themselves:
 * `{ "type": "bounce" | "complaint" | "delivered", "bounceType": "hard" | "soft", "email",
 * "messageId", "occurredAt", "id"? }`, one object or an array of them. `messageId` is the
 * Message-ID we set (`<row id@domain>`), the VERP address or the bare row id.
 */
export function parseGenericEvents(body: unknown): ParseResult<DeliveryReport[]> {
  const items = Array.isArray(body) ? body : [body];
  if (items.length === 0) return refused('body', 'must be an event or a non-empty array of events');
  if (items.length > MAX_EVENTS_PER_REQUEST) {
    return refused('body', `must hold at most ${MAX_EVENTS_PER_REQUEST} events`);
  }
  const reports: DeliveryReport[] = [];
  for (const [index, item] of items.entries()) {
    const at = (field: string) => (Array.isArray(body) ? `[${index}].${field}` : field);
    if (!isRecord(item)) return refused(Array.isArray(body) ? `[${index}]` : 'body', 'must be an object');
    const type = item.type;
    if (!(TYPES as readonly unknown[]).includes(type)) {
      return refused(at('type'), `must be one of ${TYPES.join(', ')}`);
    }
    const bounceType = item.bounceType;
    if (type === 'bounce' && !(BOUNCE_TYPES as readonly unknown[]).includes(bounceType)) {
      return refused(at('bounceType'), 'must be hard or soft for a bounce');
    }
    if (type !== 'bounce' && bounceType !== undefined && bounceType !== null) {
      return refused(at('bounceType'), 'is only for bounces');
    }
    const email = emailOf(item.email);
    if (!email) return refused(at('email'), 'must be an email address');
    const messageId = text(item.messageId, 300);
    if (!messageId) return refused(at('messageId'), 'must name the message (its Message-ID)');
    const occurredAt = instantOf(item.occurredAt);
    if (!occurredAt) return refused(at('occurredAt'), 'must be an ISO 8601 date-time');
    if (item.id !== undefined && text(item.id, 200) === null) {
      return refused(at('id'), 'must be a non-empty string when given');
    }
    reports.push({
      type: type as (typeof TYPES)[number],
      bounceType: type === 'bounce' ? (bounceType as (typeof BOUNCE_TYPES)[number]) : null,
      email,
      rowId: messageRowIdOf(messageId),
      queueId: null,
      occurredAt,
      eventId: text(item.id, 200),
      detail: text(item.detail, 500),
    });
  }
  return parsed(reports);
}
