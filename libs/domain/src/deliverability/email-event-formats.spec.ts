import { parseGenericEvents } from './generic-email-event';
import {
  postmarkBounce,
  postmarkDelivery,
  postmarkSpamComplaint,
  sendGridEvents,
  sesBounceMessage,
  sesComplaintMessage,
  sesDeliveryMessage,
  snsNotification,
  snsSubscriptionConfirmation,
} from './email-event.fixtures';
import { messageRowIdOf } from './delivery-report';
import { parsePostmarkEvent } from './postmark-event';
import { parseSendGridEvents } from './sendgrid-event';
import {
  isSnsCertificateUrl,
  isSnsSubscribeUrl,
  parseSesNotification,
  parseSnsEnvelope,
  snsStringToSign,
} from './ses-notification';

const ROW = '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b';
const target = { email: 'Sam@Example.com', messageId: `<${ROW}@retrowalk.test>`, queueId: 'Q12345678' };

describe('naming our messages', () => {
  it('finds the row in our Message-ID, the VERP address or a bare id, and nothing else', () => {
    expect(messageRowIdOf(`<${ROW}@retrowalk.test>`)).toBe(ROW);
    expect(messageRowIdOf(`bounces+${ROW}@bounces.retrowalk.test`)).toBe(ROW);
    expect(messageRowIdOf(`<bounces+${ROW}@bounces.retrowalk.test>`)).toBe(ROW);
    expect(messageRowIdOf(ROW.toUpperCase())).toBe(ROW);
    for (const other of ['', 'abc', '<14c5d75ce93.dfd.64b469@ismtpd-555>', `x${ROW}`, `<${ROW}>`]) {
      expect(messageRowIdOf(other)).toBeNull();
    }
  });
});

describe('the generic format', () => {
  const event = {
    type: 'bounce',
    bounceType: 'hard',
    email: 'sam@example.com',
    messageId: target.messageId,
    occurredAt: '2027-03-01T12:00:00Z',
  };

  it('reads one event or an array of them', () => {
    const one = parseGenericEvents(event);
    expect(one).toEqual({
      ok: true,
      value: [
        expect.objectContaining({
          type: 'bounce',
          bounceType: 'hard',
          email: 'sam@example.com',
          rowId: ROW,
          eventId: null,
        }),
      ],
    });
    const many = parseGenericEvents([
      event,
      { ...event, type: 'complaint', bounceType: undefined, id: 'e-2' },
    ]);
    expect(many.ok && many.value.map((e) => [e.type, e.eventId])).toEqual([
      ['bounce', null],
      ['complaint', 'e-2'],
    ]);
  });

  it.each([
    [{ ...event, type: 'opened' }, 'type'],
    [{ ...event, bounceType: 'medium' }, 'bounceType'],
    [{ ...event, type: 'delivered' }, 'bounceType'],
    [{ ...event, email: 'not-an-address' }, 'email'],
    [{ ...event, messageId: '' }, 'messageId'],
    [{ ...event, occurredAt: 'yesterday' }, 'occurredAt'],
    [[event, { ...event, type: 1 }], '[1].type'],
    [[], 'body'],
    ['a string', 'body'],
  ])('refuses %j naming %s', (body, field) => {
    const result = parseGenericEvents(body);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]!.field).toBe(field);
  });
});

