import { randomBytes } from 'node:crypto';
import { DispatchService, OrganizationService, SendMessageService } from '@retrowalk/application';
import { JobRepository } from '@retrowalk/queue';
import { CLEAN_WALK, enrollmentBody, linkIn, RetrowalkHarness, SmtpSink } from '@retrowalk/testing';
import { Client } from 'pg';

/**
 * Export and erasure through HTTP, the worker, Redis and a real SMTP listener. The erasure test
 * then searches every row of every table, every Redis key under this file's prefix and every log
 * line for what it must have removed.
 */
describe('data rights: export and erasure', () => {
  let smtp: SmtpSink;
  let rw: RetrowalkHarness;
  let db: Client;
  let adminKey: string;
  let coachKey: string;
  let coachKeyId: string;
  let wellnessKey: string;
  let otherKey: string;
  let organizationId: string;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    rw = await RetrowalkHarness.start({
      smtpUrl: smtp.url,
      captureLogs: true,
      env: { LOG_LEVEL: 'debug' },
    });
    ({ apiKey: adminKey, organizationId } = await rw.createOrganization('Data Clinic', 'coach@data.test'));
    ({ apiKey: otherKey } = await rw.createOrganization('Other Clinic', 'coach@other.test'));
    const organizations = rw.api.get(OrganizationService);
    const coach = await organizations.createApiKey(organizationId, 'coach', 'coach');
    ({ key: coachKey } = coach);
    coachKeyId = coach.apiKey.id;
    ({ key: wellnessKey } = await organizations.createApiKey(organizationId, 'wellness_manager', 'hr'));
    db = new Client({ connectionString: rw.database.url });
    await db.connect();
    await rw.advanceClock(adminKey, '2027-06-07T09:00:00Z'); // Monday
  });

  afterAll(async () => {
    await db.end();
    await rw.close();
    await smtp.stop();
  });

  const unique = () => randomBytes(4).toString('hex');

  async function enrolActive(
    overrides: { email?: string; firstName?: string; externalId?: string } = {},
  ): Promise<{ id: string; email: string }> {
    const email = overrides.email ?? `walker.${unique()}@example.com`;
    const created = await rw.request('POST', '/v1/enrollments', {
      apiKey: coachKey,
      body: enrollmentBody({ timezone: 'Europe/London', ...overrides, email }),
    });
    expect(created.status).toBe(201);
    await smtp.waitFor(() => smtp.for(email, 'confirm').length === 1);
    await rw.request('POST', linkIn(smtp.for(email, 'confirm')[0]!.text, 'confirm'));
    await smtp.waitFor(() => smtp.for(email, 'welcome').length === 1);
    return { id: String(created.body.id), email };
  }

  async function checkIn(id: string, at: string, report: Record<string, unknown>) {
    return rw.request<{ decision: { action: string } }>('POST', `/v1/enrollments/${id}/check-ins`, {
      apiKey: coachKey,
      body: { performedAt: at, ...CLEAN_WALK, ...report },
    });
  }

  /** Answers the person's first outcome check through its page, as they would. */
  async function answerBaseline(email: string, fields: Record<string, string>): Promise<void> {
    await smtp.waitFor(() => smtp.for(email, 'outcome_check').length > 0);
    const res = await rw.request(
      'POST',
      linkIn(smtp.for(email, 'outcome_check')[0]!.text, 'outcome-baseline'),
      {
        rawBody: new URLSearchParams(fields).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
    );
    expect(res.text).toContain('Thank you');
  }

  /** Every row of every table in the database, as text. */
  async function everyRow(): Promise<{ table: string; row: string }[]> {
    const tables = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const rows: { table: string; row: string }[] = [];
    for (const { table_name: table } of tables.rows) {
      const result = await db.query<{ row: string }>(`SELECT t::text AS row FROM "${table}" t`);
      rows.push(...result.rows.map((r) => ({ table, row: r.row })));
    }
    return rows;
  }

  /** Every key under this file's Redis prefix, with its whole content as text. */
  async function everyRedisEntry(): Promise<{ key: string; content: string }[]> {
    const redis = rw.api.get(JobRepository).redis;
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', `{${rw.config.redisPrefix}}*`, 'COUNT', 500);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    const entries: { key: string; content: string }[] = [];
    for (const key of keys) {
      const type = await redis.type(key);
      const content =
        type === 'string'
          ? await redis.get(key)
          : type === 'hash'
            ? await redis.hgetall(key)
            : type === 'list'
              ? await redis.lrange(key, 0, -1)
              : type === 'set'
                ? await redis.smembers(key)
                : type === 'zset'
                  ? await redis.zrange(key, 0, -1)
                  : type === 'stream'
                    ? await redis.xrange(key, '-', '+')
                    : null;
      entries.push({ key, content: JSON.stringify(content) });
    }
    return entries;
  }

  it('erases a person: no table, Redis key or log line keeps their email or pain scores', async () => {
    const firstName = `Quintessa${unique()}`;
    const externalId = `crm-${unique()}`;
    const note = `knee-note-${unique()}`;
    const activity = `gardening-${unique()}`;
    const { id, email } = await enrolActive({
      email: `erase.me.${unique()}@example.com`,
      firstName,
      externalId,
    });
    // A second person, kept: proves the searches below would find what they look for.
    const control = await enrolActive({ firstName: 'Control' });
    await rw.advanceClock(adminKey, '2027-06-07T12:00:00Z');
    expect((await checkIn(control.id, '2027-06-07T10:00:00Z', { painDuring: 1 })).status).toBe(201);
    // Outcome checks: a named activity, and pain 7, which the audit trail records for the coach.
    await answerBaseline(email, { pain: '7', activity0: activity, score0: '2' });
    await answerBaseline(control.email, { pain: '3', activity0: 'control-activity', score0: '6' });

    expect(
      (await checkIn(id, '2027-06-07T10:00:00Z', { painDuring: 2, notes: note })).body.decision.action,
    ).toBe('carry_on');
    await rw.advanceClock(adminKey, '2027-06-09T12:00:00Z');
    expect(
      (await checkIn(id, '2027-06-09T11:00:00Z', { painDuring: 5, painType: 'aching' })).body.decision.action,
    ).toBe('hold');

    // With the worker away, the safety stop's two emails are claimed into Redis and wait there.
    await rw.stopWorker();
    const stop = await checkIn(id, '2027-06-09T11:30:00Z', { painDuring: 7, painType: 'sharp' });
    expect(stop.body.decision.action).toBe('stop');
    await rw.api.get(DispatchService).dispatchDue();
    const queued = await db.query<{ id: string; kind: string; claim_seq: number }>(
      `SELECT id, kind, claim_seq FROM messages WHERE enrollment_id = $1 AND status = 'queued'`,
      [id],
    );
    expect(queued.rows.map((r) => r.kind).sort()).toEqual(['coach_alert', 'safety_stop']);
    const jobKey = (messageId: string) => {
      const claim = queued.rows.find((r) => r.id === messageId)!.claim_seq;
      return `{${rw.config.redisPrefix}}:send:${messageId}.${claim}`;
    };
    const redis = rw.api.get(JobRepository).redis;
    for (const row of queued.rows) expect(await redis.exists(jobKey(row.id))).toBe(1);
    const dataLink = linkIn(smtp.for(email, 'welcome')[0]!.text, 'data');
    const sentBefore = smtp.for(email).length;

    const erased = await rw.request('DELETE', `/v1/enrollments/${id}`, { apiKey: coachKey });
    expect(erased.status).toBe(204);
    expect(erased.text).toBe('');

    // Queued jobs are gone from Redis, their rows cancelled; a job that still ran would send nothing.
    for (const row of queued.rows) expect(await redis.exists(jobKey(row.id))).toBe(0);
    const after = await db.query<{ status: string; finished_reason: string }>(
      `SELECT status, finished_reason FROM messages WHERE id = ANY($1)`,
      [queued.rows.map((r) => r.id)],
    );
    expect(after.rows).toEqual([
      { status: 'cancelled', finished_reason: 'erased' },
      { status: 'cancelled', finished_reason: 'erased' },
    ]);
    await rw.startWorker();
    await rw
      .worker!.get(SendMessageService)
      .send(
        { id: queued.rows[0]!.id, claim: queued.rows[0]!.claim_seq },
        { attempt: 1, isFinalAttempt: false },
      );
    await rw.advanceClock(adminKey, '2027-06-16T12:00:00Z');
    expect(smtp.for(email)).toHaveLength(sentBefore);
    expect(smtp.for('coach@data.test', 'coach_alert')).toHaveLength(0);

    // The database: not one row of any table holds the address, name, external id or note...
    const rows = await everyRow();
    const personal = [email.toLowerCase(), firstName.toLowerCase(), externalId, note, activity];
    for (const { table, row } of rows) {
      for (const value of personal) {
        if (row.toLowerCase().includes(value)) throw new Error(`${table} still holds ${value}: ${row}`);
      }
    }
    // ...and no row about the person (theirs or their check-ins') holds a pain score or a rule input.
    const checkInIds = (
      await db.query<{ id: string }>(`SELECT id FROM check_ins WHERE enrollment_id = $1`, [id])
    ).rows.map((r) => r.id);
    expect(checkInIds).toHaveLength(3);
    const aboutThePerson = rows.filter(({ row }) => [id, ...checkInIds].some((x) => row.includes(x)));
    expect(aboutThePerson.length).toBeGreaterThan(10);
    for (const { table, row } of aboutThePerson) {
      expect({ table, row }).toEqual({
        table,
        row: expect.not.stringMatching(/painDuring|painType|inputs|reasons|sharp|aching|notes/),
      });
    }
    const aboutControl = rows.filter(({ row }) => row.includes(control.id));
    expect(aboutControl.some(({ row }) => row.includes('painDuring'))).toBe(true);
    expect(aboutControl.some(({ row }) => row.includes('control-activity'))).toBe(true);
    // The outcome checks keep when they were asked and answered, and no answer or number from one.
    const outcomes = await db.query(
      `SELECT timepoint, answered_at IS NOT NULL AS answered, pain, activities, global_change, baseline_pain,
         psfs_sixths, psfs_change_sixths FROM outcome_checks WHERE enrollment_id = $1 ORDER BY week`,
      [id],
    );
    const blank = { pain: null, activities: [], global_change: null, baseline_pain: null, psfs_sixths: null };
    expect(outcomes.rows).toEqual([
      { timepoint: 'baseline', answered: true, ...blank, psfs_change_sixths: null },
      { timepoint: 'dose_end', answered: false, ...blank, psfs_change_sixths: null },
      { timepoint: 'follow_up', answered: false, ...blank, psfs_change_sixths: null },
    ]);
    const controlOutcome = await db.query(
      `SELECT pain, activities FROM outcome_checks WHERE enrollment_id = $1 AND timepoint = 'baseline'`,
      [control.id],
    );
    expect(controlOutcome.rows).toEqual([{ pain: 3, activities: [{ name: 'control-activity', score: 6 }] }]);
    expect(rows.some(({ row }) => row.toLowerCase().includes(control.email))).toBe(true);

    // Redis: no key or value under this prefix holds the address or name.
    const entries = await everyRedisEntry();
    expect(entries.length).toBeGreaterThan(0);
    for (const { key, content } of entries) {
      const text = `${key} ${content}`.toLowerCase();
      expect(text.includes(email.toLowerCase()) || text.includes(firstName.toLowerCase())).toBe(false);
    }

    // The logs: captured from the api and the worker, none holds the address, name or note.
    expect(rw.logLines.some((line) => line.includes('Sent confirm message'))).toBe(true);
    for (const line of rw.logLines) {
      const text = line.toLowerCase();
      for (const value of personal) expect(text.includes(value)).toBe(false);
    }

    // The audit entry: who and when, nothing personal.
    const audit = await db.query<Record<string, unknown>>(
      `SELECT action, subject_id, actor_kind, api_key_id, a::text AS row FROM audit_entries a
       WHERE subject_id = $1`,
      [id],
    );
    expect(audit.rows).toEqual([
      {
        action: 'enrollment.erased',
        subject_id: id,
        actor_kind: 'api_key',
        api_key_id: coachKeyId,
        row: expect.not.stringContaining('@'),
      },
    ]);

    // Reports still count the person: their sessions and their stop.
    const counts = await db.query<{ enrolments: number; check_ins: number; stops: number; erased: number }>(
      `SELECT (SELECT count(*)::int FROM enrollments WHERE organization_id = $1) AS enrolments,
              (SELECT count(*)::int FROM enrollments WHERE organization_id = $1 AND status = 'erased') AS erased,
              (SELECT count(*)::int FROM check_ins WHERE organization_id = $1) AS check_ins,
              (SELECT count(*)::int FROM check_ins WHERE organization_id = $1 AND action = 'stop') AS stops`,
      [organizationId],
    );
    expect(counts.rows[0]).toEqual({ enrolments: 2, erased: 1, check_ins: 4, stops: 1 });

    // Every other path refuses the erased person; erasing again changes nothing.
    expect((await rw.request('GET', `/v1/enrollments/${id}`, { apiKey: coachKey })).status).toBe(404);
    expect((await rw.request('GET', `/v1/enrollments/${id}/export`, { apiKey: coachKey })).status).toBe(404);
    expect((await rw.request('GET', `/v1/enrollments/${id}/timeline`, { apiKey: coachKey })).status).toBe(
      404,
    );
    expect((await checkIn(id, '2027-06-16T11:00:00Z', { painDuring: 1 })).status).toBe(404);
    const again = await rw.request('DELETE', `/v1/enrollments/${id}`, { apiKey: coachKey });
    expect(again.status).toBe(204);
    expect((await db.query(`SELECT 1 FROM audit_entries WHERE subject_id = $1`, [id])).rowCount).toBe(1);
    const oldLink = await rw.request('GET', dataLink);
    expect(oldLink.status).toBe(410);
    expect(oldLink.text).toContain('This link no longer works');
    const pause = await rw.request('POST', linkIn(smtp.for(email, 'welcome')[0]!.text, 'pause'));
    expect(pause.status).toBe(410);

    // The address is free again: the person may enrol anew.
    const back = await rw.request('POST', '/v1/enrollments', {
      apiKey: coachKey,
      body: enrollmentBody({ email }),
    });
    expect(back.status).toBe(201);
  });

  it('erases a person enrolled by CSV import: no staged row, row error or import keeps them', async () => {
    const email = `imported.${unique()}@example.com`;
    const firstName = `Ottoline${unique()}`;
    const externalId = `hr-${unique()}`;
    const header =
      'email,firstName,timezone,reminderDays,reminderTime,audience,externalId,' +
      'severeKneeInjury,acutePain,balanceDisorder,vertigo,recentKneeSurgery,clinicianClearance';
    const row = (timezone: string, id: string) =>
      `${email},${firstName},${timezone},mon;wed;fri,07:30,knee_pain,${id},no,no,no,no,no,no`;
    const upload = (csv: string) =>
      rw.request<{ id: string; status: string }>('POST', '/v1/imports', {
        apiKey: coachKey,
        rawBody: csv,
        headers: { 'content-type': 'text/csv' },
      });
    const waitFor = async (importId: string, status: string) => {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const res = await rw.request<{ status: string; errors: unknown[] }>(
          'GET',
          `/v1/imports/${importId}`,
          {
            apiKey: coachKey,
          },
        );
        if (res.body.status === status) return res.body;
        if (Date.now() > deadline) throw new Error(`import still ${res.body.status}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    // Row 3 is the same person again, malformed (an unknown timezone) and repeated.
    const first = await upload(
      `${header}\n${row('Europe/London', externalId)}\n${row('Mars/Olympus', '')}\n`,
    );
    expect(first.status).toBe(202);
    const done = await waitFor(first.body.id, 'completed');
    expect(done.errors.map((e) => (e as { row: number }).row)).toEqual([3]);
    const enrolled = await db.query<{ id: string }>(`SELECT id FROM enrollments WHERE lower(email) = $1`, [
      email,
    ]);
    const id = enrolled.rows[0]!.id;

    // The organisation uploads its list again while the worker is away: their row waits in staging.
    await rw.stopWorker();
    const again = await upload(`${header}\n${row('Europe/Paris', externalId)}\n`);
    expect(again.status).toBe(202);
    const staged = await db.query(`SELECT 1 FROM import_rows WHERE import_id = $1`, [again.body.id]);
    expect(staged.rowCount).toBe(1);

    expect((await rw.request('DELETE', `/v1/enrollments/${id}`, { apiKey: coachKey })).status).toBe(204);
    const personal = [email.toLowerCase(), firstName.toLowerCase(), externalId];
    for (const { table, row: text } of await everyRow()) {
      for (const value of personal) {
        if (text.toLowerCase().includes(value)) throw new Error(`${table} still holds ${value}: ${text}`);
      }
    }
    // The row errors stay, naming a row and a rule, never a value.
    const errors = await db.query<{ message: string }>(
      `SELECT message FROM import_row_errors WHERE import_id = $1 ORDER BY field`,
      [first.body.id],
    );
    expect(errors.rows).toEqual([{ message: expect.stringMatching(/^(repeats row 2|must be an IANA)/) }]);

    // The pending import then completes without enrolling the erased person anew.
    await rw.startWorker();
    await waitFor(again.body.id, 'completed');
    const afterwards = await db.query(`SELECT 1 FROM enrollments WHERE lower(email) = $1`, [email]);
    expect(afterwards.rowCount).toBe(0);
  });

  it('exports everything held about a participant as a JSON download', async () => {
    const { id, email } = await enrolActive({ firstName: 'Exporter', externalId: `crm-${unique()}` });
    await rw.advanceClock(adminKey, '2027-06-18T12:00:00Z');
    await checkIn(id, '2027-06-18T10:00:00Z', { painDuring: 1, notes: 'felt good' });
    await checkIn(id, '2027-06-18T11:00:00Z', { painDuring: 4, painType: 'aching' });
    await answerBaseline(email, { pain: '5', activity0: 'Climbing stairs', score0: '4' });

    const res = await rw.request<Record<string, unknown>>('GET', `/v1/enrollments/${id}/export`, {
      apiKey: coachKey,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(
      new RegExp(`^attachment; filename="retrowalk-export-${id}-2027-06-18\\.json"$`),
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    const doc = res.body as {
      format: string;
      generatedAt: string;
      organization: { name: string };
      enrollment: Record<string, unknown>;
      checkIns: { report: Record<string, unknown>; action: string }[];
      decisions: { action: string; rules: { rule: string; inputs: Record<string, unknown> }[] }[];
      messages: Record<string, unknown>[];
      outcomeChecks: Record<string, unknown>[];
    };
    expect(doc.format).toBe('retrowalk.export.v1');
    expect(doc.outcomeChecks.map((o) => [o.timepoint, o.week, o.pain, o.activities])).toEqual([
      ['baseline', 0, 5, [{ name: 'Climbing stairs', score: 4 }]],
      ['dose_end', 6, null, []],
      ['follow_up', 12, null, []],
    ]);
    expect(doc.outcomeChecks[0]).toMatchObject({
      countsAsBaseline: true,
      answeredAt: '2027-06-18T12:00:00.000Z',
    });
    expect(doc.generatedAt).toBe('2027-06-18T12:00:00.000Z');
    expect(doc.organization).toEqual({ name: 'Data Clinic' });
    expect(doc.enrollment).toMatchObject({ id, email, firstName: 'Exporter', timezone: 'Europe/London' });
    expect(doc.enrollment.screening).toMatchObject({ vertigo: false });
    expect(doc.enrollment.confirmedAt).toEqual(expect.any(String));
    expect(doc.checkIns.map((c) => [c.report.painDuring, c.action])).toEqual([
      [1, 'carry_on'],
      [4, 'hold'],
    ]);
    expect(doc.checkIns[0]!.report.notes).toBe('felt good');
    expect(doc.decisions.map((d) => d.action)).toEqual(['carry_on', 'hold']);
    expect(doc.decisions[1]!.rules).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: 'hold.pain_4_5' })]),
    );
    expect(doc.messages.map((m) => m.kind)).toEqual(
      expect.arrayContaining(['confirm', 'welcome', 'outcome_check']),
    );
    for (const m of doc.messages)
      expect(Object.keys(m).sort()).toEqual(['createdAt', 'dueAt', 'id', 'kind', 'sentAt', 'status']);

    const audit = await db.query(
      `SELECT actor_kind, api_key_id FROM audit_entries WHERE subject_id = $1 AND action = 'enrollment.exported'`,
      [id],
    );
    expect(audit.rows).toEqual([{ actor_kind: 'api_key', api_key_id: coachKeyId }]);
  });

  it('refuses a wellness manager (403) and another organisation (404) on both routes', async () => {
    const { id } = await enrolActive();
    for (const [method, path] of [
      ['GET', `/v1/enrollments/${id}/export`],
      ['DELETE', `/v1/enrollments/${id}`],
    ] as const) {
      const wellness = await rw.request(method, path, { apiKey: wellnessKey });
      expect(wellness.status).toBe(403);
      expect(wellness.body).toMatchObject({ error: { code: 'forbidden' } });
      const other = await rw.request(method, path, { apiKey: otherKey });
      expect(other.status).toBe(404);
      expect(other.body).toMatchObject({ error: { code: 'not_found' } });
    }
    expect((await rw.request('GET', `/v1/enrollments/not-a-uuid/export`, { apiKey: coachKey })).status).toBe(
      404,
    );
    // Nothing happened to the person, and an admin may do both.
    expect((await rw.request('GET', `/v1/enrollments/${id}`, { apiKey: coachKey })).body.status).toBe(
      'active',
    );
    expect((await rw.request('GET', `/v1/enrollments/${id}/export`, { apiKey: adminKey })).status).toBe(200);
    expect((await rw.request('DELETE', `/v1/enrollments/${id}`, { apiKey: adminKey })).status).toBe(204);
  });

  it('lets the participant download and delete their data from the link in every email', async () => {
    const { id, email } = await enrolActive({ firstName: 'Selfserve' });
    const welcome = smtp.for(email, 'welcome')[0]!;
    expect(welcome.text).toContain('Your data (download or delete):');
    expect(welcome.html).toContain('Your data: download or delete');
    const dataUrl = linkIn(welcome.text, 'data');
    const path = new URL(dataUrl).pathname;

    const page = await rw.request('GET', dataUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('Hi Selfserve.');
    expect(page.text).toContain(`<form method="post" action="${path}/export">`);
    expect(page.text).toContain(`href="${path}/erase"`);

    const download = await rw.request('POST', `${path}/export`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="retrowalk-export-/);
    expect(download.body).toMatchObject({ format: 'retrowalk.export.v1', enrollment: { id, email } });

    const confirm = await rw.request('GET', `${path}/erase`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('This cannot be undone.');
    expect(confirm.text).toContain(`<form method="post" action="${path}/erase">`);
    // Opening the confirmation page changed nothing.
    expect((await rw.request('GET', `/v1/enrollments/${id}`, { apiKey: coachKey })).body.status).toBe(
      'active',
    );

    const done = await rw.request('POST', `${path}/erase`);
    expect(done.status).toBe(200);
    expect(done.text).toContain('Your data is deleted');
    expect((await rw.request('GET', `/v1/enrollments/${id}`, { apiKey: coachKey })).status).toBe(404);
    const audit = await db.query(
      `SELECT action, actor_kind, api_key_id FROM audit_entries WHERE subject_id = $1 ORDER BY created_at, action DESC`,
      [id],
    );
    expect(audit.rows).toEqual([
      { action: 'enrollment.exported', actor_kind: 'participant', api_key_id: null },
      { action: 'enrollment.erased', actor_kind: 'participant', api_key_id: null },
    ]);

    for (const [method, url] of [
      ['GET', dataUrl],
      ['POST', `${path}/export`],
      ['POST', `${path}/erase`],
    ] as const) {
      const gone = await rw.request(method, url);
      expect(gone.status).toBe(410);
      expect(gone.text).toContain('This link no longer works');
    }
  });

  it('refuses a forged data link and does not accept it as another purpose', async () => {
    const { email } = await enrolActive();
    const path = new URL(linkIn(smtp.for(email, 'welcome')[0]!.text, 'data')).pathname;
    expect((await rw.request('POST', path.replace('/p/data/', '/p/unsubscribe/'))).status).toBe(400);
    expect((await rw.request('GET', `${path.slice(0, -3)}abc`)).status).toBe(400);
  });
});
