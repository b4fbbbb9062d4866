import { LinkService } from '@retrowalk/application';
import { UnitOfWork } from '@retrowalk/persistence';
import { enrollmentBody, linkIn, RetrowalkHarness, SmtpSink } from '@retrowalk/testing';

describe('participant links and schedule changes', () => {
  let smtp: SmtpSink;
  let rw: RetrowalkHarness;
  let apiKey: string;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    rw = await RetrowalkHarness.start({ smtpUrl: smtp.url });
    ({ apiKey } = await rw.createOrganization('Riverside Physio'));
    await rw.advanceClock(apiKey, '2027-01-04T09:00:00Z'); // Monday 10:00 in Berlin
  });

  afterAll(async () => {
    await rw.close();
    await smtp.stop();
  });

  async function enrolAndConfirm(overrides: Record<string, unknown>) {
    const created = await rw.request('POST', '/v1/enrollments', { apiKey, body: enrollmentBody(overrides) });
    expect(created.status).toBe(201);
    const email = String(overrides.email);
    await smtp.waitFor(() => smtp.for(email, 'confirm').length === 1);
    const confirmed = await rw.request('POST', linkIn(smtp.for(email, 'confirm')[0]!.text, 'confirm'));
    expect(confirmed.status).toBe(200);
    await smtp.waitFor(() => smtp.for(email, 'welcome').length === 1);
    return String(created.body.id);
  }

  it('holds everything but the explaining welcome when screening says a professional must clear them', async () => {
    const email = 'needs.clearance@example.com';
    const id = await enrolAndConfirm({
      email,
      timezone: 'Europe/Berlin',
      screening: { ...(enrollmentBody().screening as object), recentKneeSurgery: true, vertigo: true },
    });
    const welcome = smtp.for(email, 'welcome')[0]!;
    expect(welcome.text).toMatch(/healthcare professional/i);
    const state = await rw.request('GET', `/v1/enrollments/${id}`, { apiKey });
    expect(state.body).toMatchObject({ status: 'needs_clearance', nextReminderAt: null });
    await rw.advanceClock(apiKey, '2027-01-12T09:00:00Z');
    expect(smtp.for(email).map((m) => m.kind)).toEqual(['confirm', 'welcome']);
  });

  it('moves the next reminder at once when the time or timezone changes', async () => {
    const email = 'mover@example.com';
    const id = await enrolAndConfirm({
      email,
      timezone: 'Europe/Berlin',
      reminder: { days: ['wed'], time: '07:30' },
    });
    const before = await rw.request('GET', `/v1/enrollments/${id}`, { apiKey });
    expect(before.body.nextReminderAt).toBe('2027-01-13T06:30:00.000Z'); // Wed 07:30 CET
    const moved = await rw.request('PATCH', `/v1/enrollments/${id}`, {
      apiKey,
      body: { timezone: 'Asia/Kathmandu', reminder: { days: ['wed', 'sat'], time: '06:15' } },
    });
    expect(moved.status).toBe(200);
    // Now is Tue 12 Jan 09:00Z = 14:45 in Kathmandu (+05:45): next is Wed 13 Jan 06:15 local.
    expect(moved.body).toMatchObject({
      timezone: 'Asia/Kathmandu',
      nextReminderAt: '2027-01-13T00:30:00.000Z',
    });
    const empty = await rw.request('PATCH', `/v1/enrollments/${id}`, { apiKey, body: {} });
    expect(empty.status).toBe(400);
  });

  it('moves the pending weekly summary to the new first weekday, still six days in at the earliest', async () => {
    const email = 'summary.mover@example.com';
    const id = await enrolAndConfirm({
      email,
      timezone: 'Europe/Berlin',
      reminder: { days: ['wed'], time: '07:30' },
    });
    const pendingSummaries = () =>
      rw.api
        .get(UnitOfWork)
        .manager.query<{ due_at: Date }[]>(
          `SELECT due_at FROM messages WHERE enrollment_id = $1 AND kind = 'weekly_summary' AND status = 'pending'`,
          [id],
        )
        .then((rows) => rows.map((r) => r.due_at.toISOString()));
    // Confirmed Tue 12 Jan; six days on is Mon 18 Jan, so the first Wednesday 18:00 CET is the 20th.
    expect(await pendingSummaries()).toEqual(['2027-01-20T17:00:00.000Z']);
    await rw.request('PATCH', `/v1/enrollments/${id}`, {
      apiKey,
      body: { reminder: { days: ['fri', 'sun'], time: '07:30' } },
    });
    expect(await pendingSummaries()).toEqual(['2027-01-22T17:00:00.000Z']);
  });

  it('pauses from the email link (GET changes nothing, POST pauses) and resumes', async () => {
    const email = 'pauser@example.com';
    const id = await enrolAndConfirm({ email, timezone: 'Europe/Berlin' });
    const pauseUrl = linkIn(smtp.for(email, 'welcome')[0]!.text, 'pause');
    const page = await rw.request('GET', pauseUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect((await rw.request('GET', `/v1/enrollments/${id}`, { apiKey })).body.status).toBe('active');

    const paused = await rw.request('POST', pauseUrl);
    expect(paused.status).toBe(200);
    expect(paused.text).toContain('/p/resume/');
    expect((await rw.request('GET', `/v1/enrollments/${id}`, { apiKey })).body).toMatchObject({
      status: 'paused',
      nextReminderAt: null,
    });
    await rw.advanceClock(apiKey, '2027-01-20T09:00:00Z');
    expect(smtp.for(email, 'reminder')).toHaveLength(0);

    const resumed = await rw.request('POST', `/v1/enrollments/${id}/resume`, { apiKey });
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ status: 'active', nextReminderAt: '2027-01-22T06:30:00.000Z' });
  });

  it('refuses a tampered link with 400 and an expired one with 410, as plain pages', async () => {
    const email = 'linker@example.com';
    await enrolAndConfirm({ email });
    const url = linkIn(smtp.for(email, 'welcome')[0]!.text, 'pause');
    const tampered = url.slice(0, -2) + (url.endsWith('AA') ? 'BB' : 'AA');
    const bad = await rw.request('GET', tampered);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('<!DOCTYPE html>');
    expect(bad.text).not.toMatch(/stack|Error:|at \w+ \(/);
    // A pause token used on the unsubscribe path is refused: links are single-purpose.
    const crossed = await rw.request('POST', url.replace('/p/pause/', '/p/unsubscribe/'));
    expect(crossed.status).toBe(400);
    expect((await rw.request('GET', url.replace('/p/pause/', '/p/launch/'))).status).toBe(400);

    // Confirm links last 14 days; 15 days on, this one has expired.
    const token = rw.api.get(LinkService).token('confirm', '00000000-0000-4000-8000-000000000000');
    await rw.advanceClock(apiKey, '2027-02-20T09:00:00Z');
    const expired = await rw.request('GET', `/p/confirm/${token}`);
    expect(expired.status).toBe(410);
    expect(expired.text).toMatch(/expired/i);
  });
});
