import {
  type BounceType,
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
 * Postmark bounce `Type`s that say the address cannot take mail (hard) or could not this time
 * (soft). Other types (AutoResponder, Subscribe, OpenRelayTest, ...) are not delivery failures.
 */
const POSTMARK_BOUNCES: Record<string, BounceType> = {
  HardBounce: 'hard',
  BadEmailAddress: 'hard',
  ManuallyDeactivated: 'hard',
  Blocked: 'hard',
  SoftBounce: 'soft',
  Transient: 'soft',
  DnsError: 'soft',
  Undeliverable: 'soft',
};

/**
 * A Postmark webhook (one record per request): `RecordType` Bounce, SpamComplaint or Delivery.
 * Postmark's `MessageID` is its own id, which its SMTP server also gives in the 250 reply, so it
 * is matched as the queue id; our Message-ID is read from `Metadata` or the bounce's headers.
 */
export function parsePostmarkEvent(body: unknown): ParseResult<DeliveryReport[]> {
  if (!isRecord(body)) return refused('body', 'must be a Postmark webhook (a JSON object)');
  const recordType = body.RecordType;
  if (typeof recordType !== 'string') return refused('RecordType', 'is required');
  const queueId = text(body.MessageID, 200);
  const metadata = isRecord(body.Metadata) ? body.Metadata : {};
  const rowId = messageRowIdOf(text(metadata['retrowalk-message-id'], 300));
  const eventId =
    typeof body.ID === 'number' || typeof body.ID === 'string' ? text(String(body.ID), 200) : null;
  switch (recordType) {
    case 'Bounce':
    case 'SpamComplaint': {
      const type = text(body.Type, 100);
      if (!type) return refused('Type', 'is required');
      const occurredAt = instantOf(body.BouncedAt);
      if (!occurredAt) return refused('BouncedAt', 'must be an ISO 8601 date-time');
      const email = emailOf(body.Email);
      if (!email) return refused('Email', 'must be an email address');
      const complaint = recordType === 'SpamComplaint' || type === 'SpamComplaint';
      const bounceType = POSTMARK_BOUNCES[type];
      if (!complaint && !bounceType) return parsed([]);
      return parsed([
        {
          type: complaint ? 'complaint' : 'bounce',
          bounceType: complaint ? null : bounceType!,
          email,
          rowId,
          queueId,
          occurredAt,
          eventId,
          detail: text(body.Details, 500) ?? text(body.Description, 500),
        },
      ]);
    }
    case 'Delivery': {
      const occurredAt = instantOf(body.DeliveredAt);
      if (!occurredAt) return refused('DeliveredAt', 'must be an ISO 8601 date-time');
      return parsed([
        {
          type: 'delivered',
          bounceType: null,
          email: emailOf(body.Recipient),
          rowId,
          queueId,
          occurredAt,
          eventId: eventId ?? (queueId ? `delivery:${queueId}` : null),
          detail: text(body.Details, 500),
        },
      ]);
    }
    default:
      return parsed([]);
  }
}
