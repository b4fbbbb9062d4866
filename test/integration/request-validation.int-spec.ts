import { connect } from 'node:net';
import { LinkService } from '@retrowalk/application';
import { MAX_NESTING } from '@retrowalk/http';
import { UnitOfWork } from '@retrowalk/persistence';
import { CLEAN_WALK, enrollmentBody, linkIn, RetrowalkHarness, SmtpSink } from '@retrowalk/testing';

interface ErrorBody {
  error: { code: string; message: string; details: { field: string; message: string }[] | null };
}

/** What each route takes, and a few hostile bodies: every answer a clear 4xx, nothing written. */
describe('request bodies: content types, plain data and names', () => {
  let smtp: SmtpSink;
  let rw: RetrowalkHarness;
  let apiKey: string;
  let enrollmentId: string;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    rw = await RetrowalkHarness.start({ smtpUrl: smtp.url });
    ({ apiKey } = await rw.createOrganization('Hardened Physio'));
    await rw.advanceClock(apiKey, '2027-03-01T14:00:00Z');
    const created = await rw.request('POST', '/v1/enrollments', { apiKey, body: enrollmentBody() });
    enrollmentId = String(created.body.id);
  });

  afterAll(async () => {
    await rw.close();
    await smtp.stop();
  });

  async function rows(table: string): Promise<number> {
    const result = await rw.api
      .get(UnitOfWork)
      .run((tx) => tx.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`));
    return result[0]!.n;
  }

  const send = (method: string, path: string, contentType: string | undefined, rawBody: string) =>
    rw.request<ErrorBody>(method, path, {
      apiKey,
      rawBody,
      headers: contentType ? { 'content-type': contentType } : {},
    });

  describe('content types', () => {
    const jsonRoutes = (): [string, string][] => [
      ['POST', '/v1/enrollments'],
      ['PATCH', `/v1/enrollments/${enrollmentId}`],
      ['POST', `/v1/enrollments/${enrollmentId}/pause`],
      ['POST', `/v1/enrollments/${enrollmentId}/check-ins`],
      ['PATCH', '/v1/organization'],
      ['POST', '/v1/api-keys'],
      ['DELETE', `/v1/api-keys/${enrollmentId}`],
      ['POST', '/v1/reports/cohort/link?from=2027-03-01&to=2027-03-31'],
    ];

    it('answers 415 to a CSV body on every JSON route, naming what it takes, and writes nothing', async () => {
      const before = await rows('enrollments');
      for (const [method, path] of jsonRoutes()) {
        for (const type of [
          'text/csv',
          'application/csv',
          'text/plain',
          'application/x-www-form-urlencoded',
        ]) {
          const res = await send(method, path, type, 'email,firstName\nsam@example.com,Sam\n');
          expect({ method, path, type, status: res.status }).toEqual({ method, path, type, status: 415 });
          expect(res.body.error).toEqual({
            code: 'unsupported_media_type',
            message: `This route takes application/json (UTF-8); the request sent ${type}.`,
            details: [{ field: 'Content-Type', message: 'must be application/json' }],
          });
        }
      }
      expect(await rows('enrollments')).toBe(before);
    });

    it('answers 415 to a body without a Content-Type, or in another charset', async () => {
      const bare = await send('POST', '/v1/enrollments', undefined, JSON.stringify(enrollmentBody()));
      // fetch labels a string body text/plain; a raw body without any type is covered by the unit tests.
      expect(bare.status).toBe(415);
      const utf16 = await send('POST', '/v1/enrollments', 'application/json; charset=utf-16', '{}');
      expect(utf16.status).toBe(415);
      expect(utf16.body.error.message).toContain('the body must be UTF-8');
      const fine = await send(
        'POST',
        '/v1/enrollments',
        'Application/JSON; charset=UTF-8',
        JSON.stringify(enrollmentBody()),
      );
      expect(fine.status).toBe(201);
    });

    it('takes CSV on POST /v1/imports alone', async () => {
      const res = await send('POST', '/v1/imports', 'application/json', '{"rows": []}');
      expect(res.status).toBe(415);
      expect(res.body.error.message).toBe(
        'This route takes text/csv or application/csv (UTF-8); the request sent application/json.',
      );
    });

    it('takes forms on participant pages, and one-click unsubscribe as multipart too', async () => {
      const links = rw.api.get(LinkService);
      const leaving = await rw.request('POST', '/v1/enrollments', { apiKey, body: enrollmentBody() });
      const check = (purpose: 'pause' | 'unsubscribe') =>
        `/p/${purpose}/${links.token(purpose, String(leaving.body.id))}`;
      const json = await rw.request('POST', check('unsubscribe'), {
        rawBody: '{"List-Unsubscribe":"One-Click"}',
        headers: { 'content-type': 'application/json' },
      });
      expect(json.status).toBe(415);
      expect(json.text).toContain('We could not read that');
      const csv = await rw.request('POST', check('pause'), {
        rawBody: 'a,b',
        headers: { 'content-type': 'text/csv' },
      });
      expect(csv.status).toBe(415);
      const multipart = await rw.request('POST', check('unsubscribe'), {
        rawBody:
          '--b\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--b--\r\n',
        headers: { 'content-type': 'multipart/form-data; boundary=b' },
      });
      expect(multipart.status).toBe(200);
      expect(multipart.text).toMatch(/unsubscribed/i);
    });
  });

  describe('what never reaches a route', () => {
    /** Raw bytes on a socket: what Node's HTTP parser refuses before Fastify or Nest see it. */
    function rawExchange(text: string): Promise<string> {
      return new Promise((resolve) => {
        const socket = connect(Number(new URL(rw.baseUrl).port), '127.0.0.1', () => socket.write(text));
        let answer = '';
        socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
        socket.on('close', () => resolve(answer));
        socket.on('error', () => resolve(answer));
      });
    }

    it('answers a request Node cannot parse in the one error shape', async () => {
      const answer = await rawExchange('GARBAGE / HTTP/1.1\r\n\r\n');
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(JSON.parse(answer.split('\r\n\r\n')[1]!)).toEqual({
        error: { code: 'bad_request', message: 'The request could not be read as HTTP.', details: null },
      });
      const huge = await rawExchange(
        `GET /health/live HTTP/1.1\r\nHost: x\r\nX-Filler: ${'a'.repeat(20_000)}\r\n\r\n`,
      );
      expect(huge).toMatch(/^HTTP\/1\.1 431 /);
      expect(JSON.parse(huge.split('\r\n\r\n')[1]!)).toMatchObject({
        error: { code: 'request_header_fields_too_large' },
      });
      // Helmet never sees these: the essentials come with them all the same.
      for (const raw of [answer, huge]) {
        const head = raw.split('\r\n\r\n')[0]!.toLowerCase();
        expect(head).toContain("\r\ncontent-security-policy: default-src 'none'; frame-ancestors 'none'\r\n");
        expect(head).toContain('\r\nx-content-type-options: nosniff\r\n');
        expect(head).toContain('\r\nx-frame-options: deny\r\n');
      }
    });

    it('answers an address that is not UTF-8 in the one error shape, or with the link page', async () => {
      const api = await rw.request<ErrorBody>('GET', '/v1/enrollments/%ED%A0%80', { apiKey });
      expect(api.status).toBe(400);
      expect(api.body.error.code).toBe('bad_request');
      const page = await rw.request('GET', '/p/confirm/%ED%A0%80');
      expect(page.status).toBe(400);
      expect(page.text).toMatch(/This link doesn/);
      const long = await rw.request<ErrorBody>('GET', `/v1/enrollments/${'a'.repeat(400)}`, { apiKey });
      expect(long.status).toBe(414);
      expect(long.body.error.code).toBe('uri_too_long');
    });
  });

  describe('plain data', () => {
    it('refuses NUL in any string, naming the field, and writes nothing', async () => {
      const before = await rows('enrollments');
      for (const [body, field] of [
        [enrollmentBody({ firstName: 'Sa\u0000m' }), 'firstName'],
        [enrollmentBody({ externalId: 'crm\u0000' }), 'externalId'],
        [enrollmentBody({ reminder: { days: ['mon\u0000'], time: '07:30' } }), 'reminder.days.0'],
        [enrollmentBody({ firstName: 'Sam\ud800' }), 'firstName'],
      ] as const) {
        const res = await rw.request<ErrorBody>('POST', '/v1/enrollments', { apiKey, body });
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('validation_failed');
        expect(res.body.error.details?.map((d) => d.field)).toEqual([field]);
      }
      const check = await rw.request<ErrorBody>('PATCH', '/v1/organization', {
        apiKey,
        body: { coachEmail: 'coach\u0000@acme.test' },
      });
      expect(check.body.error.details).toEqual([
        { field: 'coachEmail', message: 'must not contain NUL characters' },
      ]);
      expect(await rows('enrollments')).toBe(before);
    });

    it('refuses absurd nesting before any validation runs, naming the top field', async () => {
      const deep = `${'['.repeat(2700)}${']'.repeat(2700)}`;
      const res = await send(
        'POST',
        `/v1/enrollments/${enrollmentId}/check-ins`,
        'application/json',
        `{"notes": ${deep}, "painDuring": 1}`,
      );
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([
        { field: 'notes', message: `is nested more than ${MAX_NESTING} levels deep` },
      ]);
      const root = await send('PATCH', '/v1/organization', 'application/json', deep);
      expect(root.status).toBe(400);
    });

    it('wants a JSON object where a route takes one', async () => {
      for (const raw of ['[]', '[{"role":"coach"}]', '"coach"', '42', 'null']) {
        const res = await send('POST', '/v1/api-keys', 'application/json', raw);
        expect({ raw, status: res.status }).toEqual({ raw, status: 400 });
      }
    });

    it('refuses NUL in a check-in form, on a page, and records nothing', async () => {
      await rw.request('POST', `/p/confirm/${rw.api.get(LinkService).token('confirm', enrollmentId)}`);
      const before = await rows('check_ins');
      const res = await rw.request(
        'POST',
        `/p/check-in/${rw.api.get(LinkService).token('check-in', enrollmentId)}`,
        {
          rawBody: 'painDuring=1&painType=none&notes=ok%00',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        },
      );
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.text).not.toMatch(/at .*\.(ts|js):\d+/);
      expect(await rows('check_ins')).toBe(before);
      const api = await rw.request<ErrorBody>('POST', `/v1/enrollments/${enrollmentId}/check-ins`, {
        apiKey,
        body: { ...CLEAN_WALK, performedAt: '2027-03-01T13:00:00Z', notes: 'fine\u0000' },
      });
      expect(api.body.error.details).toEqual([
        { field: 'notes', message: 'must not contain NUL characters' },
      ]);
    });
  });

  describe('names', () => {
    const invisible = ['   ', '\u200b', '\u200b\u200c\u2060', '\u3164', '\ufeff ', '\u00a0\u2800'];

    it('refuses blank and invisible-only names in every name field, naming it', async () => {
      for (const name of invisible) {
        const enrol = await rw.request<ErrorBody>('POST', '/v1/enrollments', {
          apiKey,
          body: enrollmentBody({ firstName: name }),
        });
        expect(enrol.body.error.details?.map((d) => d.field)).toEqual(['firstName']);
        const key = await rw.request<ErrorBody>('POST', '/v1/api-keys', {
          apiKey,
          body: { role: 'coach', label: name },
        });
        expect(key.body.error.details?.map((d) => d.field)).toEqual(['label']);
        const org = await rw.request<ErrorBody>('PATCH', '/v1/organization', {
          apiKey,
          body: { displayName: name, senderName: name },
        });
        expect(org.body.error.details?.map((d) => d.field).sort()).toEqual(['displayName', 'senderName']);
      }
    });

    it.each([
      ['Acme \\', 'must not contain a backslash'],
      [
        '=?utf-8?B?PGV2aWxAYXR0YWNrZXIudGVzdD4=?=',
        'must not contain "=?" (mail clients read it as an encoded word)',
      ],
      ['Acme <evil@attacker.test>', 'must not contain < > " or @'],
      ['"Acme"', 'must not contain < > " or @'],
      ['Acme\u0007', 'must not contain control characters'],
    ])('refuses the sender name %j: %s', async (senderName, message) => {
      const res = await rw.request<ErrorBody>('PATCH', '/v1/organization', { apiKey, body: { senderName } });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([{ field: 'senderName', message }]);
    });

    it('sends a sender name with commas, brackets and accents as a name, keeping the address', async () => {
      const senderName = 'Zoë, Physio & Co. (Leeds): team';
      const patched = await rw.request('PATCH', '/v1/organization', { apiKey, body: { senderName } });
      expect(patched.status).toBe(200);
      const email = 'named.sender@example.com';
      await rw.request('POST', '/v1/enrollments', { apiKey, body: enrollmentBody({ email }) });
      await smtp.waitFor(() => smtp.for(email, 'confirm').length === 1);
      const from = smtp.for(email, 'confirm')[0]!.raw.from?.value;
      expect(from).toEqual([{ name: senderName, address: 'coach@retrowalk.test' }]);
      expect(linkIn(smtp.for(email, 'confirm')[0]!.text, 'confirm')).toContain('/p/confirm/');
    });
  });
});
