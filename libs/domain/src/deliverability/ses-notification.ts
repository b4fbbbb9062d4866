import { enhancedStatusOf } from '../messages/delivery';
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

/** The SNS envelope every Amazon SES notification arrives in (HTTP/S subscription). */
export interface SnsEnvelope {
  type: 'Notification' | 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';
  messageId: string;
  topicArn: string;
  subject: string | null;
  message: string;
  timestamp: string;
  signatureVersion: '1' | '2';
  signature: string;
  signingCertUrl: string;
  subscribeUrl: string | null;
  token: string | null;
}

const SNS_TYPES = ['Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation'] as const;

export function parseSnsEnvelope(body: unknown): ParseResult<SnsEnvelope> {
  if (!isRecord(body)) return refused('body', 'must be an SNS message (a JSON object)');
  const type = body.Type;
  if (!(SNS_TYPES as readonly unknown[]).includes(type)) {
    return refused('Type', `must be one of ${SNS_TYPES.join(', ')}`);
  }
  const need = (field: string): string | null =>
    typeof body[field] === 'string' ? String(body[field]) : null;
  for (const field of ['MessageId', 'TopicArn', 'Message', 'Timestamp', 'Signature', 'SigningCertURL']) {
    if (need(field) === null) return refused(field, 'is required');
  }
  const version = body.SignatureVersion;
  if (version !== '1' && version !== '2') return refused('SignatureVersion', 'must be "1" or "2"');
  if (type !== 'Notification' && (need('SubscribeURL') === null || need('Token') === null)) {
    return refused(need('SubscribeURL') === null ? 'SubscribeURL' : 'Token', 'is required');
  }
  return parsed({
    type: type as SnsEnvelope['type'],
    messageId: need('MessageId')!,
    topicArn: need('TopicArn')!,
    subject: need('Subject'),
    message: need('Message')!,
    timestamp: need('Timestamp')!,
    signatureVersion: version,
    signature: need('Signature')!,
    signingCertUrl: need('SigningCertURL')!,
    subscribeUrl: need('SubscribeURL'),
    token: need('Token'),
  });
}

/**
 * The text SNS signs (AWS "Verifying the signatures of Amazon SNS messages"): the listed fields
 * that are present, each as `name\nvalue\n`, in this order.
 */
export function snsStringToSign(envelope: SnsEnvelope): string {
  const fields: [string, string | null][] =
    envelope.type === 'Notification'
      ? [
          ['Message', envelope.message],
          ['MessageId', envelope.messageId],
          ['Subject', envelope.subject],
          ['Timestamp', envelope.timestamp],
          ['TopicArn', envelope.topicArn],
          ['Type', envelope.type],
        ]
      : [
          ['Message', envelope.message],
          ['MessageId', envelope.messageId],
          ['SubscribeURL', envelope.subscribeUrl],
          ['Timestamp', envelope.timestamp],
          ['Token', envelope.token],
          ['TopicArn', envelope.topicArn],
          ['Type', envelope.type],
        ];
  return fields
    .filter((f): f is [string, string] => f[1] !== null)
    .map(([name, value]) => `${name}\n${value}\n`)
    .join('');
}

/**
 * Only certificates SNS itself serves are trusted: https, a host `sns.<region>.amazonaws.com`
 * (or `.amazonaws.com.cn`), a `.pem` path. Anything else could be a key of the sender's choosing.
 */
export function isSnsCertificateUrl(url: string): boolean {
  try {
    const parsedUrl = new URL(url);
    return (
      parsedUrl.protocol === 'https:' &&
      parsedUrl.port === '' &&
      parsedUrl.username === '' &&
      /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(parsedUrl.hostname) &&
      /^\/[A-Za-z0-9._/-]+\.pem$/.test(parsedUrl.pathname)
    );
  } catch {
    return false;
  }
}

/** A subscription is confirmed by visiting its URL; only an SNS one is ever visited. */
export function isSnsSubscribeUrl(url: string): boolean {
  try {
    const parsedUrl = new URL(url);
    return (
      parsedUrl.protocol === 'https:' &&
      parsedUrl.port === '' &&
      /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(parsedUrl.hostname) &&
      parsedUrl.searchParams.get('Action') === 'ConfirmSubscription'
    );
  } catch {
    return false;
  }
}

/**
 * The delivery events inside an SES notification (SNS `Message`): bounces (Permanent is hard;
 * Transient and Undetermined soft), complaints and deliveries, per recipient. Both SES
 * notification styles are read: `notificationType` (identity notifications) and `eventType`
 * (configuration-set event publishing). Other types (Send, Open, ...) carry no event for us.
 */
