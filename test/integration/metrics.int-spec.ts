import { setTimeout as sleep } from 'node:timers/promises';
import { Clock, EnrollmentService, type TestClock } from '@retrowalk/application';
import { NOTHING_TO_REPORT } from '@retrowalk/domain';
import { enrollmentBody, metricValue, RetrowalkHarness, samplesOf, SmtpSink } from '@retrowalk/testing';
import { Client } from 'pg';

/**
 * Application metrics, read the way Prometheus reads them: the worker's counters move when the send
 * path really moved a row (sent, bounced, expired), the dispatch lag tells the age of an overdue
 * message by the application clock, HTTP durations are labelled by route pattern only, and the
 * public port hands out metrics and the detailed readiness only to the holder of METRICS_TOKEN.
 */
const METRICS_TOKEN = 'metrics-token-for-the-tests-0123456789';
const NO_SUCH_USER = { code: 550, message: '5.1.1 <gone@example.com>: Recipient address rejected' };
const TRY_LATER = { code: 451, message: '4.3.0 Temporary lookup failure' };
const HOUR_S = 3600;

describe('application metrics', () => {
  let smtp: SmtpSink;
  let rw: RetrowalkHarness;
  let apiKey: string;
  let organizationId: string;
  let db: Client;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    rw = await RetrowalkHarness.start({
      smtpUrl: smtp.url,
      // One try per claim: a transient failure goes straight back to the schedule (a reschedule).
      env: { METRICS_TOKEN, DISPATCH_INTERVAL_MS: '100', TEST_CLOCK_STALL_MS: '3000', SEND_ATTEMPTS: '1' },
    });
    ({ apiKey, organizationId } = await rw.createOrganization('Metrics Physio', 'coach@metrics.test'));
    await rw.request('PATCH', '/v1/organization', { apiKey, body: { outcomeChecks: { enabled: false } } });
    await rw.advanceClock(apiKey, '2027-03-01T06:00:00Z');
    db = new Client({ connectionString: rw.database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db.end();
    await rw.close();
    await smtp.stop();
  });

  const scrape = async (base: string, headers: Record<string, string> = {}): Promise<string> => {
    const res = await fetch(`${base}/metrics`, { headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    return res.text();
  };

  /** Scrapes until `check` holds (the counter follows the row's mark by a moment), or fails with the last. */
  async function until(base: string, check: (text: string) => boolean): Promise<string> {
    let text = '';
    for (let i = 0; i < 50; i++) {
      text = await scrape(base);
      if (check(text)) return text;
      await sleep(100);
    }
    return text;
  }

  const nowOf = () => rw.api.get<Clock, TestClock>(Clock).now();

  it('counts a sent email and a bounce by kind, as they happened, on the worker operations port', async () => {
    const before = await scrape(rw.workerOpsUrl);
    smtp.behaviour = { rcpt: (address) => (address === 'gone@example.com' ? NO_SUCH_USER : null) };
    for (const email of ['kept@example.com', 'gone@example.com']) {
      const res = await rw.request('POST', '/v1/enrollments', { apiKey, body: enrollmentBody({ email }) });
      expect(res.status).toBe(201);
    }
    await rw.advanceClock(apiKey, new Date(nowOf().getTime() + 1000));
    smtp.behaviour = {};
    const delta = (text: string, name: string, labels: Record<string, string>) =>
      metricValue(text, name, labels) - metricValue(before, name, labels);
    const after = await until(
      rw.workerOpsUrl,
      (text) => delta(text, 'retrowalk_emails_bounced_total', { kind: 'confirm' }) >= 1,
    );

    expect(delta(after, 'retrowalk_emails_sent_total', { kind: 'confirm' })).toBe(1);
    expect(delta(after, 'retrowalk_emails_bounced_total', { kind: 'confirm', source: 'smtp' })).toBe(1);
    expect(
      delta(after, 'retrowalk_email_send_duration_seconds_count', { outcome: 'accepted' }),
    ).toBeGreaterThanOrEqual(1);
    expect(delta(after, 'retrowalk_email_send_duration_seconds_count', { outcome: 'bounce' })).toBe(1);
    // A bounce ends its job as failed on purpose (UnrecoverableError): the job counters see it.
    expect(delta(after, 'retrowalk_job_failures_total', { job: 'SendMessage' })).toBe(1);
    expect(
      delta(after, 'retrowalk_job_duration_seconds_count', { job: 'SendMessage', outcome: 'completed' }),
    ).toBeGreaterThanOrEqual(1);
    // Nothing was retried or suppressed along the way.
    expect(delta(after, 'retrowalk_email_send_failures_total', {})).toBe(0);
    expect(delta(after, 'retrowalk_emails_suppressed_total', {})).toBe(0);
    // Postgres agrees: one of each.
    const rows = await db.query<{ status: string }>(
      `SELECT m.status FROM messages m JOIN enrollments e ON e.id = m.enrollment_id
       WHERE e.email IN ('kept@example.com', 'gone@example.com') ORDER BY m.status`,
    );
    expect(rows.rows.map((r) => r.status)).toEqual(['bounced', 'sent']);
  });

  it('a reminder 7 hours late: the dispatch lag tells its age, then it ends expired and is counted', async () => {
    const service = rw.api.get(EnrollmentService);
    const { enrollment } = await service.enroll(organizationId, {
      email: 'late@example.com',
      firstName: 'Lee',
      timezone: 'Europe/Berlin',
      reminder: { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], time: '07:30' },
      audience: 'general',
      screening: NOTHING_TO_REPORT,
    });
    await service.confirmByLink(enrollment.id);
    await rw.advanceClock(apiKey, new Date(nowOf().getTime() + 1000)); // confirm and welcome go out
    const reminder = await db.query<{ due_at: Date }>(
      `SELECT due_at FROM messages WHERE enrollment_id = $1 AND kind = 'reminder' AND status = 'pending'`,
      [enrollment.id],
    );
    const dueAt = reminder.rows[0]!.due_at;

    await rw.stopWorker();
    const now = new Date(dueAt.getTime() + 7 * HOUR_S * 1000);
    await rw.api.get<Clock, TestClock>(Clock).set(now);
    const oldest = await db.query<{ due_at: Date }>(
      `SELECT min(due_at) AS due_at FROM messages WHERE status IN ('pending', 'queued') AND due_at <= $1`,
      [now],
    );
    const lagged = await scrape(rw.opsUrl);
    const lag = metricValue(lagged, 'retrowalk_dispatch_lag_seconds');
    expect(lag).toBe((now.getTime() - oldest.rows[0]!.due_at.getTime()) / 1000);
    expect(lag).toBeGreaterThanOrEqual(7 * HOUR_S);

    await rw.startWorker();
    for (let i = 0; i < 100; i++) {
      const row = await db.query<{ status: string }>(
        `SELECT status FROM messages WHERE enrollment_id = $1 AND kind = 'reminder' AND due_at = $2`,
        [enrollment.id, dueAt],
      );
      if (row.rows[0]?.status === 'expired') break;
      await sleep(100);
    }
    // A fresh worker process: its counters start from nothing, so this is the one expiry.
    const expired = await until(
      rw.workerOpsUrl,
      (text) => metricValue(text, 'retrowalk_emails_expired_total', { kind: 'reminder' }) === 1,
    );
    expect(metricValue(expired, 'retrowalk_emails_expired_total', { kind: 'reminder' })).toBe(1);
    expect(metricValue(expired, 'retrowalk_emails_sent_total', { kind: 'reminder' })).toBe(0);
    const caughtUp = await until(
      rw.opsUrl,
      (text) => metricValue(text, 'retrowalk_dispatch_lag_seconds') < 7 * HOUR_S,
    );
    expect(metricValue(caughtUp, 'retrowalk_dispatch_lag_seconds')).toBeLessThan(7 * HOUR_S);
  });

  it('labels HTTP durations by route pattern: no token, id or address in any label', async () => {
    const token = `v1.${'A'.repeat(40)}.signature-part-that-is-secret`;
    const id = '5d1d9a3c-2f6b-4a5e-9c1d-0123456789ab';
    await rw.request('GET', `/p/check-in/${token}`);
    await rw.request('GET', `/v1/enrollments/${id}`, { apiKey });
    await rw.request('GET', `/nothing/here/${id}`);
    const text = await scrape(rw.opsUrl);
    const durations = samplesOf(text).filter(
      (s) => s.name === 'retrowalk_http_request_duration_seconds_count',
    );
    const routes = new Set(durations.map((s) => s.labels.route));
    expect([...routes]).toEqual(
      expect.arrayContaining(['/p/check-in/:token', '/v1/enrollments/:id', 'unmatched']),
    );
    expect(
      durations.find((s) => s.labels.route === '/v1/enrollments/:id' && s.labels.method === 'GET')?.labels
        .status,
    ).toBe('404');
    for (const secret of [token, id, 'nothing/here', apiKey]) expect(text).not.toContain(secret);
    // Every label value is a pattern or a closed word, never a raw address with a value in it.
    for (const route of routes) expect(route).toMatch(/^(unmatched|\/[A-Za-z0-9/:_*.-]*)$/);
  });

  it('opens metrics and the detailed readiness on the public port only with METRICS_TOKEN', async () => {
    const none = await rw.request('GET', '/metrics');
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ error: { code: 'unauthorized' } });
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrong = await rw.request('GET', '/metrics', { headers: { authorization: 'Bearer not-the-token' } });
    expect(wrong.status).toBe(401);
    const right = await scrape(rw.baseUrl, { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(right).toContain('retrowalk_queue_up 1');
    expect(await scrape(rw.opsUrl)).toContain('retrowalk_process_cpu_seconds_total');

    const ready = await rw.request('GET', '/health/ready');
    expect([ready.status, ready.body]).toEqual([200, { status: 'ok' }]);
    const detailed = await rw.request('GET', '/health/ready', {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(detailed.body).toMatchObject({ status: 'ok', checks: { postgres: { status: 'up' } } });
    const ops = await rw.request('GET', `${rw.opsUrl}/health/ready`);
    expect(ops.body).toEqual({
      status: 'ok',
      checks: { postgres: { status: 'up' }, redis: { status: 'up' } },
    });
    expect((await rw.request('GET', `${rw.workerOpsUrl}/health/ready`)).body).toMatchObject({
      checks: { redis: { status: 'up' } },
    });
  });

  it('counts a transient failure by its reason class, and the reschedule it led to', async () => {
    const before = await scrape(rw.workerOpsUrl);
    smtp.behaviour = { rcpt: (address) => (address === 'later@example.com' ? TRY_LATER : null) };
    const res = await rw.request('POST', '/v1/enrollments', {
      apiKey,
      body: enrollmentBody({ email: 'later@example.com' }),
    });
    expect(res.status).toBe(201);
    await rw.advanceClock(apiKey, new Date(nowOf().getTime() + 1000));
    const delta = (text: string, name: string, labels: Record<string, string>) =>
      metricValue(text, name, labels) - metricValue(before, name, labels);
    const after = await until(
      rw.workerOpsUrl,
      (text) => delta(text, 'retrowalk_delivery_reschedules_total', { kind: 'confirm' }) >= 1,
    );
    smtp.behaviour = {};
    expect(delta(after, 'retrowalk_email_send_failures_total', { kind: 'confirm', reason: 'smtp_4xx' })).toBe(
      1,
    );
    expect(delta(after, 'retrowalk_delivery_reschedules_total', { kind: 'confirm' })).toBe(1);
    expect(delta(after, 'retrowalk_email_send_duration_seconds_count', { outcome: 'retry' })).toBe(1);
    expect(delta(after, 'retrowalk_emails_sent_total', { kind: 'confirm' })).toBe(0);
    const row = await db.query<{ status: string }>(
      `SELECT m.status FROM messages m JOIN enrollments e ON e.id = m.enrollment_id
       WHERE e.email = 'later@example.com'`,
    );
    expect(row.rows.map((r) => r.status)).toEqual(['pending']);
  });
});
