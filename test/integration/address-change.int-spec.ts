import { enrollmentBody, linkIn, messageRows, RetrowalkHarness, SmtpSink } from '@retrowalk/testing';
import { Client } from 'pg';

const EVERY_DAY = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const NO_SUCH_USER = { code: 550, message: '5.1.1 Recipient address rejected: User unknown' };

/**
 * The ways off the suppression list: a coach changes the address (the new one confirms before the
 * programme's mail goes there), the same address confirms again, or an admin lifts it (audited).
 */
describe('changing an address, and lifting a suppression', () => {
  let smtp: SmtpSink;
  let rw: RetrowalkHarness;
  let apiKey: string;
  let db: Client;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    rw = await RetrowalkHarness.start({
      smtpUrl: smtp.url,
      env: { SEND_ATTEMPTS: '1', TEST_CLOCK_STALL_MS: '3000' },
    });
    ({ apiKey } = await rw.createOrganization('Address Physio', 'coach@address.test'));
    await rw.advanceClock(apiKey, '2027-03-01T06:00:00Z');
    db = new Client({ connectionString: rw.database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db.end();
    await rw.close();
    await smtp.stop();
  });

  /** An active participant whose first reminder bounced: suppressed (hard bounce). */
  async function suppressedParticipant(email: string): Promise<string> {
    const res = await rw.request<{ id: string }>('POST', '/v1/enrollments', {
      apiKey,
      body: enrollmentBody({ email, timezone: 'UTC', reminder: { days: EVERY_DAY, time: '07:30' } }),
    });
    await smtp.waitFor(() => smtp.for(email, 'confirm').length === 1);
    await rw.request('POST', linkIn(smtp.for(email, 'confirm')[0]!.text, 'confirm'));
    await smtp.waitFor(() => smtp.for(email, 'welcome').length === 1);
    smtp.behaviour = { rcpt: (to) => (to === email ? NO_SUCH_USER : null) };
    const now = new Date((await rw.request<{ now: string }>('GET', '/v1/test-clock', { apiKey })).body.now);
    const next = new Date(now);
    next.setUTCDate(now.getUTCDate() + (now.getUTCHours() * 60 + now.getUTCMinutes() >= 450 ? 1 : 0));
    next.setUTCHours(7, 31, 0, 0);
    await rw.advanceClock(apiKey, next);
    smtp.behaviour = {};
    const view = await rw.request<{ deliverability: { status: string } }>(
      'GET',
      `/v1/enrollments/${res.body.id}`,
      { apiKey },
    );
    expect(view.body.deliverability.status).toBe('suppressed');
    return res.body.id;
  }

  it('a new address gets nothing but its confirmation until it confirms; then the programme goes on there', async () => {
    const id = await suppressedParticipant('old-address@example.com');
    const patch = await rw.request<{ email: string; status: string; deliverability: unknown }>(
      'PATCH',
      `/v1/enrollments/${id}`,
      {
        apiKey,
        body: { email: 'new-address@example.com' },
      },
    );
    expect(patch.status).toBe(200);
    expect(patch.body).toMatchObject({
      email: 'new-address@example.com',
      status: 'active',
      deliverability: { status: 'ok', awaitingConfirmation: true },
    });
    await smtp.waitFor(() => smtp.for('new-address@example.com', 'address_confirm').length === 1);
    const confirmation = smtp.for('new-address@example.com', 'address_confirm')[0]!;
    expect(confirmation.subject).toBe('Please confirm your new email address');

    // The next reminder falls due before the confirmation: it is not sent to an unconfirmed address.
    await rw.advanceClock(apiKey, '2027-03-03T07:31:00Z');
    expect(smtp.for('new-address@example.com', 'reminder')).toHaveLength(0);
    const held = await messageRows(
      rw,
      `enrollment_id = $1 AND kind = 'reminder' AND finished_reason = 'address_unconfirmed'`,
      [id],
    );
    // 2 and 3 March.
    expect(held.map((r) => r.status)).toEqual(['cancelled', 'cancelled']);

    const page = await rw.request('GET', linkIn(confirmation.text, 'confirm-address'));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Yes, this is my address');
    const confirmed = await rw.request('POST', linkIn(confirmation.text, 'confirm-address'));
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain('your address is confirmed');
    const after = await rw.request<{ deliverability: unknown }>('GET', `/v1/enrollments/${id}`, { apiKey });
    expect(after.body.deliverability).toEqual({ status: 'ok' });
    await rw.advanceClock(apiKey, '2027-03-04T07:31:00Z');
    expect(smtp.for('new-address@example.com', 'reminder')).toHaveLength(1);
    expect(smtp.for('old-address@example.com', 'reminder')).toHaveLength(0);
  });

  it('a confirmation link of an earlier change confirms nothing', async () => {
    const id = await suppressedParticipant('twice-old@example.com');
    await rw.request('PATCH', `/v1/enrollments/${id}`, {
      apiKey,
      body: { email: 'twice-first@example.com' },
    });
    await smtp.waitFor(() => smtp.for('twice-first@example.com', 'address_confirm').length === 1);
    await rw.advanceClock(
      apiKey,
      new Date(
        Date.parse((await rw.request<{ now: string }>('GET', '/v1/test-clock', { apiKey })).body.now) +
          60_000,
      ),
    );
    await rw.request('PATCH', `/v1/enrollments/${id}`, {
      apiKey,
      body: { email: 'twice-second@example.com' },
    });
    const stale = await rw.request(
      'POST',
      linkIn(smtp.for('twice-first@example.com', 'address_confirm')[0]!.text, 'confirm-address'),
    );
    expect(stale.text).toContain('This link is out of date');
    const view = await rw.request<{ deliverability: { awaitingConfirmation?: boolean } }>(
      'GET',
      `/v1/enrollments/${id}`,
      { apiKey },
    );
    expect(view.body.deliverability.awaitingConfirmation).toBe(true);
  });

  it('refuses an address another enrolment has (409), and confirming the same suppressed address lifts it', async () => {
    const id = await suppressedParticipant('fixed-mailbox@example.com');
    const taken = await rw.request('PATCH', `/v1/enrollments/${id}`, {
      apiKey,
      body: { email: 'new-address@example.com' },
    });
    expect(taken.status).toBe(409);
    const same = await rw.request('PATCH', `/v1/enrollments/${id}`, {
      apiKey,
      body: { email: 'fixed-mailbox@example.com' },
    });
    expect(same.status).toBe(200);
    // The confirmation goes even though the address is suppressed: it is the way off the list.
    await smtp.waitFor(() => smtp.for('fixed-mailbox@example.com', 'address_confirm').length === 1);
    await rw.request(
      'POST',
      linkIn(smtp.for('fixed-mailbox@example.com', 'address_confirm')[0]!.text, 'confirm-address'),
    );
    const list = await rw.request<{ data: { email: string }[] }>('GET', '/v1/suppressions', { apiKey });
    expect(list.body.data.map((s) => s.email)).not.toContain('fixed-mailbox@example.com');
  });

  it('lets an admin lift an address off the list, audited by id, and answers 404 for one not on it', async () => {
    const id = await suppressedParticipant('lift-me@example.com');
    const [entry] = (
      await db.query<{ id: string }>(`SELECT id FROM suppressions WHERE email = 'lift-me@example.com'`)
    ).rows;
    const lifted = await rw.request('DELETE', '/v1/suppressions/lift-me%40example.com', { apiKey });
    expect(lifted.status).toBe(204);
    const again = await rw.request('DELETE', '/v1/suppressions/lift-me@example.com', { apiKey });
    expect(again.status).toBe(404);
    // Not an address at all, or one that would not decode: not on the list, never a 500.
    for (const odd of ['not-an-address', 'a%25zz%40example.com', '%E0%A4%A']) {
      const status = (await rw.request('DELETE', `/v1/suppressions/${odd}`, { apiKey })).status;
      expect({ odd, refused: status === 404 || status === 400 }).toEqual({ odd, refused: true });
    }
    const audit = await db.query(
      `SELECT action, subject_id, actor_kind FROM audit_entries WHERE action = 'suppression.lifted'`,
    );
    expect(audit.rows).toEqual([
      { action: 'suppression.lifted', subject_id: entry!.id, actor_kind: 'api_key' },
    ]);
    const view = await rw.request<{ deliverability: unknown }>('GET', `/v1/enrollments/${id}`, { apiKey });
    expect(view.body.deliverability).toEqual({ status: 'ok' });
  });
});
