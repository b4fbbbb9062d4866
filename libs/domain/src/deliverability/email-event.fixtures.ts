/**
 * Webhook bodies as each provider sends them (shapes and field values from their documentation),
 * with the address, our Message-ID and the provider's ids filled in, for the parsers' unit tests
 * and the HTTP integration tests alike.
 */
export interface SampleTarget {
  email: string;
  /** Our Message-ID header, `<row id@domain>`. */
  messageId: string;
  /** The id the provider gave in its 250 reply. */
  queueId?: string;
  at?: string;
}

export function sesBounceMessage(t: SampleTarget, bounceType = 'Permanent'): string {
  const at = t.at ?? '2027-03-01T12:00:00.000Z';
  return JSON.stringify({
    notificationType: 'Bounce',
    bounce: {
      feedbackId: `0100017${t.queueId ?? 'x'}-feedback`,
      bounceType,
      bounceSubType: bounceType === 'Permanent' ? 'General' : 'MailboxFull',
      bouncedRecipients: [
        {
          emailAddress: t.email,
          action: 'failed',
          status: bounceType === 'Permanent' ? '5.1.1' : '4.2.2',
          diagnosticCode: `smtp; ${bounceType === 'Permanent' ? '550 5.1.1' : '452 4.2.2'} user unknown`,
        },
      ],
      timestamp: at,
      remoteMtaIp: '127.0.2.0',
      reportingMTA: 'dsn; a8-70.smtp-out.amazonses.com',
    },
    mail: {
      timestamp: at,
      source: 'coach@retrowalk.test',
      sourceArn: 'arn:aws:ses:eu-west-1:123456789012:identity/retrowalk.test',
      sendingAccountId: '123456789012',
      messageId: t.queueId ?? '0100017f00000000-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee-000000',
      destination: [t.email],
      headersTruncated: false,
      headers: [
        { name: 'From', value: 'coach@retrowalk.test' },
        { name: 'To', value: t.email },
        { name: 'Message-ID', value: t.messageId },
      ],
      commonHeaders: { from: ['coach@retrowalk.test'], to: [t.email], messageId: t.messageId },
    },
  });
}

export function sesComplaintMessage(t: SampleTarget): string {
  const at = t.at ?? '2027-03-01T12:00:00.000Z';
  return JSON.stringify({
    notificationType: 'Complaint',
    complaint: {
      userAgent: 'ExampleCorp Feedback Loop (V0.01)',
      complainedRecipients: [{ emailAddress: t.email }],
      complaintFeedbackType: 'abuse',
      arrivalDate: at,
      timestamp: at,
      feedbackId: `complaint-${t.queueId ?? 'x'}`,
    },
    mail: {
      timestamp: at,
      messageId: t.queueId ?? '0100017f00000000-complaint-000000',
      source: 'coach@retrowalk.test',
      destination: [t.email],
      commonHeaders: { messageId: t.messageId },
    },
  });
}

export function sesDeliveryMessage(t: SampleTarget): string {
  const at = t.at ?? '2027-03-01T12:00:00.000Z';
  return JSON.stringify({
    eventType: 'Delivery',
    mail: {
      timestamp: at,
      messageId: t.queueId ?? 'q',
      destination: [t.email],
      commonHeaders: { messageId: t.messageId },
    },
    delivery: {
      timestamp: at,
      processingTimeMillis: 546,
      recipients: [t.email],
      smtpResponse: '250 ok:  Message 64111812 accepted',
      reportingMTA: 'a8-70.smtp-out.amazonses.com',
    },
  });
}

/** An SNS envelope around `message`, unsigned (the test signs it with its own key). */
export function snsNotification(
  message: string,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    Type: 'Notification',
    MessageId: overrides.MessageId ?? '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
    TopicArn: 'arn:aws:sns:eu-west-1:123456789012:retrowalk-ses-events',
    Message: message,
    Timestamp: '2027-03-01T12:00:01.000Z',
    SignatureVersion: '2',
    Signature: '',
    SigningCertURL:
      'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem',
    UnsubscribeURL:
      'https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:eu-west-1:123456789012:retrowalk-ses-events:1',
    ...overrides,
  };
}

export function snsSubscriptionConfirmation(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    Type: 'SubscriptionConfirmation',
    MessageId: '165545c9-2a5c-472c-8df2-7ff2be2b3b1b',
    Token:
      '2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3beb71854e285d6ad02428b09ceece29417f1f02d609c582afbacc99c583a916b9981dd2728f4ae6fdb82efd087cc3b7849e05798d2d2785c03b0879594eeac82c01f235d0e717736',
    TopicArn: 'arn:aws:sns:eu-west-1:123456789012:retrowalk-ses-events',
    Message:
      'You have chosen to subscribe to the topic arn:aws:sns:eu-west-1:123456789012:retrowalk-ses-events.\nTo confirm the subscription, visit the SubscribeURL included in this message.',
    SubscribeURL:
      'https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:eu-west-1:123456789012:retrowalk-ses-events&Token=2336412f37',
    Timestamp: '2027-03-01T12:00:00.000Z',
    SignatureVersion: '2',
    Signature: '',
    SigningCertURL:
      'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem',
    ...overrides,
  };
}

