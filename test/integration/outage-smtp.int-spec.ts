import {
  copiesByRow,
  enrollmentBody,
  linkIn,
  messageRows,
  RetrowalkHarness,
  SmtpSink,
} from '@retrowalk/testing';

/**
 * SMTP outages longer than every retry budget. Short settings: two tries per claim 50 ms apart, then
 * back to the schedule a minute later (doubling, capped at an hour, application clock), and SMTP
 * waits of 300 ms, so hours of outage are walked by the test clock in a few seconds.
 */
const FAST_RETRIES = {
  SEND_ATTEMPTS: '2',
  SEND_RETRY_DELAY_MS: '50',
  RESCHEDULE_DELAY_MS: '60000',
  RESCHEDULE_MAX_DELAY_MS: '3600000',
  SMTP_CONNECTION_TIMEOUT_MS: '300',
  SMTP_GREETING_TIMEOUT_MS: '300',
  SMTP_SOCKET_TIMEOUT_MS: '300',
  TEST_CLOCK_STALL_MS: '1500',
  DISPATCH_INTERVAL_MS: '100',
};
const T0 = '2027-03-01T12:00:00Z';
const TRY_LATER = { code: 451, message: '4.3.0 Mail server temporarily rejected message' };

describe('SMTP outages longer than every retry budget', () => {
  let smtp: SmtpSink;
  let rw: RetrowalkHarness;
  let apiKey: string;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    rw = await RetrowalkHarness.start({ smtpUrl: smtp.url, env: FAST_RETRIES });
    ({ apiKey } = await rw.createOrganization('Outage Physio', 'coach@outage.test'));
    await rw.advanceClock(apiKey, T0);
  });

  afterAll(async () => {
    await rw.close();
    await smtp.stop();
  });

  beforeEach(() => {
    smtp.behaviour = {};
  });

  it('a server answering 451 for three hours loses no confirmation: each goes out once when it recovers', async () => {
    smtp.behaviour = { data: () => TRY_LATER };
    const ids = await rw.enrolMany(apiKey, 'busy', 12);
    await rw.advanceClock(apiKey, '2027-03-01T15:00:00Z');

    const during = await messageRows(rw, 'enrollment_id = ANY($1)', [ids]);
    expect(smtp.received.filter((m) => m.to.startsWith('busy-'))).toHaveLength(0);
    // Far past the old budget of eight tries in ~254 s, and still not given up on.
    for (const row of during) {
      expect(row).toMatchObject({ kind: 'confirm', status: 'pending' });
      expect(row.reschedules).toBeGreaterThanOrEqual(7);
      expect(row.last_error).toContain('451');
    }

    smtp.behaviour = {};
    await rw.advanceClock(apiKey, '2027-03-01T16:01:00Z');
    const mine = smtp.received.filter((m) => m.to.startsWith('busy-'));
    expect([...copiesByRow(mine).values()]).toEqual(Array(12).fill(1));
    const after = await messageRows(rw, 'enrollment_id = ANY($1)', [ids]);
    expect(after.map((r) => r.status)).toEqual(Array(12).fill('sent'));
  });

  it('a server that hangs after DATA is given up on within the socket timeout and sent to once it answers', async () => {
    smtp.behaviour = { data: () => 'hang' };
    const started = Date.now();
    const ids = await rw.enrolMany(apiKey, 'hung', 3);
    await rw.advanceClock(apiKey, '2027-03-01T17:00:00Z');
    // Each try ends at the 300 ms socket timeout, never at nodemailer's 10 minutes.
    expect(Date.now() - started).toBeLessThan(60_000);
    for (const row of await messageRows(rw, 'enrollment_id = ANY($1)', [ids])) {
      expect(row.status).toBe('pending');
      expect(row.last_error).toMatch(/timeout/i);
    }
    smtp.behaviour = {};
    // The next try comes at most RESCHEDULE_MAX_DELAY_MS (an hour) later.
    await rw.advanceClock(apiKey, '2027-03-01T18:01:00Z');
    const mine = smtp.received.filter((m) => m.to.startsWith('hung-'));
    expect([...copiesByRow(mine).values()]).toEqual([1, 1, 1]);
  });

  async function enrolActive(email: string): Promise<string> {
    const res = await rw.request<{ id: string }>('POST', '/v1/enrollments', {
      apiKey,
      body: enrollmentBody({
        email,
        timezone: 'UTC',
        reminder: { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], time: '07:30' },
      }),
    });
    expect(res.status).toBe(201);
    await smtp.waitFor(() => smtp.for(email, 'confirm').length === 1);
    const confirmed = await rw.request('POST', linkIn(smtp.for(email, 'confirm')[0]!.text, 'confirm'));
    expect(confirmed.status).toBe(200);
    return res.body.id;
  }

  it('a reminder that cannot go out for more than six hours ends as expired, and the next one goes out', async () => {
    await rw.advanceClock(apiKey, '2027-03-02T06:00:00Z');
    const id = await enrolActive('morning@outage.example');
    smtp.behaviour = { data: (to) => (to === 'morning@outage.example' ? TRY_LATER : 'accept') };
    await rw.advanceClock(apiKey, '2027-03-02T14:00:00Z');
    const missed = await messageRows(rw, `enrollment_id = $1 AND kind = 'reminder'`, [id]);
    // "Walk this morning" at two in the afternoon helps nobody: it ends as expired, for all to read.
    expect(missed[0]).toMatchObject({ status: 'expired', finished_reason: 'too_late' });
    expect(missed[0]!.last_error).toContain('451');

    smtp.behaviour = {};
    await rw.advanceClock(apiKey, '2027-03-03T08:00:00Z');
    const reminders = smtp.for('morning@outage.example', 'reminder');
    expect(reminders.map((m) => m.date.toISOString())).toEqual(['2027-03-03T07:30:00.000Z']);
  });

  it('a safety email reported during a day-long outage never expires: it arrives once when SMTP is back', async () => {
    const id = await enrolActive('fell@outage.example');
    smtp.behaviour = { data: () => TRY_LATER };
    expect(await rw.walkNow(apiKey, id, { fall: true })).toBe('stop');
    await rw.advanceClock(apiKey, '2027-03-04T08:30:00Z');
    const during = await messageRows(rw, `enrollment_id = $1 AND kind IN ('safety_stop', 'coach_alert')`, [
      id,
    ]);
    expect(during.map((r) => r.status)).toEqual(['pending', 'pending']);

    smtp.behaviour = {};
    await rw.advanceClock(apiKey, '2027-03-04T09:31:00Z');
    expect(smtp.for('fell@outage.example', 'safety_stop')).toHaveLength(1);
    const alerts = smtp.received.filter((m) => m.kind === 'coach_alert');
    expect([...copiesByRow(alerts).values()]).toEqual([1]);
    const after = await messageRows(rw, `enrollment_id = $1 AND kind IN ('safety_stop', 'coach_alert')`, [
      id,
    ]);
    expect(after.map((r) => r.status)).toEqual(['sent', 'sent']);
  });
});
