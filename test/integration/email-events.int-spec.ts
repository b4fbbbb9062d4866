import { createPrivateKey, createPublicKey, createSign, sign } from 'node:crypto';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSnsEnvelope, retrowalkSignature, snsStringToSign } from '@retrowalk/domain';
import { enrollmentBody, type HttpResult, linkIn, RetrowalkHarness, SmtpSink } from '@retrowalk/testing';
import { Client } from 'pg';
import {
  postfixDsn,
  postmarkBounce,
  postmarkSpamComplaint,
  sendGridEvents,
  sesBounceMessage,
  snsNotification,
  snsSubscriptionConfirmation,
} from '../../libs/domain/src/deliverability/email-event.fixtures';

const FIXTURES = join(__dirname, '../../libs/domain/src/deliverability/fixtures');
const SECRET = 'integration-email-events-secret-0123456789';
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:retrowalk-ses-events';
const NOW = '2027-03-01T12:00:00.000Z';
const snsKey = createPrivateKey(readFileSync(join(FIXTURES, 'sns-signing.key.pem'), 'utf8'));
const snsCertificate = readFileSync(join(FIXTURES, 'sns-signing.cert.pem'), 'utf8');
const sendGridKey = createPrivateKey(readFileSync(join(FIXTURES, 'sendgrid-ecdsa.key.pem'), 'utf8'));
const sendGridPublic = createPublicKey(sendGridKey)
  .export({ type: 'spki', format: 'der' })
  .toString('base64');

/**
 * POST /v1/email-events in every format and /v1/email-events/dsn, through HTTP against the real
 * api: authentication first (401), then the body (400 naming the field), then the message it names,
 * in its own organisation only. SNS is reached through `fetch`; the test answers for the two SNS
 * URLs (certificate and subscription) with a locally made certificate, and counts the calls.
 */
