import {
  copiesByRow,
  enrollmentBody,
  linkIn,
  messageRows,
  RetrowalkHarness,
  SmtpSink,
  WorkspaceBrowser,
} from '@retrowalk/testing';
import { Client } from 'pg';

/**
 * What the SMTP server answers, against a real listener: refusals bounce and suppress, 451s are
 * retried and sent once, a connection dropped mid-message loses nothing, connections are pooled,
 * and safety mail that may not arrive opens the undeliverable fact for the coach.
 */
const SETTINGS = {
  SEND_ATTEMPTS: '2',
  SEND_RETRY_DELAY_MS: '50',
  RESCHEDULE_DELAY_MS: '60000',
  SMTP_POOL_SIZE: '3',
  SEND_CONCURRENCY: '12',
  BOUNCE_DOMAIN: 'bounces.retrowalk.test',
  TEST_CLOCK_STALL_MS: '3000',
  DISPATCH_INTERVAL_MS: '100',
};
const NO_SUCH_USER = {
  code: 550,
  message: '5.1.1 <gone@example.com>: Recipient address rejected: User unknown',
};
const TRY_LATER = { code: 451, message: '4.3.0 Temporary lookup failure' };
const EVERY_DAY = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

describe('SMTP answers, against a real listener', () => {
  let smtp: SmtpSink;
  let rw: RetrowalkHarness;
  let apiKey: string;
  let organizationId: string;
  let db: Client;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    rw = await RetrowalkHarness.start({ smtpUrl: smtp.url, env: SETTINGS });
    ({ apiKey, organizationId } = await rw.createOrganization('Bounce Physio', 'coach@bounce.test'));
    // Reminders are what these stories bounce; an outcome check going out first would take the bounce.
    await rw.request('PATCH', '/v1/organization', { apiKey, body: { outcomeChecks: { enabled: false } } });
    await rw.advanceClock(apiKey, '2027-03-01T06:00:00Z');
    db = new Client({ connectionString: rw.database.url });
    await db.connect();
  });

  /** The kinds of the open attention items about one participant, as the coach's API lists them. */
  async function openItems(enrollmentId: string): Promise<string[]> {
    const res = await rw.request<{ data: { enrollmentId: string; kind: string }[] }>(
      'GET',
      '/v1/attention?status=open&limit=200',
      { apiKey },
    );
    return res.body.data
      .filter((item) => item.enrollmentId === enrollmentId)
      .map((item) => item.kind)
      .sort();
  }

  afterAll(async () => {
    await db.end();
    await rw.close();
    await smtp.stop();
  });

  beforeEach(() => {
    smtp.behaviour = {};
  });

  const deliveryEvents = async (email: string) =>
    (
      await db.query<{
        type: string;
        bounce_type: string | null;
        source: string;
        detail: string | null;
        kind: string | null;
      }>(
        `SELECT d.type, d.bounce_type, d.source, d.detail, m.kind FROM delivery_events d
         LEFT JOIN messages m ON m.id = d.message_id WHERE d.email = $1 ORDER BY d.created_at, d.type`,
        [email],
      )
    ).rows;

  /** The rows `where` picks, once none is still on its way (the mark follows the listener's 250). */
  async function settledRows(where: string, params: unknown[]) {
    for (let i = 0; i < 100; i++) {
      const rows = await messageRows(rw, where, params);
      if (rows.every((r) => !['pending', 'queued', 'sending'].includes(r.status))) return rows;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return messageRows(rw, where, params);
  }

  async function enrol(email: string, extra: Record<string, unknown> = {}): Promise<string> {
    const res = await rw.request<{ id: string }>('POST', '/v1/enrollments', {
      apiKey,
      body: enrollmentBody({
        email,
        timezone: 'UTC',
        reminder: { days: EVERY_DAY, time: '07:30' },
        ...extra,
      }),
    });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  async function enrolActive(email: string): Promise<string> {
    const id = await enrol(email);
    await smtp.waitFor(() => smtp.for(email, 'confirm').length === 1);
    const confirmed = await rw.request('POST', linkIn(smtp.for(email, 'confirm')[0]!.text, 'confirm'));
    expect(confirmed.status).toBe(200);
    await smtp.waitFor(() => smtp.for(email, 'welcome').length === 1);
    return id;
  }

  it('sends many messages over a few pooled connections, each once, with its VERP return path and queue id', async () => {
    const before = smtp.connections;
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(await enrol(`pooled-${i}@example.com`));
    await smtp.waitFor(() => smtp.received.filter((m) => m.to.startsWith('pooled-')).length === 30);
    const mine = smtp.received.filter((m) => m.to.startsWith('pooled-'));
    expect([...copiesByRow(mine).values()]).toEqual(Array(30).fill(1));
    // Far fewer connections than messages: the pool (3) reuses them.
    expect(smtp.connections - before).toBeLessThanOrEqual(6);
    const first = mine[0]!;
    const rowId = /^<([^@]+)@/.exec(first.messageId)![1]!;
    expect(first.returnPath).toBe(`bounces+${rowId}@bounces.retrowalk.test`);
    await settledRows('id = $1', [rowId]);
    const row = await db.query(
      `SELECT recipient, smtp_message_id, smtp_queue_id, smtp_reply FROM messages WHERE id = $1`,
      [rowId],
    );
    expect(row.rows[0]).toEqual({
      recipient: first.to,
      smtp_message_id: first.messageId,
      smtp_queue_id: first.queueId,
      smtp_reply: expect.stringMatching(new RegExp(`^250 Ok: queued as ${first.queueId}`)),
    });
  });

  it('bounces a refused recipient at once, suppresses the address and sends it nothing more but safety mail', async () => {
    smtp.behaviour = { rcpt: (to) => (to === 'gone@example.com' ? NO_SUCH_USER : null) };
    const others = [await enrol('stays-1@example.com'), await enrol('stays-2@example.com')];
    const id = await enrol('gone@example.com');
    await rw.advanceClock(apiKey, '2027-03-01T06:05:00Z');

    const [confirm] = await messageRows(rw, 'enrollment_id = $1', [id]);
    expect(confirm).toMatchObject({ kind: 'confirm', status: 'bounced', attempts: 1 });
    expect(confirm!.finished_reason).toContain('550 5.1.1');
    // Not retried: one RCPT TO, no DATA.
    expect(smtp.recipientsAsked.filter((a) => a === 'gone@example.com')).toHaveLength(1);
    // One undeliverable message held up nobody.
    for (const other of others) {
      expect((await messageRows(rw, 'enrollment_id = $1', [other])).map((r) => r.status)).toEqual(['sent']);
    }
    const list = await rw.request<{ data: { email: string; reason: string; detail: string }[] }>(
      'GET',
      '/v1/suppressions',
      {
        apiKey,
      },
    );
    expect(list.body.data).toEqual([
      expect.objectContaining({
        email: 'gone@example.com',
        reason: 'hard_bounce',
        detail: expect.stringContaining('550'),
      }),
    ]);
    const enrolment = await rw.request<{ deliverability: unknown }>('GET', `/v1/enrollments/${id}`, {
      apiKey,
    });
    expect(enrolment.body.deliverability).toEqual({
      status: 'suppressed',
      reason: 'hard_bounce',
      detail: expect.stringContaining('User unknown'),
      since: expect.any(String),
    });
    // The coach finds it in the list and on the person's page, where they read the address.
    const found = await rw.request<{ data: { id: string; deliverability: { status: string } }[] }>(
      'GET',
      `/v1/enrollments?q=gone`,
      { apiKey },
    );
    expect(found.body.data.find((e) => e.id === id)?.deliverability).toMatchObject({
      status: 'suppressed',
      reason: 'hard_bounce',
    });
    await rw.request('POST', '/v1/members', {
      apiKey,
      body: { email: 'dana@bounce.test', name: 'Dana', role: 'coach' },
    });
    const coach = new WorkspaceBrowser(rw);
    await coach.signIn('dana@bounce.test');
    const page = await coach.get(`/coach/participants/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Not sent to');
    expect(page.text).toContain('The address bounced');
    const timeline = await rw.request<{
      items: { type: string; event?: string; status?: string; smtp?: { reply: string } }[];
    }>('GET', `/v1/enrollments/${id}/timeline`, { apiKey });
    expect(timeline.body.items.find((e) => e.type === 'message')).toMatchObject({
      status: 'bounced',
      smtp: { reply: expect.stringContaining('550 5.1.1') },
    });
    expect(timeline.body.items.find((e) => e.type === 'delivery')).toMatchObject({
      event: 'bounce',
      source: 'smtp',
    });
  });

  it('ends a reminder to a suppressed address as suppressed, never tried, and still attempts the safety email once, warning the coach', async () => {
    const email = 'suppressed-walker@example.com';
    const id = await enrolActive(email);
    smtp.behaviour = { rcpt: (to) => (to === email ? NO_SUCH_USER : null) };
    await rw.advanceClock(apiKey, '2027-03-02T07:31:00Z'); // the 07:30 reminder bounces
    smtp.behaviour = {};
    const asked = smtp.recipientsAsked.filter((a) => a === email).length;
    await rw.advanceClock(apiKey, '2027-03-03T07:31:00Z'); // the next one is skipped
    const reminders = await messageRows(rw, `enrollment_id = $1 AND kind = 'reminder'`, [id]);
    expect(reminders.slice(0, 2).map((r) => [r.status, r.attempts])).toEqual([
      ['bounced', 1],
      ['suppressed', 1],
    ]);
    expect(reminders[1]!.finished_reason).toBe('suppressed_hard_bounce');
    expect(smtp.recipientsAsked.filter((a) => a === email)).toHaveLength(asked);

    expect(await rw.walkNow(apiKey, id, { fall: true })).toBe('stop');
    await smtp.waitFor(() => smtp.for(email, 'safety_stop').length === 1);
    await smtp.waitFor(() => smtp.received.some((m) => m.kind === 'coach_alert' && m.text.includes(email)));
    const events = await deliveryEvents(email);
    expect(events.filter((e) => e.type === 'undeliverable')).toEqual([
      expect.objectContaining({
        kind: 'safety_stop',
        source: 'sender',
        detail: expect.stringContaining('suppression list'),
      }),
    ]);
    const safety = await settledRows(`enrollment_id = $1 AND kind = 'safety_stop'`, [id]);
    expect(safety.map((r) => r.status)).toEqual(['sent']);
    // The coach's triage queue has it, beside the safety stop itself.
    expect(await openItems(id)).toEqual(['safety_stop', 'undeliverable']);
  });

  it('opens the undeliverable fact when a safety email bounces, and sends a bounced coach alert to the other coach address', async () => {
    const patch = await rw.request('PATCH', '/v1/organization', {
      apiKey,
      body: { backupCoachEmail: 'lead@bounce.test' },
    });
    expect(patch.status).toBe(200);
    const email = 'refused-on-stop@example.com';
    const id = await enrolActive(email);
    smtp.behaviour = { rcpt: (to) => (to === email || to === 'coach@bounce.test' ? NO_SUCH_USER : null) };
    expect(await rw.walkNow(apiKey, id, { painDuring: 8 })).toBe('stop');
    await smtp.waitFor(() =>
      smtp.received.some((m) => m.to === 'lead@bounce.test' && m.kind === 'coach_alert'),
    );
    // The listener has the alert a moment before its row is marked sent.
    const rows = await settledRows(`enrollment_id = $1 AND kind IN ('safety_stop', 'coach_alert')`, [id]);
    expect(rows.map((r) => `${r.kind} ${r.status}`).sort()).toEqual([
      'coach_alert bounced',
      'coach_alert sent',
      'safety_stop bounced',
    ]);
    const undeliverable = await db.query<{ kind: string; detail: string }>(
      `SELECT m.kind, d.detail FROM delivery_events d JOIN messages m ON m.id = d.message_id
       WHERE d.enrollment_id = $1 AND d.type = 'undeliverable' ORDER BY m.kind`,
      [id],
    );
    expect(undeliverable.rows.map((r) => r.kind)).toEqual(['coach_alert', 'safety_stop']);
    // Two facts, one item: the coach has one thing to act on for this person.
    expect(await openItems(id)).toEqual(['safety_stop', 'undeliverable']);
    const rerouted = await db.query(
      `SELECT email FROM delivery_events WHERE enrollment_id = $1 AND type = 'rerouted'`,
      [id],
    );
    expect(rerouted.rows).toEqual([{ email: 'lead@bounce.test' }]);
    await rw.request('PATCH', '/v1/organization', { apiKey, body: { backupCoachEmail: null } });
  });

  it('retries a server answering 451 twice and sends the message once when it takes it', async () => {
    const tries = new Map<string, number>();
    smtp.behaviour = {
      data: (to) => {
        if (!to.startsWith('later-')) return 'accept';
        tries.set(to, (tries.get(to) ?? 0) + 1);
        return tries.get(to)! <= 2 ? TRY_LATER : 'accept';
      },
    };
    const ids = [await enrol('later-1@example.com'), await enrol('later-2@example.com')];
    await rw.advanceClock(apiKey, '2027-03-03T09:00:00Z');
    const mine = smtp.received.filter((m) => m.to.startsWith('later-'));
    expect([...copiesByRow(mine).values()]).toEqual([1, 1]);
    for (const row of await messageRows(rw, 'enrollment_id = ANY($1)', [ids])) {
      expect(row).toMatchObject({ kind: 'confirm', status: 'sent', attempts: 3 });
      expect(row.last_error).toContain('451');
    }
    expect(await deliveryEvents('later-1@example.com')).toEqual([]);
  });

  it('loses and doubles nothing when the connection drops mid-message', async () => {
    const dropped = new Set<string>();
    smtp.behaviour = {
      data: (to) => {
        if (!to.startsWith('dropped-') || dropped.has(to)) return 'accept';
        dropped.add(to);
        return 'drop';
      },
    };
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await enrol(`dropped-${i}@example.com`));
    await rw.advanceClock(apiKey, '2027-03-03T10:00:00Z');
    const mine = smtp.received.filter((m) => m.to.startsWith('dropped-'));
    expect([...copiesByRow(mine).values()]).toEqual(Array(6).fill(1));
    expect(dropped.size).toBe(6);
    expect((await settledRows('enrollment_id = ANY($1)', [ids])).map((r) => r.status)).toEqual(
      Array(6).fill('sent'),
    );
    expect(organizationId).toBeTruthy();
  });
});
