import { UnitOfWork } from '@retrowalk/persistence';
import { CLEAN_WALK, enrollmentBody, linkIn, RetrowalkHarness, SmtpSink } from '@retrowalk/testing';

interface KeyView {
  id: string;
  prefix: string;
  role: string;
  label: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  key?: string;
}

describe('organisation settings and API keys', () => {
  let smtp: SmtpSink;
  let rw: RetrowalkHarness;
  let admin: string;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    rw = await RetrowalkHarness.start({ smtpUrl: smtp.url });
    ({ apiKey: admin } = await rw.createOrganization('Acme Corp', 'coach@acme.test'));
    await rw.advanceClock(admin, '2027-03-01T14:00:00Z');
  });

  afterAll(async () => {
    await rw.close();
    await smtp.stop();
  });

  describe('API keys', () => {
    it('creates a key shown once, lists keys without it, and revokes at once', async () => {
      const created = await rw.request<KeyView>('POST', '/v1/api-keys', {
        apiKey: admin,
        body: { role: 'coach', label: 'Front desk' },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ role: 'coach', label: 'Front desk', lastUsedAt: null });
      const coachKey = created.body.key!;
      expect(coachKey).toMatch(/^rw_[\w-]{43}$/);
      expect(coachKey.startsWith(created.body.prefix)).toBe(true);

      expect((await rw.request('GET', '/v1/organization', { apiKey: coachKey })).status).toBe(200);
      const list = await rw.request<{ data: KeyView[] }>('GET', '/v1/api-keys', { apiKey: admin });
      expect(list.status).toBe(200);
      expect(list.text).not.toContain(coachKey);
      const listed = list.body.data.find((k) => k.id === created.body.id)!;
      expect(Object.keys(listed).sort()).toEqual([
        'createdAt',
        'id',
        'label',
        'lastUsedAt',
        'prefix',
        'role',
      ]);
      expect(listed.lastUsedAt).not.toBeNull();
      expect(list.body.data.map((k) => k.role)).toContain('admin');

      const revoked = await rw.request('DELETE', `/v1/api-keys/${created.body.id}`, { apiKey: admin });
      expect(revoked.status).toBe(204);
      const after = await rw.request('GET', '/v1/organization', { apiKey: coachKey });
      expect(after.status).toBe(401);
      const listAfter = await rw.request<{ data: KeyView[] }>('GET', '/v1/api-keys', { apiKey: admin });
      expect(listAfter.body.data.map((k) => k.id)).not.toContain(created.body.id);
      expect((await rw.request('DELETE', `/v1/api-keys/${created.body.id}`, { apiKey: admin })).status).toBe(
        404,
      );
    });

    it('keeps the last admin key, and revokes an admin key once there is another', async () => {
      const list = await rw.request<{ data: KeyView[] }>('GET', '/v1/api-keys', { apiKey: admin });
      const adminKeyId = list.body.data.find((k) => k.role === 'admin')!.id;
      const refused = await rw.request('DELETE', `/v1/api-keys/${adminKeyId}`, { apiKey: admin });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ error: { code: 'invalid_state' } });

      const second = await rw.request<KeyView>('POST', '/v1/api-keys', {
        apiKey: admin,
        body: { role: 'admin' },
      });
      const secondKey = second.body.key!;
      expect((await rw.request('DELETE', `/v1/api-keys/${adminKeyId}`, { apiKey: secondKey })).status).toBe(
        204,
      );
      expect((await rw.request('GET', '/v1/api-keys', { apiKey: admin })).status).toBe(401);
      admin = secondKey;
    });

    it('names the field when a key request is wrong', async () => {
      const res = await rw.request('POST', '/v1/api-keys', {
        apiKey: admin,
        body: { role: 'boss', label: 'a\nb', extra: 1 },
      });
      expect(res.status).toBe(400);
      const fields = (res.body.error as { details: { field: string }[] }).details.map((d) => d.field);
      expect(fields.sort()).toEqual(['extra', 'label', 'role']);
      expect((await rw.request('DELETE', '/v1/api-keys/not-a-uuid', { apiKey: admin })).status).toBe(404);
    });
  });

  describe('settings', () => {
    it('shows the defaults of a new organisation', async () => {
      const res = await rw.request('GET', '/v1/organization', { apiKey: admin });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        name: 'Acme Corp',
        shownAs: 'Acme Corp',
        displayName: null,
        senderName: null,
        replyTo: null,
        coachEmail: 'coach@acme.test',
        defaultTimezone: null,
        defaultReminder: { days: ['mon', 'wed', 'fri'], time: '07:30' },
        quietHours: { start: '21:00', end: '07:00' },
        updatedAt: null,
      });
    });

    it('refuses bad settings, naming each field, and changes nothing', async () => {
      const res = await rw.request('PATCH', '/v1/organization', {
        apiKey: admin,
        body: {
          displayName: '',
          senderName: 'Evil <x@y>',
          replyTo: 'not-an-email',
          coachEmail: null,
          defaultTimezone: 'Mars/Olympus',
          defaultReminder: { days: ['funday'], time: '7am' },
          quietHours: { start: '25:00', end: '07:00' },
        },
      });
      expect(res.status).toBe(400);
      const fields = (res.body.error as { details: { field: string }[] }).details.map((d) => d.field);
      expect(new Set(fields)).toEqual(
        new Set([
          'displayName',
          'senderName',
          'replyTo',
          'coachEmail',
          'defaultTimezone',
          'defaultReminder.days',
          'defaultReminder.time',
          'quietHours.start',
        ]),
      );
      const empty = await rw.request('PATCH', '/v1/organization', { apiKey: admin, body: {} });
      expect(empty.status).toBe(400);
      const unchanged = await rw.request('GET', '/v1/organization', { apiKey: admin });
      expect(unchanged.body).toMatchObject({ displayName: null, updatedAt: null });
    });

    it('uses the names, reply-to and defaults in enrolments and emails', async () => {
      const noTimezone = await rw.request('POST', '/v1/enrollments', {
        apiKey: admin,
        body: enrollmentBody({ timezone: undefined, reminder: undefined }),
      });
      expect(noTimezone.status).toBe(400);
      expect(noTimezone.body).toMatchObject({ error: { details: [{ field: 'timezone' }] } });

      const patched = await rw.request('PATCH', '/v1/organization', {
        apiKey: admin,
        body: {
          displayName: 'Acme Wellbeing',
          senderName: 'Acme Wellbeing team',
          replyTo: 'wellbeing@acme.test',
          defaultTimezone: 'europe/london',
          defaultReminder: { days: ['tue', 'thu'], time: '12:15' },
        },
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({
        defaultTimezone: 'Europe/London',
        shownAs: 'Acme Wellbeing',
        updatedAt: '2027-03-01T14:00:00.000Z',
      });

      const email = 'defaults@example.com';
      const created = await rw.request('POST', '/v1/enrollments', {
        apiKey: admin,
        body: enrollmentBody({ email, timezone: undefined, reminder: undefined }),
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        timezone: 'Europe/London',
        reminder: { days: ['tue', 'thu'], time: '12:15' },
      });
      await smtp.waitFor(() => smtp.for(email, 'confirm').length === 1);
      const confirm = smtp.for(email, 'confirm')[0]!;
      expect(confirm.header('from')).toBe('Acme Wellbeing team <coach@retrowalk.test>');
      expect(confirm.header('reply-to')).toBe('wellbeing@acme.test');
      expect(confirm.text).toContain('Acme Wellbeing');
      expect(confirm.text).not.toContain('Acme Corp');

      await rw.request('POST', linkIn(confirm.text, 'confirm'));
      await smtp.waitFor(() => smtp.for(email, 'welcome').length === 1);
      // Monday 14:00 UTC = 14:00 in London; the first default day is Tuesday at 12:15 (GMT).
      const view = await rw.request('GET', `/v1/enrollments/${String(created.body.id)}`, { apiKey: admin });
      expect(view.body.nextReminderAt).toBe('2027-03-02T12:15:00.000Z');
    });

    it("holds the next-morning pain follow-up until the end of the organisation's quiet hours", async () => {
      await rw.request('PATCH', '/v1/organization', {
        apiKey: admin,
        body: { quietHours: { start: '20:00', end: '09:30' } },
      });
      const email = 'quiet@example.com';
      const created = await rw.request('POST', '/v1/enrollments', {
        apiKey: admin,
        body: enrollmentBody({ email, timezone: 'Europe/London' }),
      });
      await smtp.waitFor(() => smtp.for(email, 'confirm').length === 1);
      await rw.request('POST', linkIn(smtp.for(email, 'confirm')[0]!.text, 'confirm'));
      const id = String(created.body.id);
      const held = await rw.request<{ decision: { action: string } }>(
        'POST',
        `/v1/enrollments/${id}/check-ins`,
        {
          apiKey: admin,
          body: {
            performedAt: '2027-03-01T13:30:00Z',
            ...CLEAN_WALK,
            painDuring: 5,
            painType: 'aching',
          },
        },
      );
      expect(held.body.decision.action).toBe('hold');
      const rows = await rw.api
        .get(UnitOfWork)
        .manager.query<{ due_at: Date }[]>(
          `SELECT due_at FROM messages WHERE enrollment_id = $1 AND kind = 'pain_follow_up' ORDER BY due_at`,
          [id],
        );
      // 09:30 the next morning in London (GMT), not the default 07:00.
      expect(rows[0]!.due_at.toISOString()).toBe('2027-03-02T09:30:00.000Z');
    });
  });
});
