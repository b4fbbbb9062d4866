import { enhancedStatusOf } from '../messages/delivery';
import { MAX_EVENTS_PER_REQUEST } from './generic-email-event';
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

/**
 * A SendGrid event webhook POST: an array of events. `bounce` with `type: "blocked"` (or a 4.x.x
 * status) is soft, other bounces hard; `dropped` for a bounced or invalid address is hard, for a
 * spam-reporting address a complaint; `spamreport` is a complaint; `delivered` a delivery.
 * Opens, clicks, processed and deferrals carry nothing for us. `smtp-id` is our Message-ID;
 * `sg_message_id` begins with the id SendGrid gave in its 250 reply.
 */
export function parseSendGridEvents(body: unknown): ParseResult<DeliveryReport[]> {
  if (!Array.isArray(body)) return refused('body', 'must be an array of SendGrid events');
  if (body.length > MAX_EVENTS_PER_REQUEST) {
    return refused('body', `must hold at most ${MAX_EVENTS_PER_REQUEST} events`);
  }
  const reports: DeliveryReport[] = [];
  for (const [index, item] of body.entries()) {
    if (!isRecord(item)) return refused(`[${index}]`, 'must be an object');
    const event = text(item.event, 50);
    if (!event) return refused(`[${index}].event`, 'is required');
    const occurredAt = instantOf(item.timestamp);
    if (!occurredAt) return refused(`[${index}].timestamp`, 'must be Unix seconds');
    const kind = classify(event, item);
    if (!kind) continue;
    const email = emailOf(item.email);
    if (!email) return refused(`[${index}].email`, 'must be an email address');
    reports.push({
      ...kind,
      email,
      rowId: messageRowIdOf(text(item['smtp-id'], 300)),
      queueId: text(item.sg_message_id, 300)?.split('.')[0] ?? null,
      occurredAt,
      eventId: text(item.sg_event_id, 200),
      detail: text(item.reason, 500) ?? text(item.response, 500),
    });
  }
  return parsed(reports);
}

function classify(
  event: string,
  item: Record<string, unknown>,
): Pick<DeliveryReport, 'type' | 'bounceType'> | null {
  switch (event) {
    case 'bounce': {
      const soft = item.type === 'blocked' || enhancedStatusOf(text(item.status))?.startsWith('4');
      return { type: 'bounce', bounceType: soft ? 'soft' : 'hard' };
    }
    case 'dropped': {
      const reason = text(item.reason) ?? '';
      if (/spam/i.test(reason)) return { type: 'complaint', bounceType: null };
      if (/bounce|invalid/i.test(reason)) return { type: 'bounce', bounceType: 'hard' };
      return null;
    }
    case 'spamreport':
      return { type: 'complaint', bounceType: null };
    case 'delivered':
      return { type: 'delivered', bounceType: null };
    default:
      return null;
  }
}