export function postmarkBounce(t: SampleTarget, type = 'HardBounce'): Record<string, unknown> {
  return {
    RecordType: 'Bounce',
    MessageStream: 'outbound',
    ID: 692560173,
    Type: type,
    TypeCode: type === 'HardBounce' ? 1 : 4096,
    Name: type === 'HardBounce' ? 'Hard bounce' : 'Soft bounce',
    Tag: 'reminder',
    MessageID: t.queueId ?? '883953f4-6105-42a2-a16a-77a8eac79483',
    Metadata: {},
    ServerID: 23,
    Description: 'The server was unable to deliver your message (ex: unknown user, mailbox not found).',
    Details: 'smtp;550 5.1.1 The email account that you tried to reach does not exist.',
    Email: t.email,
    From: 'coach@retrowalk.test',
    BouncedAt: t.at ?? '2027-03-01T12:00:00.000Z',
    DumpAvailable: true,
    Inactive: true,
    CanActivate: true,
    Subject: 'Your walk today',
    Content: null,
  };
}

export function postmarkSpamComplaint(t: SampleTarget): Record<string, unknown> {
  return {
    ...postmarkBounce(t),
    RecordType: 'SpamComplaint',
    ID: 42,
    Type: 'SpamComplaint',
    TypeCode: 512,
    Name: 'Spam complaint',
    Description: 'The subscriber explicitly marked this message as spam.',
    Details: 'Test spam complaint details',
  };
}

export function postmarkDelivery(t: SampleTarget): Record<string, unknown> {
  return {
    RecordType: 'Delivery',
    ServerID: 23,
    MessageStream: 'outbound',
    MessageID: t.queueId ?? '883953f4-6105-42a2-a16a-77a8eac79483',
    Recipient: t.email,
    Tag: 'reminder',
    DeliveredAt: t.at ?? '2027-03-01T12:00:00.000Z',
    Details: 'Test delivery webhook details',
    Metadata: {},
  };
}

export function sendGridEvents(
  t: SampleTarget,
  events: ('bounce' | 'blocked' | 'spamreport' | 'delivered' | 'open')[],
): Record<string, unknown>[] {
  const timestamp = Math.floor(Date.parse(t.at ?? '2027-03-01T12:00:00.000Z') / 1000);
  return events.map((event, n) => ({
    email: t.email,
    timestamp,
    'smtp-id': t.messageId,
    event: event === 'blocked' ? 'bounce' : event,
    category: ['reminder'],
    sg_event_id: `sg-event-${n}-${t.queueId ?? 'x'}`,
    sg_message_id: `${t.queueId ?? '14c5d75ce93.dfd.64b469'}.filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0`,
    ...(event === 'bounce'
      ? { reason: '550 5.1.1 The email account does not exist.', status: '5.1.1', type: 'bounce' }
      : {}),
    ...(event === 'blocked' ? { reason: '452 4.2.2 Mailbox full', status: '4.2.2', type: 'blocked' } : {}),
    ...(event === 'delivered' ? { response: '250 OK' } : {}),
  }));
}

/** A Postfix bounce as its `bounce` daemon writes it, to the VERP return path. */
export function postfixDsn(
  t: SampleTarget & { returnPath: string; headersDropped?: boolean },
  status = '5.1.1',
): string {
  const returned = t.headersDropped
    ? ''
    : `--B0UND.ARY
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

Return-Path: <${t.returnPath}>
Received: by mail.retrowalk.test (Postfix, from userid 0) id 4F1B2C3D4E
Message-ID: ${t.messageId}
From: "Acme Physio" <coach@retrowalk.test>
To: ${t.email}
Subject: Your walk today

`;
  return `Return-Path: <>
Delivered-To: ${t.returnPath}
Received: by mail.retrowalk.test (Postfix) id 9A8B7C6D5E
Date: Mon,  1 Mar 2027 12:00:05 +0000 (UTC)
From: MAILER-DAEMON@mail.retrowalk.test (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: ${t.returnPath}
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="B0UND.ARY"
Message-Id: <20270301120005.9A8B7C6D5E@mail.retrowalk.test>

This is a MIME-encapsulated message.

--B0UND.ARY
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mail.retrowalk.test.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

--B0UND.ARY
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.retrowalk.test
X-Postfix-Queue-ID: 4F1B2C3D4E
X-Postfix-Sender: rfc822; ${t.returnPath}
Arrival-Date: Mon,  1 Mar 2027 12:00:01 +0000 (UTC)

Final-Recipient: rfc822; ${t.email}
Original-Recipient: rfc822;${t.email}
Action: ${status.startsWith('4') ? 'delayed' : 'failed'}
Status: ${status}
Remote-MTA: dns; mx.example.com
Diagnostic-Code: smtp; 550 ${status} <${t.email}>: Recipient address rejected: User unknown

${returned}--B0UND.ARY--
`;
}
