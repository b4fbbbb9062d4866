import { createDataSource } from '@retrowalk/persistence';
import { enrollmentBody, RetrowalkHarness } from '@retrowalk/testing';
import { CanonicalTimeZones1765200000000 } from '../../libs/persistence/src/migrations/1765200000000-canonical-time-zones';

describe('enrolment API', () => {
  let rw: RetrowalkHarness;
  let apiKey: string;
  let otherKey: string;

  beforeAll(async () => {
    // No worker: these tests look at what the API records and answers, not at delivery.
    rw = await RetrowalkHarness.start({ worker: false });
    ({ apiKey } = await rw.createOrganization('Acme Physio'));
    ({ apiKey: otherKey } = await rw.createOrganization('Other Clinic'));
    await rw.advanceClock(apiKey, '2027-03-01T14:00:00Z');
  });

  afterAll(async () => {
    await rw.close();
  });

  it('enrols a participant as pending confirmation, level 1, no reminder yet', async () => {
    const res = await rw.request('POST', '/v1/enrollments', { apiKey, body: enrollmentBody() });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'pending_confirmation', level: 1, nextReminderAt: null });
    expect(res.body.id).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
  });

  it('stores the timezone as the tz database spells it, on enrolment and on a change', async () => {
    const created = await rw.request('POST', '/v1/enrollments', {
      apiKey,
      body: enrollmentBody({ timezone: 'europe/berlin' }),
    });
    expect(created.status).toBe(201);
    expect(created.body.timezone).toBe('Europe/Berlin');
    const changed = await rw.request('PATCH', `/v1/enrollments/${String(created.body.id)}`, {
      apiKey,
      body: { timezone: 'ASIA/CALCUTTA' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.timezone).toBe('Asia/Kolkata');
    const refused = await rw.request('PATCH', `/v1/enrollments/${String(created.body.id)}`, {
      apiKey,
      body: { timezone: 'Etc/GMT+5' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { details: [{ field: 'timezone' }] } });
  });

  it('rewrites timezones stored as typed before, and leaves refused ones working', async () => {
    const ids: string[] = [];
    for (const email of ['typed@example.com', 'offset@example.com']) {
      const res = await rw.request('POST', '/v1/enrollments', { apiKey, body: enrollmentBody({ email }) });
      ids.push(String(res.body.id));
    }
    const dataSource = createDataSource({ databaseUrl: rw.database.url, poolSize: 1 });
    await dataSource.initialize();
    try {
      await dataSource.query(`UPDATE enrollments SET timezone = 'america/new_york' WHERE id = $1`, [ids[0]]);
      await dataSource.query(`UPDATE enrollments SET timezone = 'Etc/GMT+5' WHERE id = $1`, [ids[1]]);
      const runner = dataSource.createQueryRunner();
      await new CanonicalTimeZones1765200000000().up(runner);
      await runner.release();
    } finally {
      await dataSource.destroy();
    }
    const timezones = await Promise.all(
      ids.map(async (id) => (await rw.request('GET', `/v1/enrollments/${id}`, { apiKey })).body.timezone),
    );
    expect(timezones).toEqual(['America/New_York', 'Etc/GMT+5']);
  });

  it('needs an API key on every /v1 route', async () => {
    for (const [method, path] of [
      ['POST', '/v1/enrollments'],
      ['GET', '/v1/enrollments/00000000-0000-4000-8000-000000000000'],
      ['GET', '/v1/test-clock'],
    ] as const) {
      const res = await rw.request(method, path, { body: method === 'POST' ? enrollmentBody() : undefined });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        error: { code: 'unauthorized', message: expect.any(String), details: null },
      });
    }
    const wrong = await rw.request('GET', '/v1/test-clock', { apiKey: 'rw_not-a-real-key' });
    expect(wrong.status).toBe(401);
  });

  it("answers 404 for another organisation's enrolment, on every route", async () => {
    const created = await rw.request('POST', '/v1/enrollments', { apiKey, body: enrollmentBody() });
    const id = String(created.body.id);
    const attempts = [
      rw.request('GET', `/v1/enrollments/${id}`, { apiKey: otherKey }),
      rw.request('PATCH', `/v1/enrollments/${id}`, { apiKey: otherKey, body: { timezone: 'Europe/Berlin' } }),
      rw.request('POST', `/v1/enrollments/${id}/pause`, { apiKey: otherKey }),
      rw.request('POST', `/v1/enrollments/${id}/resume`, { apiKey: otherKey }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(404);
      expect((res.body as { error: { code: string } }).error.code).toBe('not_found');
    }
    const own = await rw.request('GET', `/v1/enrollments/${id}`, { apiKey });
    expect(own.status).toBe(200);
  });

  it('refuses the same email twice in one organisation (any case), but not across organisations', async () => {
    const body = enrollmentBody({ email: 'Twice@Example.com' });
    expect((await rw.request('POST', '/v1/enrollments', { apiKey, body })).status).toBe(201);
    const again = await rw.request('POST', '/v1/enrollments', {
      apiKey,
      body: { ...body, email: 'twice@example.com' },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      error: { code: 'email_already_enrolled', details: [{ field: 'email' }] },
    });
    expect((await rw.request('POST', '/v1/enrollments', { apiKey: otherKey, body })).status).toBe(201);
  });

  describe('bad input gets 400 naming the field', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['unknown timezone', { timezone: 'Mars/Olympus' }, 'timezone'],
      ['an offset instead of a timezone', { timezone: '+05:30' }, 'timezone'],
      ['a fixed offset named like a zone', { timezone: 'Etc/GMT+5' }, 'timezone'],
      ['bad email', { email: 'not-an-email' }, 'email'],
      ['time not HH:MM', { reminder: { days: ['mon'], time: '7:30' } }, 'reminder.time'],
      ['time out of range', { reminder: { days: ['mon'], time: '24:00' } }, 'reminder.time'],
      ['empty days', { reminder: { days: [], time: '07:30' } }, 'reminder.days'],
      ['unknown day', { reminder: { days: ['monday'], time: '07:30' } }, 'reminder.days'],
      ['CR/LF in first name', { firstName: 'Sam\r\nBcc: x@evil.test' }, 'firstName'],
      ['LF in externalId', { externalId: 'a\nb' }, 'externalId'],
      ['unknown audience', { audience: 'astronaut' }, 'audience'],
      ['unknown field', { favouriteColour: 'blue' }, 'favouriteColour'],
      ['missing screening answer', { screening: { vertigo: false } }, 'screening.severeKneeInjury'],
      [
        'screening answer not boolean',
        { screening: { ...(enrollmentBody().screening as object), vertigo: 'no' } },
        'screening.vertigo',
      ],
    ];
    it.each(cases)('%s', async (_name, override, field) => {
      const res = await rw.request('POST', '/v1/enrollments', { apiKey, body: enrollmentBody(override) });
      expect(res.status).toBe(400);
      const error = (res.body as { error: { code: string; details: { field: string }[]; message: string } })
        .error;
      expect(error.code).toBe('validation_failed');
      expect(error.details.map((d) => d.field)).toContain(field);
      expect(error.message).toContain(field);
      expect(res.text).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
    });

    it('a body that is not JSON', async () => {
      const res = await rw.request('POST', '/v1/enrollments', {
        apiKey,
        rawBody: '{"email": ',
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'bad_request' } });
    });

    it('a body over the size limit', async () => {
      const res = await rw.request('POST', '/v1/enrollments', {
        apiKey,
        body: enrollmentBody({ firstName: 'x'.repeat(40_000) }),
      });
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ error: { code: 'payload_too_large' } });
    });
  });

  it('pauses and resumes, refusing what the state does not allow', async () => {
    const created = await rw.request('POST', '/v1/enrollments', { apiKey, body: enrollmentBody() });
    const id = String(created.body.id);
    const early = await rw.request('POST', `/v1/enrollments/${id}/pause`, { apiKey });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({
      error: { code: 'invalid_state', details: { status: 'pending_confirmation' } },
    });
  });

  it('keeps the test clock moving forward only', async () => {
    const back = await rw.request('POST', '/v1/test-clock', {
      apiKey,
      body: { now: '2020-01-01T00:00:00Z' },
    });
    expect(back.status).toBe(400);
    expect(back.body).toMatchObject({ error: { code: 'clock_backwards', details: [{ field: 'now' }] } });
    const bad = await rw.request('POST', '/v1/test-clock', { apiKey, body: { now: 'tomorrow' } });
    expect(bad.status).toBe(400);
    const now = await rw.request('GET', '/v1/test-clock', { apiKey });
    expect(now.body).toEqual({ now: '2027-03-01T14:00:00.000Z' });
  });

  it('serves OpenAPI docs and health', async () => {
    expect((await rw.request('GET', '/docs')).status).toBe(200);
    const spec = await rw.request('GET', '/docs-json');
    expect(spec.status).toBe(200);
    expect(Object.keys((spec.body as { paths: object }).paths)).toContain('/v1/enrollments');
    expect((await rw.request('GET', '/health/live')).body).toEqual({ status: 'ok' });
    const ready = await rw.request('GET', '/health/ready');
    expect([ready.status, ready.body]).toEqual([200, { status: 'ok' }]);
    const detailed = await rw.request('GET', `${rw.opsUrl}/health/ready`);
    expect(detailed.status).toBe(200);
    expect(detailed.body).toMatchObject({ checks: { postgres: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('answers unknown routes in the one error shape', async () => {
    const res = await rw.request('GET', '/v1/nothing-here', { apiKey });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: 'not_found' } });
  });
});
