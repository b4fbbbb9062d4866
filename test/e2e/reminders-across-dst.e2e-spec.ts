import { localParts } from '@retrowalk/domain';
import { enrollmentBody, linkIn, RetrowalkHarness, SmtpSink } from '@retrowalk/testing';

const TZ = 'America/New_York';

/**
 * A participant in New York, through HTTP, the worker and a real SMTP listener, for three weeks
 * across the start of daylight saving time (Sunday 14 March 2027).
 */
describe('reminders across the March DST change', () => {
  let smtp: SmtpSink;
  let rw: RetrowalkHarness;
  let apiKey: string;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    rw = await RetrowalkHarness.start({ smtpUrl: smtp.url });
    ({ apiKey } = await rw.createOrganization('Knee Clinic', 'coach@knee.test'));
  });

  afterAll(async () => {
    await rw.close();
    await smtp.stop();
  });

  it('sends exactly one reminder per chosen day at 07:30 local, and none after unsubscribing', async () => {
    await rw.advanceClock(apiKey, '2027-03-01T14:00:00Z'); // Monday 09:00 EST
    const email = 'sam.dst@example.com';
    const created = await rw.request('POST', '/v1/enrollments', { apiKey, body: enrollmentBody({ email }) });
    expect(created.status).toBe(201);
    await smtp.waitFor(() => smtp.for(email, 'confirm').length === 1);

    // Double opt-in: the GET page changes nothing (mail scanners prefetch links), the POST confirms.
    const confirm = smtp.for(email, 'confirm')[0]!;
    const confirmUrl = linkIn(confirm.text, 'confirm');
    expect(confirm.html).toContain(confirmUrl.replace(/&/g, '&amp;'));
    const page = await rw.request('GET', confirmUrl);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<form method="post"');
    const stillPending = await rw.request('GET', `/v1/enrollments/${String(created.body.id)}`, { apiKey });
    expect(stillPending.body.status).toBe('pending_confirmation');
    expect((await rw.request('POST', confirmUrl)).status).toBe(200);
    await smtp.waitFor(() => smtp.for(email, 'welcome').length === 1);

    const active = await rw.request('GET', `/v1/enrollments/${String(created.body.id)}`, { apiKey });
    expect(active.body).toMatchObject({ status: 'active', nextReminderAt: '2027-03-03T12:30:00.000Z' });

    await rw.advanceClock(apiKey, '2027-03-22T16:00:00Z'); // three weeks on, Monday midday EDT

    const reminders = smtp.for(email, 'reminder');
    const local = reminders.map((m) => localParts(m.date, TZ));
    expect(local.map((l) => `${l.weekday} ${l.date} ${l.time}`)).toEqual([
      'wed 2027-03-03 07:30',
      'fri 2027-03-05 07:30',
      'mon 2027-03-08 07:30',
      'wed 2027-03-10 07:30',
      'fri 2027-03-12 07:30',
      'mon 2027-03-15 07:30',
      'wed 2027-03-17 07:30',
      'fri 2027-03-19 07:30',
      'mon 2027-03-22 07:30',
    ]);
    // The same local time is a different UTC instant once daylight saving time starts.
    expect(reminders[4]!.date.toISOString()).toBe('2027-03-12T12:30:00.000Z');
    expect(reminders[5]!.date.toISOString()).toBe('2027-03-15T11:30:00.000Z');

    const last = reminders[reminders.length - 1]!;
    expect(last.header('x-retrowalk-message')).toBe('reminder');
    expect(last.subject.length).toBeLessThan(70);
    const listUnsubscribe = last.header('list-unsubscribe') ?? '';
    expect(last.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const unsubscribeUrl = /<([^>]+)>/.exec(listUnsubscribe)?.[1];
    expect(unsubscribeUrl).toMatch(/\/p\/unsubscribe\//);

    const receivedBeforeUnsubscribing = smtp.for(email).length;
    // RFC 8058 one-click unsubscribe, as a mail provider sends it; twice, to show it is idempotent.
    for (let i = 0; i < 2; i++) {
      const res = await rw.request('POST', unsubscribeUrl!, {
        rawBody: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(res.status).toBe(200);
    }
    await rw.advanceClock(apiKey, '2027-04-05T16:00:00Z');
    expect(smtp.for(email, 'reminder')).toHaveLength(reminders.length);
    expect(smtp.for(email)).toHaveLength(receivedBeforeUnsubscribing);
    const after = await rw.request('GET', `/v1/enrollments/${String(created.body.id)}`, { apiKey });
    expect(after.body).toMatchObject({ status: 'unsubscribed', nextReminderAt: null });
  });
});