describe('POST /v1/email-events and /v1/email-events/dsn', () => {
  let smtp: SmtpSink;
  let rw: RetrowalkHarness;
  let db: Client;
  let a: { apiKey: string; organizationId: string };
  let b: { apiKey: string; organizationId: string };
  const snsCalls: string[] = [];
  const realFetch = globalThis.fetch;

  beforeAll(async () => {
    globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (!url.startsWith('https://sns.')) return realFetch(input, init);
      snsCalls.push(url);
      return new Response(url.endsWith('.pem') ? snsCertificate : '<ConfirmSubscriptionResponse/>', {
        status: 200,
      });
    };
    smtp = await new SmtpSink().start();
    rw = await RetrowalkHarness.start({
      smtpUrl: smtp.url,
      env: {
        EMAIL_EVENTS_SECRET: SECRET,
        SES_SNS_TOPIC_ARNS: TOPIC,
        POSTMARK_WEBHOOK_PASSWORD: 'postmark-webhook-password',
        SENDGRID_WEBHOOK_PUBLIC_KEY: sendGridPublic,
      },
    });
    a = await rw.createOrganization('Events Physio', 'coach@events-a.test');
    b = await rw.createOrganization('Other Clinic', 'coach@events-b.test');
    await rw.advanceClock(a.apiKey, NOW);
    db = new Client({ connectionString: rw.database.url });
    await db.connect();
  });

  afterAll(async () => {
    globalThis.fetch = realFetch;
    await db.end();
    await rw.close();
    await smtp.stop();
  });

  /** Enrols `email` in an organisation and waits for its confirmation: the message events name. */
  async function sentConfirm(org: { apiKey: string }, email: string) {
    const res = await rw.request<{ id: string }>('POST', '/v1/enrollments', {
      apiKey: org.apiKey,
      body: enrollmentBody({ email }),
    });
    expect(res.status).toBe(201);
    await smtp.waitFor(() =>
      smtp.received.some((m) => m.to === email && m.kind === 'confirm' && m.messageId !== ''),
    );
    const mail = smtp.received.filter((m) => m.to === email && m.kind === 'confirm').at(-1)!;
    // The row is marked sent (with the queue id) just after the listener took it.
    for (let i = 0; i < 50; i++) {
      const row = await db.query(`SELECT smtp_queue_id FROM messages WHERE smtp_message_id = $1`, [
        mail.messageId,
      ]);
      if (row.rows[0]?.smtp_queue_id) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    return { enrollmentId: res.body.id, messageId: mail.messageId, queueId: mail.queueId, email };
  }

  const post = (path: string, body: string, headers: Record<string, string>) =>
    rw.request<Record<string, unknown>>('POST', path, { rawBody: body, headers });

  const signedGeneric = (body: unknown, path = '/v1/email-events') => {
    const raw = JSON.stringify(body);
    return post(path, raw, {
      'content-type': 'application/json',
      'x-retrowalk-signature': retrowalkSignature(SECRET, raw),
    });
  };

  const suppressed = async (org: { apiKey: string }) =>
    (
      await rw.request<{ data: { email: string; reason: string }[] }>('GET', '/v1/suppressions', {
        apiKey: org.apiKey,
      })
    ).body.data;

  const deliverability = async (org: { apiKey: string }, id: string) =>
    (
      await rw.request<{ deliverability: { status: string } }>('GET', `/v1/enrollments/${id}`, {
        apiKey: org.apiKey,
      })
    ).body.deliverability.status;

  function expectError(res: HttpResult, status: number, code: string, field?: string) {
    expect({ status: res.status, code: (res.body.error as { code: string }).code }).toEqual({ status, code });
    expect(res.text).not.toMatch(/at .*\.ts:\d+|stack/i);
    if (field) expect((res.body.error as { details: { field: string }[] }).details[0]!.field).toBe(field);
  }

  describe('the generic format', () => {
    it('applies a signed hard bounce in the message organisation only, and a replay changes nothing', async () => {
      const ours = await sentConfirm(a, 'shared@example.com');
      const theirs = await sentConfirm(b, 'shared@example.com');
      const event = {
        type: 'bounce',
        bounceType: 'hard',
        email: 'Shared@Example.com',
        messageId: ours.messageId,
        occurredAt: NOW,
      };
      const first = await signedGeneric(event);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ received: 1, applied: 1, ignored: 0 });
      expect(await suppressed(a)).toEqual([
        expect.objectContaining({ email: 'shared@example.com', reason: 'hard_bounce' }),
      ]);
      expect(await suppressed(b)).toEqual([]);
      expect(await deliverability(a, ours.enrollmentId)).toBe('suppressed');
      expect(await deliverability(b, theirs.enrollmentId)).toBe('ok');
      const status = await db.query(`SELECT status FROM messages WHERE smtp_message_id = $1`, [
        ours.messageId,
      ]);
      expect(status.rows[0]).toEqual({ status: 'bounced' });

      const replay = await signedGeneric(event);
      expect(replay.body).toEqual({ received: 1, applied: 0, ignored: 1 });
      const events = await db.query(
        `SELECT count(*)::int AS n FROM delivery_events WHERE dedupe_key LIKE 'generic:%'`,
      );
      expect(events.rows[0]).toEqual({ n: 1 });
    });

    it('opens the undeliverable item when a safety email soft-bounces, and a later delivery closes it', async () => {
      const { enrollmentId, email } = await sentConfirm(a, 'stopped@example.com');
      const confirm = smtp.received.filter((m) => m.to === email && m.kind === 'confirm').at(-1)!;
      await rw.request('POST', linkIn(confirm.text, 'confirm'));
      expect(await rw.walkNow(a.apiKey, enrollmentId, { fall: true })).toBe('stop');
      await smtp.waitFor(() => smtp.received.some((m) => m.to === email && m.kind === 'safety_stop'));
      const stop = smtp.received.find((m) => m.to === email && m.kind === 'safety_stop')!;
      const items = async () =>
        (
          await rw.request<{ data: { enrollmentId: string; kind: string }[] }>(
            'GET',
            '/v1/attention?status=open&limit=200',
            { apiKey: a.apiKey },
          )
        ).body.data
          .filter((i) => i.enrollmentId === enrollmentId)
          .map((i) => i.kind)
          .sort();
      expect(await items()).toEqual(['safety_stop']);

      const event = { email, messageId: stop.messageId, occurredAt: NOW };
      const bounced = await signedGeneric({ ...event, type: 'bounce', bounceType: 'soft' });
      expect(bounced.body).toMatchObject({ applied: 1 });
      expect(await items()).toEqual(['safety_stop', 'undeliverable']);
      const delivered = await signedGeneric({ ...event, type: 'delivered', id: 'delivered-after-retry' });
      expect(delivered.body).toMatchObject({ applied: 1 });
      expect(await items()).toEqual(['safety_stop']);
    });

    it('changes nothing for an unknown message, or for another recipient of another organisation', async () => {
      const theirs = await sentConfirm(b, 'bystander@example.com');
      const unknown = await signedGeneric({
        type: 'complaint',
        email: 'nobody@example.com',
        messageId: '<00000000-0000-4000-8000-000000000000@retrowalk.test>',
        occurredAt: NOW,
      });
      expect(unknown.body).toEqual({ received: 1, applied: 0, ignored: 1 });
      const crossed = await signedGeneric({
        type: 'complaint',
        email: 'shared@example.com',
        messageId: theirs.messageId,
        occurredAt: NOW,
      });
      expect(crossed.body).toEqual({ received: 1, applied: 0, ignored: 1 });
      expect(await suppressed(b)).toEqual([]);
    });

    it('refuses unsigned and wrongly signed requests (401), malformed bodies (400 naming the field) and other content types (415)', async () => {
      const body = JSON.stringify({
        type: 'bounce',
        bounceType: 'hard',
        email: 'x@example.com',
        messageId: 'x',
        occurredAt: NOW,
      });
      expectError(
        await post('/v1/email-events', body, { 'content-type': 'application/json' }),
        401,
        'unauthorized',
      );
      expectError(
        await post('/v1/email-events', body, {
          'content-type': 'application/json',
          'x-retrowalk-signature': retrowalkSignature('another-secret-of-enough-length-000', body),
        }),
        401,
        'unauthorized',
      );
      expectError(
        await post('/v1/email-events', body, {
          'content-type': 'application/json',
          'x-retrowalk-signature': 'sha256=zz',
        }),
        401,
        'unauthorized',
      );
      const notJson = '{"type": "bounce",';
      expectError(
        await post('/v1/email-events', notJson, {
          'content-type': 'application/json',
          'x-retrowalk-signature': retrowalkSignature(SECRET, notJson),
        }),
        400,
        'validation_failed',
      );
      expectError(
        await signedGeneric({ type: 'opened', email: 'x@example.com', messageId: 'x', occurredAt: NOW }),
        400,
        'validation_failed',
        'type',
      );
      expectError(
        await signedGeneric({ type: 'bounce', email: 'x@example.com', messageId: 'x', occurredAt: NOW }),
        400,
        'validation_failed',
        'bounceType',
      );
      expectError(
        await post('/v1/email-events', 'a,b\n1,2', { 'content-type': 'text/csv' }),
        415,
        'unsupported_media_type',
      );
      expectError(
        await post('/v1/email-events', 'x'.repeat(300 * 1024), { 'content-type': 'application/json' }),
        413,
        'payload_too_large',
      );
    });
  });

  describe('Amazon SES through SNS', () => {
    const signedSns = (body: Record<string, string>) => {
      const envelope = parseSnsEnvelope(body);
      if (!envelope.ok) throw new Error('bad fixture');
      const signer = createSign('RSA-SHA256');
      signer.update(snsStringToSign(envelope.value));
      const raw = JSON.stringify({ ...body, Signature: signer.sign(snsKey, 'base64') });
      return post('/v1/email-events', raw, {
        'content-type': 'text/plain; charset=UTF-8',
        'x-amz-sns-message-type': body.Type!,
      });
    };

    it('confirms the subscription, then applies signed bounces, fetching the certificate once', async () => {
      const confirmation = await signedSns(snsSubscriptionConfirmation({ Timestamp: NOW }));
      expect(confirmation.status).toBe(200);
      expect(confirmation.body).toMatchObject({ subscriptionConfirmed: true });
      expect(snsCalls.filter((u) => u.includes('Action=ConfirmSubscription'))).toHaveLength(1);

      const first = await sentConfirm(a, 'ses-gone@example.com');
      const second = await sentConfirm(a, 'ses-full@example.com');
      const hard = await signedSns(
        snsNotification(sesBounceMessage({ ...first, at: NOW }), { Timestamp: NOW, MessageId: 'sns-1' }),
      );
      expect(hard.body).toEqual({ received: 1, applied: 1, ignored: 0 });
      const soft = await signedSns(
        snsNotification(sesBounceMessage({ ...second, at: NOW }, 'Transient'), {
          Timestamp: NOW,
          MessageId: 'sns-2',
        }),
      );
      expect(soft.body).toEqual({ received: 1, applied: 1, ignored: 0 });
      const list = (await suppressed(a)).map((s) => s.email);
      expect(list).toContain('ses-gone@example.com');
      // One soft bounce is not enough.
      expect(list).not.toContain('ses-full@example.com');
      expect(snsCalls.filter((u) => u.endsWith('.pem'))).toHaveLength(1);
    });

    it('refuses a wrong signature, another topic and a certificate from anywhere but SNS, fetching nothing for them', async () => {
      const target = await sentConfirm(a, 'ses-forged@example.com');
      const body = snsNotification(sesBounceMessage({ ...target, at: NOW }), { Timestamp: NOW });
      const forged = await post(
        '/v1/email-events',
        JSON.stringify({ ...body, Signature: Buffer.from('nope').toString('base64') }),
        {
          'content-type': 'text/plain',
          'x-amz-sns-message-type': 'Notification',
        },
      );
      expectError(forged, 401, 'unauthorized');
      const fetchedBefore = snsCalls.length;
      expectError(
        await signedSns({ ...body, TopicArn: 'arn:aws:sns:eu-west-1:999999999999:someone-else' }),
        401,
        'unauthorized',
      );
      expectError(
        await signedSns({ ...body, SigningCertURL: 'https://evil.test/cert.pem' }),
        401,
        'unauthorized',
      );
      expect(snsCalls.length).toBe(fetchedBefore);
      expectError(await signedSns({ ...body, Timestamp: '2027-02-28T12:00:00.000Z' }), 401, 'unauthorized');
      expect((await suppressed(a)).map((s) => s.email)).not.toContain('ses-forged@example.com');
    });
  });

  describe('Postmark', () => {
    const basic = (password: string) => `Basic ${Buffer.from(`postmark:${password}`).toString('base64')}`;

    it('applies a spam complaint matched by Postmark MessageID (the queue id), with its Basic credentials', async () => {
      const target = await sentConfirm(a, 'pm-complains@example.com');
      const res = await post(
        '/v1/email-events',
        JSON.stringify(postmarkSpamComplaint({ ...target, at: NOW })),
        {
          'content-type': 'application/json',
          authorization: basic('postmark-webhook-password'),
        },
      );
      expect(res.body).toEqual({ received: 1, applied: 1, ignored: 0 });
      expect(await suppressed(a)).toContainEqual(
        expect.objectContaining({ email: 'pm-complains@example.com', reason: 'complaint' }),
      );
    });

    it('refuses wrong credentials', async () => {
      const target = await sentConfirm(a, 'pm-forged@example.com');
      const res = await post('/v1/email-events', JSON.stringify(postmarkBounce({ ...target, at: NOW })), {
        'content-type': 'application/json',
        authorization: basic('guessed-password-123'),
      });
      expectError(res, 401, 'unauthorized');
    });
  });

  describe('SendGrid', () => {
    const signedSendGrid = (events: unknown, timestamp: string) => {
      const raw = JSON.stringify(events);
      const signature = sign('sha256', Buffer.from(timestamp + raw), {
        key: sendGridKey,
        dsaEncoding: 'der',
      }).toString('base64');
      return post('/v1/email-events', raw, {
        'content-type': 'application/json',
        'x-twilio-email-event-webhook-signature': signature,
        'x-twilio-email-event-webhook-timestamp': timestamp,
      });
    };
    const nowSeconds = String(Date.parse(NOW) / 1000);

    it('applies signed events: three soft bounces within a week suppress', async () => {
      const target = await sentConfirm(a, 'sg-full@example.com');
      const events = [0, 1, 2].map((day) => ({
        ...sendGridEvents({ ...target, at: new Date(Date.parse(NOW) - day * 86_400_000).toISOString() }, [
          'blocked',
        ])[0],
        sg_event_id: `sg-soft-${day}`,
      }));
      const res = await signedSendGrid(events, nowSeconds);
      expect(res.body).toEqual({ received: 3, applied: 3, ignored: 0 });
      expect(await suppressed(a)).toContainEqual(
        expect.objectContaining({ email: 'sg-full@example.com', reason: 'soft_bounces' }),
      );
    });

    it('refuses a bad signature, and a replay of a request signed long ago', async () => {
      const target = await sentConfirm(a, 'sg-replayed@example.com');
      const events = sendGridEvents({ ...target, at: NOW }, ['bounce']);
      const old = String(Date.parse(NOW) / 1000 - 3600);
      expectError(await signedSendGrid(events, old), 401, 'unauthorized');
      const raw = JSON.stringify(events);
      const wrong = await post('/v1/email-events', raw, {
        'content-type': 'application/json',
        'x-twilio-email-event-webhook-signature': Buffer.from('not a signature').toString('base64'),
        'x-twilio-email-event-webhook-timestamp': nowSeconds,
      });
      expectError(wrong, 401, 'unauthorized');
      expect((await suppressed(a)).map((s) => s.email)).not.toContain('sg-replayed@example.com');
    });
  });

  describe('the DSN route', () => {
    const signedDsn = (raw: string, contentType = 'message/rfc822') =>
      post('/v1/email-events/dsn', raw, {
        'content-type': contentType,
        'x-retrowalk-signature': retrowalkSignature(SECRET, raw),
      });

    it('matches a piped DSN by its VERP address even when the returned headers were dropped', async () => {
      const target = await sentConfirm(a, 'dsn-gone@example.com');
      const row = await db.query<{ id: string }>(`SELECT id FROM messages WHERE smtp_message_id = $1`, [
        target.messageId,
      ]);
      const returnPath = `bounces+${row.rows[0]!.id}@retrowalk.test`;
      const dsn = postfixDsn({ ...target, returnPath, headersDropped: true });
      const res = await signedDsn(dsn);
      expect(res.body).toEqual({ received: 1, applied: 1, ignored: 0 });
      expect(await suppressed(a)).toContainEqual(
        expect.objectContaining({ email: 'dsn-gone@example.com', reason: 'hard_bounce' }),
      );
      expect((await signedDsn(dsn)).body).toEqual({ received: 1, applied: 0, ignored: 1 });
    });

    it('refuses an unsigned DSN, a body that is not one, and other content types', async () => {
      const target = await sentConfirm(a, 'dsn-bad@example.com');
      const dsn = postfixDsn({ ...target, returnPath: 'bounces+x@retrowalk.test' });
      expectError(
        await post('/v1/email-events/dsn', dsn, { 'content-type': 'message/rfc822' }),
        401,
        'unauthorized',
      );
      expectError(await signedDsn('Subject: hi\n\nnot a report'), 400, 'validation_failed', 'body');
      expectError(await signedDsn(dsn, 'application/json'), 415, 'unsupported_media_type');
      const unknown = postfixDsn({
        email: 'x@example.com',
        messageId: '<x@y>',
        returnPath: 'bounces+00000000-0000-4000-8000-000000000000@retrowalk.test',
      });
      expect((await signedDsn(unknown)).body).toEqual({ received: 1, applied: 0, ignored: 1 });
    });
  });

  it('never answers 5xx to hostile input', async () => {
    const hostile: [string, string, Record<string, string>][] = [
      [
        '/v1/email-events',
        '\u0000\u0001',
        {
          'content-type': 'application/json',
          'x-retrowalk-signature': retrowalkSignature(SECRET, '\u0000\u0001'),
        },
      ],
      [
        '/v1/email-events',
        '[]',
        { 'content-type': 'application/json', 'x-amz-sns-message-type': 'Notification' },
      ],
      [
        '/v1/email-events',
        '{"Type":"Notification"}',
        { 'content-type': 'text/plain', 'x-amz-sns-message-type': 'Notification' },
      ],
      ['/v1/email-events', 'null', { 'content-type': 'application/json', authorization: 'Basic ???' }],
      [
        '/v1/email-events',
        '[1,2]',
        { 'content-type': 'application/json', 'x-twilio-email-event-webhook-signature': 'x' },
      ],
      [
        '/v1/email-events/dsn',
        '--',
        {
          'content-type': 'multipart/report; boundary=',
          'x-retrowalk-signature': retrowalkSignature(SECRET, '--'),
        },
      ],
      ['/v1/email-events/dsn', '', { 'content-type': 'message/rfc822' }],
    ];
    for (const [path, body, headers] of hostile) {
      const res = await post(path, body, headers);
      expect({ path, body, status: res.status < 500 }).toEqual({ path, body, status: true });
    }
    // Random bodies, validly signed (so they get past authentication to the parsers), in every
    // format's clothing: a 4xx or a 200 that changed nothing, never a 5xx.
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.json(),
          fc.string(),
          fc.array(fc.jsonValue()).map((v) => JSON.stringify(v)),
        ),
        fc.constantFrom('/v1/email-events', '/v1/email-events/dsn'),
        async (body, path) => {
          const contentType = path.endsWith('/dsn') ? 'message/rfc822' : 'application/json';
          const res = await post(path, body, {
            'content-type': contentType,
            'x-retrowalk-signature': retrowalkSignature(SECRET, body),
          });
          expect({ body, status: res.status < 500 }).toEqual({ body, status: true });
        },
      ),
      { numRuns: 60 },
    );
    const events = await db.query(
      `SELECT count(*)::int AS n FROM delivery_events WHERE source = 'generic' AND email IS NULL`,
    );
    expect(events.rows[0]).toEqual({ n: 0 });
  });
});