describe('Amazon SES through SNS', () => {
  it('reads a permanent bounce as hard, per recipient, with the feedback id and our row', () => {
    const result = parseSesNotification(sesBounceMessage(target), 'sns-1');
    expect(result).toEqual({
      ok: true,
      value: [
        {
          type: 'bounce',
          bounceType: 'hard',
          email: 'sam@example.com',
          rowId: ROW,
          queueId: 'Q12345678',
          occurredAt: new Date('2027-03-01T12:00:00.000Z'),
          eventId: '0100017Q12345678-feedback#0',
          detail: 'smtp; 550 5.1.1 user unknown',
        },
      ],
    });
  });

  it('reads a transient bounce as soft, a complaint and a delivery', () => {
    const transient = parseSesNotification(sesBounceMessage(target, 'Transient'), 'sns-2');
    expect(transient.ok && transient.value[0]!.bounceType).toBe('soft');
    const complaint = parseSesNotification(sesComplaintMessage(target), 'sns-3');
    expect(complaint.ok && complaint.value[0]).toMatchObject({
      type: 'complaint',
      rowId: ROW,
      email: 'sam@example.com',
    });
    const delivery = parseSesNotification(sesDeliveryMessage(target), 'sns-4');
    expect(delivery.ok && delivery.value[0]).toMatchObject({ type: 'delivered', eventId: 'sns-4#0' });
    expect(parseSesNotification(JSON.stringify({ eventType: 'Open', mail: {} }), 'sns-5')).toEqual({
      ok: true,
      value: [],
    });
  });

  it('refuses a notification that is not SES JSON, naming the field', () => {
    expect(parseSesNotification('not json', 's')).toMatchObject({
      ok: false,
      problems: [{ field: 'Message' }],
    });
    expect(parseSesNotification('{"notificationType":"Bounce","mail":{}}', 's')).toMatchObject({
      ok: false,
      problems: [{ field: 'Message.bounce' }],
    });
  });

  it('reads the envelope and builds the string SNS signs, in its documented order', () => {
    const envelope = parseSnsEnvelope(
      snsNotification('hello', { Subject: 'Amazon SES Email Event Notification' }),
    );
    expect(envelope.ok).toBe(true);
    expect(envelope.ok && snsStringToSign(envelope.value)).toBe(
      'Message\nhello\nMessageId\n22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324\nSubject\nAmazon SES Email Event Notification\n' +
        'Timestamp\n2027-03-01T12:00:01.000Z\nTopicArn\narn:aws:sns:eu-west-1:123456789012:retrowalk-ses-events\n' +
        'Type\nNotification\n',
    );
    const confirmation = parseSnsEnvelope(snsSubscriptionConfirmation());
    const signedText = confirmation.ok ? snsStringToSign(confirmation.value) : '';
    const positions = ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'].map(
      (name) => signedText.search(new RegExp(`(^|\\n)${name}\\n`)),
    );
    expect(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]!))).toBe(true);
    expect(parseSnsEnvelope({ ...snsNotification('x'), Type: 'Other' })).toMatchObject({
      ok: false,
      problems: [{ field: 'Type' }],
    });
    expect(parseSnsEnvelope({ ...snsNotification('x'), SignatureVersion: '3' })).toMatchObject({
      ok: false,
      problems: [{ field: 'SignatureVersion' }],
    });
  });

  it('trusts certificates and subscription links only on SNS hosts over https', () => {
    expect(isSnsCertificateUrl('https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc.pem')).toBe(
      true,
    );
    expect(
      isSnsCertificateUrl('https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-abc.pem'),
    ).toBe(true);
    for (const url of [
      'http://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc.pem',
      'https://sns.eu-west-1.amazonaws.com.evil.test/x.pem',
      'https://evil.test/sns.eu-west-1.amazonaws.com/x.pem',
      'https://sns.eu-west-1.amazonaws.com:8443/x.pem',
      'https://user@sns.eu-west-1.amazonaws.com/x.pem',
      'https://s3.amazonaws.com/x.pem',
      'https://sns.eu-west-1.amazonaws.com/x.txt',
      'not a url',
    ]) {
      expect({ url, trusted: isSnsCertificateUrl(url) }).toEqual({ url, trusted: false });
    }
    expect(isSnsSubscribeUrl(snsSubscriptionConfirmation().SubscribeURL!)).toBe(true);
    expect(isSnsSubscribeUrl('https://evil.test/?Action=ConfirmSubscription')).toBe(false);
  });
});

describe('Postmark', () => {
  it('reads a hard bounce, a soft bounce, a spam complaint and a delivery', () => {
    expect(parsePostmarkEvent(postmarkBounce(target))).toEqual({
      ok: true,
      value: [
        {
          type: 'bounce',
          bounceType: 'hard',
          email: 'sam@example.com',
          rowId: null,
          queueId: 'Q12345678',
          occurredAt: new Date('2027-03-01T12:00:00.000Z'),
          eventId: '692560173',
          detail: 'smtp;550 5.1.1 The email account that you tried to reach does not exist.',
        },
      ],
    });
    const softBounce = parsePostmarkEvent(postmarkBounce(target, 'SoftBounce'));
    expect(softBounce.ok && softBounce.value[0]!.bounceType).toBe('soft');
    const complaint = parsePostmarkEvent(postmarkSpamComplaint(target));
    expect(complaint.ok && complaint.value[0]).toMatchObject({
      type: 'complaint',
      bounceType: null,
      eventId: '42',
    });
    const delivery = parsePostmarkEvent(postmarkDelivery(target));
    expect(delivery.ok && delivery.value[0]).toMatchObject({ type: 'delivered', queueId: 'Q12345678' });
  });

  it('ignores bounce types that are not delivery failures, and names a missing field', () => {
    expect(parsePostmarkEvent(postmarkBounce(target, 'AutoResponder'))).toEqual({ ok: true, value: [] });
    expect(parsePostmarkEvent({ ...postmarkBounce(target), BouncedAt: 'soon' })).toMatchObject({
      ok: false,
      problems: [{ field: 'BouncedAt' }],
    });
    expect(parsePostmarkEvent([])).toMatchObject({ ok: false, problems: [{ field: 'body' }] });
  });
});

describe('SendGrid', () => {
  it('reads bounces (blocked is soft), spam reports and deliveries, and skips opens', () => {
    const result = parseSendGridEvents(
      sendGridEvents(target, ['bounce', 'blocked', 'spamreport', 'delivered', 'open']),
    );
    expect(result.ok && result.value.map((e) => [e.type, e.bounceType, e.rowId, e.queueId])).toEqual([
      ['bounce', 'hard', ROW, 'Q12345678'],
      ['bounce', 'soft', ROW, 'Q12345678'],
      ['complaint', null, ROW, 'Q12345678'],
      ['delivered', null, ROW, 'Q12345678'],
    ]);
    expect(result.ok && result.value[0]!.eventId).toBe('sg-event-0-Q12345678');
  });

  it('names the field of a malformed event', () => {
    expect(parseSendGridEvents({})).toMatchObject({ ok: false, problems: [{ field: 'body' }] });
    const [first] = sendGridEvents(target, ['bounce']);
    expect(parseSendGridEvents([{ ...first, timestamp: 'noon' }])).toMatchObject({
      ok: false,
      problems: [{ field: '[0].timestamp' }],
    });
  });
});