export function parseSesNotification(message: string, snsMessageId: string): ParseResult<DeliveryReport[]> {
  let body: unknown;
  try {
    body = JSON.parse(message);
  } catch {
    return refused('Message', 'must be the JSON of an SES notification');
  }
  if (!isRecord(body)) return refused('Message', 'must be the JSON of an SES notification');
  const kind = body.notificationType ?? body.eventType;
  if (typeof kind !== 'string') return refused('Message.notificationType', 'is required');
  const mail = isRecord(body.mail) ? body.mail : null;
  if (!mail) return refused('Message.mail', 'is required');
  const queueId = text(mail.messageId, 200);
  const rowId = messageRowIdOf(headerOf(mail, 'message-id')) ?? messageRowIdOf(commonMessageId(mail));
  const base = { rowId, queueId };
  switch (kind) {
    case 'Bounce': {
      const bounce = isRecord(body.bounce) ? body.bounce : null;
      if (!bounce) return refused('Message.bounce', 'is required for a Bounce');
      const recipients = Array.isArray(bounce.bouncedRecipients) ? bounce.bouncedRecipients : null;
      if (!recipients) return refused('Message.bounce.bouncedRecipients', 'must be an array');
      const occurredAt = instantOf(bounce.timestamp);
      if (!occurredAt) return refused('Message.bounce.timestamp', 'must be an ISO 8601 date-time');
      const permanent = bounce.bounceType === 'Permanent';
      return parsed(
        recipients.filter(isRecord).map((r, n) => ({
          ...base,
          type: 'bounce' as const,
          bounceType: permanent && !isMailboxFull(r) ? ('hard' as const) : ('soft' as const),
          email: emailOf(r.emailAddress),
          occurredAt,
          eventId: `${text(bounce.feedbackId, 200) ?? snsMessageId}#${n}`,
          detail: text(r.diagnosticCode, 500) ?? text(bounce.bounceSubType, 100),
        })),
      );
    }
    case 'Complaint': {
      const complaint = isRecord(body.complaint) ? body.complaint : null;
      if (!complaint) return refused('Message.complaint', 'is required for a Complaint');
      const recipients = Array.isArray(complaint.complainedRecipients)
        ? complaint.complainedRecipients
        : null;
      if (!recipients) return refused('Message.complaint.complainedRecipients', 'must be an array');
      const occurredAt = instantOf(complaint.timestamp);
      if (!occurredAt) return refused('Message.complaint.timestamp', 'must be an ISO 8601 date-time');
      return parsed(
        recipients.filter(isRecord).map((r, n) => ({
          ...base,
          type: 'complaint' as const,
          bounceType: null,
          email: emailOf(r.emailAddress),
          occurredAt,
          eventId: `${text(complaint.feedbackId, 200) ?? snsMessageId}#${n}`,
          detail: text(complaint.complaintFeedbackType, 100),
        })),
      );
    }
    case 'Delivery': {
      const delivery = isRecord(body.delivery) ? body.delivery : null;
      if (!delivery) return refused('Message.delivery', 'is required for a Delivery');
      const occurredAt = instantOf(delivery.timestamp);
      if (!occurredAt) return refused('Message.delivery.timestamp', 'must be an ISO 8601 date-time');
      const recipients = Array.isArray(delivery.recipients) ? delivery.recipients : [];
      return parsed(
        recipients.map((r, n) => ({
          ...base,
          type: 'delivered' as const,
          bounceType: null,
          email: emailOf(r),
          occurredAt,
          eventId: `${snsMessageId}#${n}`,
          detail: text(delivery.smtpResponse, 500),
        })),
      );
    }
    default:
      return parsed([]);
  }
}

function isMailboxFull(recipient: Record<string, unknown>): boolean {
  return enhancedStatusOf(text(recipient.status) ?? text(recipient.diagnosticCode)) === '5.2.2';
}

function headerOf(mail: Record<string, unknown>, name: string): string | null {
  if (!Array.isArray(mail.headers)) return null;
  const header = mail.headers.find(
    (h): h is Record<string, unknown> => isRecord(h) && String(h.name).toLowerCase() === name,
  );
  return header ? text(header.value, 300) : null;
}

function commonMessageId(mail: Record<string, unknown>): string | null {
  return isRecord(mail.commonHeaders) ? text(mail.commonHeaders.messageId, 300) : null;
}
