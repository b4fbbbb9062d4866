import { Client } from 'pg';
import { RetrowalkHarness } from '@retrowalk/testing';

const HEADER =
  'email,firstName,timezone,reminderDays,reminderTime,audience,externalId,' +
  'severeKneeInjury,acutePain,balanceDisorder,vertigo,recentKneeSurgery,clinicianClearance';

/** Rows 2-11 as a spreadsheet numbers them (the header is row 1). */
const FILE = [
  HEADER,
  'ann@acme.test,Ann,Europe/Berlin,mon wed fri,08:15,general,crm-1,no,no,no,no,no,no', // 2 good
  'bob@acme.test,Bob,,,,older_adult,,no,no,no,no,yes,no', // 3 good, defaults
  'not-an-email,Cy,,,,general,,no,no,no,no,no,no', // 4 bad email
  'dee@acme.test,Dee,Mars/Olympus,,,general,,no,no,no,no,no,no', // 5 unknown timezone
  'eve@acme.test,Eve,,mon;funday,,general,,no,no,no,no,no,no', // 6 bad day
  'fay@acme.test,Fay,,,,general,,no,no,no,,no,no', // 7 missing screening answer
  'ANN@acme.test,Ann again,,,,general,,no,no,no,no,no,no', // 8 repeats row 2
  '"pat@acme.test","O\'Brien, Pat",,"tue;thu",07:00,athlete,crm-9,false,0,n,NO,false,false', // 9 good, quoted
  'gus@acme.test,Gus,,,,general', // 10 too few fields
  'kai@acme.test,Kai,pacific/auckland,,,general,,no,no,no,no,no,no', // 11 good, night in Auckland, lower case
].join('\r\n');

const EXPECTED_ERRORS = [
  { row: 4, field: 'email', message: 'must be a valid email address' },
  { row: 5, field: 'timezone', message: 'must be an IANA timezone name such as Europe/Berlin' },
  { row: 6, field: 'reminderDays', message: expect.stringContaining('mon, tue, wed') },
  { row: 7, field: 'vertigo', message: 'is required: answer yes or no' },
  { row: 8, field: 'email', message: 'repeats row 2 of this file' },
  { row: 10, field: 'row', message: 'has 6 field(s) where the header has 13' },
];

interface ImportBody {
  id: string;
  status: string;
  rows: { total: number; done: number; succeeded: number; unchanged: number; failed: number };
  errors: { row: number; field: string; message: string }[];
  enrollments: { row: number; enrollmentId: string; outcome: string }[];
}

describe('CSV imports', () => {
  let rw: RetrowalkHarness;
  let db: Client;
  let adminKey: string;
  let wellnessKey: string;
  let coachKey: string;
  let otherKey: string;

  const upload = (apiKey: string, csv: string) =>
    rw.request<ImportBody>('POST', '/v1/imports', {
      apiKey,
      rawBody: csv,
      headers: { 'content-type': 'text/csv' },
    });

  async function finished(apiKey: string, id: string): Promise<ImportBody> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const res = await rw.request<ImportBody>('GET', `/v1/imports/${id}`, { apiKey });
      expect(res.status).toBe(200);
      if (res.body.status === 'completed' || res.body.status === 'failed') return res.body;
      if (Date.now() > deadline) throw new Error(`import still ${res.body.status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const confirmDue = async (email: string): Promise<string> => {
    const rows = await db.query<{ due_at: Date }>(
      `SELECT m.due_at FROM messages m JOIN enrollments e ON e.id = m.enrollment_id
       WHERE lower(e.email) = $1 AND m.kind = 'confirm'`,
      [email],
    );
    expect(rows.rows).toHaveLength(1);
    return (rows.rows[0] as { due_at: Date }).due_at.toISOString();
  };

  beforeAll(async () => {
    rw = await RetrowalkHarness.start();
    db = new Client({ connectionString: rw.database.url });
    await db.connect();
    ({ apiKey: adminKey } = await rw.createOrganization('Acme Wellbeing'));
    ({ apiKey: otherKey } = await rw.createOrganization('Other Clinic'));
    const issue = async (role: string) => {
      const res = await rw.request<{ key: string }>('POST', '/v1/api-keys', {
        apiKey: adminKey,
        body: { role },
      });
      expect(res.status).toBe(201);
      return res.body.key;
    };
    wellnessKey = await issue('wellness_manager');
    coachKey = await issue('coach');
    // 12:00 UTC: midday in London and Berlin, 01:00 the next morning in Auckland (NZDT).
    await rw.advanceClock(adminKey, '2027-03-01T12:00:00Z');
    const settings = await rw.request('PATCH', '/v1/organization', {
      apiKey: adminKey,
      body: {
        defaultTimezone: 'Europe/London',
        defaultReminder: { days: ['tue', 'thu'], time: '18:00' },
        importConfirmationsPerMinute: 2,
      },
    });
    expect(settings.status).toBe(200);
    expect(settings.body.importConfirmationsPerMinute).toBe(2);
  });

  afterAll(async () => {
    await db?.end();
    await rw?.close();
  });

  let firstImportId = '';

  it('accepts a file from a wellness manager at once and reports every bad row, good rows enrolled', async () => {
    const res = await upload(wellnessKey, FILE);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'queued', rows: { total: 10, done: 0 } });
    firstImportId = res.body.id;

    const done = await finished(wellnessKey, firstImportId);
    expect(done).toMatchObject({
      status: 'completed',
      rows: { total: 10, done: 10, succeeded: 4, unchanged: 0, failed: 6 },
    });
    expect(done.errors).toEqual(EXPECTED_ERRORS);
    // Nothing of the file is kept once it is processed.
    const staged = await db.query(`SELECT 1 FROM import_rows`);
    expect(staged.rowCount).toBe(0);
  });

  it("fills what a row leaves out from the organisation's defaults and keeps what it says", async () => {
    const rows = await db.query<Record<string, unknown>>(
      `SELECT lower(email) AS email, first_name, timezone, reminder_days, reminder_time, audience, external_id,
              status, level, screening
       FROM enrollments ORDER BY email`,
    );
    expect(rows.rows).toEqual([
      expect.objectContaining({
        email: 'ann@acme.test',
        timezone: 'Europe/Berlin',
        reminder_days: ['mon', 'wed', 'fri'],
        reminder_time: '08:15',
        external_id: 'crm-1',
        status: 'pending_confirmation',
        level: 1,
      }),
      expect.objectContaining({
        email: 'bob@acme.test',
        timezone: 'Europe/London',
        reminder_days: ['tue', 'thu'],
        reminder_time: '18:00',
        audience: 'older_adult',
        screening: expect.objectContaining({ recentKneeSurgery: true, clinicianClearance: false }),
      }),
      expect.objectContaining({ email: 'kai@acme.test', timezone: 'Pacific/Auckland' }),
      expect.objectContaining({
        email: 'pat@acme.test',
        first_name: "O'Brien, Pat",
        reminder_days: ['tue', 'thu'],
        external_id: 'crm-9',
      }),
    ]);
  });

  it('spreads confirmations at the pace and keeps them out of the night of each participant', async () => {
    // Two a minute, in file order; Kai's slot waits for 07:00 in Auckland (18:00 UTC).
    expect(await confirmDue('ann@acme.test')).toBe('2027-03-01T12:00:00.000Z');
    expect(await confirmDue('bob@acme.test')).toBe('2027-03-01T12:00:30.000Z');
    expect(await confirmDue('pat@acme.test')).toBe('2027-03-01T12:01:00.000Z');
    expect(await confirmDue('kai@acme.test')).toBe('2027-03-01T18:00:00.000Z');
  });

  it('changes nothing when the same file comes again', async () => {
    const before = await db.query(`SELECT id, updated_at FROM enrollments ORDER BY id`);
    const messagesBefore = await db.query(`SELECT id FROM messages ORDER BY id`);
    const res = await upload(coachKey, FILE);
    expect(res.status).toBe(202);
    const done = await finished(coachKey, res.body.id);
    expect(done.rows).toEqual({ total: 10, done: 10, succeeded: 0, unchanged: 4, failed: 6 });
    expect(done.errors).toEqual(EXPECTED_ERRORS);
    // The same people, found again: the second import lists the enrolments the first created.
    const first = await finished(coachKey, firstImportId);
    expect(first.enrollments.map((e) => [e.row, e.outcome])).toEqual([
      [2, 'created'],
      [3, 'created'],
      [9, 'created'],
      [11, 'created'],
    ]);
    expect(done.enrollments.map((e) => [e.row, e.enrollmentId, e.outcome])).toEqual(
      first.enrollments.map((e) => [e.row, e.enrollmentId, 'matched']),
    );
    const ids = (
      await db.query<{ id: string }>(`SELECT id FROM enrollments WHERE lower(email) = 'ann@acme.test'`)
    ).rows;
    expect(first.enrollments[0]!.enrollmentId).toBe(ids[0]!.id);
    const paged = await rw.request<ImportBody>(
      'GET',
      `/v1/imports/${firstImportId}?enrollmentsAfterRow=3&enrollmentsLimit=1`,
      { apiKey: coachKey },
    );
    expect(paged.body.enrollments.map((e) => e.row)).toEqual([9]);
    expect((await db.query(`SELECT id, updated_at FROM enrollments ORDER BY id`)).rows).toEqual(before.rows);
    expect((await db.query(`SELECT id FROM messages ORDER BY id`)).rows).toEqual(messagesBefore.rows);
  });

  it('shares one pace among imports: a later import continues where the earlier left off', async () => {
    // Later within the same minute: the minute's confirmations planned so far still count.
    await rw.advanceClock(adminKey, '2027-03-01T12:00:40Z');
    const res = await upload(adminKey, `${HEADER}\nzoe@acme.test,Zoe,,,,general,,no,no,no,no,no,no\n`);
    const done = await finished(adminKey, res.body.id);
    expect(done.rows.succeeded).toBe(1);
    expect(await confirmDue('zoe@acme.test')).toBe('2027-03-01T12:01:30.000Z');
  });

  it('pages through the errors', async () => {
    const res = await rw.request<ImportBody>(
      'GET',
      `/v1/imports/${firstImportId}?errorsAfterRow=5&errorsLimit=2`,
      { apiKey: adminKey },
    );
    expect(res.body.errors.map((e) => e.row)).toEqual([6, 7]);
  });

  it("answers 404 for another organisation's import, and for an unknown id", async () => {
    const other = await rw.request('GET', `/v1/imports/${firstImportId}`, { apiKey: otherKey });
    expect(other.status).toBe(404);
    const unknown = await rw.request('GET', '/v1/imports/00000000-0000-4000-8000-000000000000', {
      apiKey: adminKey,
    });
    expect(unknown.status).toBe(404);
    const notUuid = await rw.request('GET', '/v1/imports/nope', { apiKey: adminKey });
    expect(notUuid.status).toBe(404);
  });

  it('refuses a file whose header has unknown or missing columns, and keeps nothing of it', async () => {
    const before = await db.query(`SELECT count(*)::int AS n FROM imports`);
    const res = await upload(wellnessKey, 'email,firstName,shoeSize\nx@acme.test,X,42\n');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: {
        code: 'validation_failed',
        details: expect.arrayContaining([
          { field: 'header[3]', message: expect.stringContaining('is not a known column name') },
          { field: 'audience', message: 'column is missing from the header' },
          { field: 'vertigo', message: 'column is missing from the header' },
        ]),
      },
    });
    expect((await db.query(`SELECT count(*)::int AS n FROM imports`)).rows).toEqual(before.rows);
  });

  it('numbers rows as a spreadsheet shows them (BOM, CRLF, blank line, line break in quotes); a NUL is a row error', async () => {
    const csv =
      `\uFEFF${HEADER}\r\n` +
      'lia@acme.test,Lia,,,,general,,no,no,no,no,no,no\r\n' + // 2 good
      '\r\n' + // 3 blank: a spreadsheet shows an empty row
      '"mo@acme.test","Mo\r\nMoore",,,,general,,no,no,no,no,no,no\r\n' + // 4 line break in a name
      'ned@acme.test,Ned,,,,general,,no,no,no,n\u0000o,no,no\r\n' + // 5 NUL in an answer
      'ola@acme.test,Ola,,,,general,,no,no,no,no,no,no'; // 6 good, no final line break
    const res = await upload(adminKey, csv);
    expect(res.status).toBe(202);
    const done = await finished(adminKey, res.body.id);
    expect(done.rows).toEqual({ total: 4, done: 4, succeeded: 2, unchanged: 0, failed: 2 });
    expect(done.errors).toEqual([
      { row: 4, field: 'firstName', message: 'must not contain line breaks' },
      { row: 5, field: 'vertigo', message: 'must not contain a NUL character' },
    ]);
  });

  it('enrols again a person who was erased (the stub keeps neither email nor externalId)', async () => {
    const row = 'rex@acme.test,Rex,,,,general,crm-rex,no,no,no,no,no,no';
    const first = await finished(adminKey, (await upload(adminKey, `${HEADER}\n${row}\n`)).body.id);
    expect(first.rows.succeeded).toBe(1);
    const { rows } = await db.query<{ id: string }>(
      `SELECT id FROM enrollments WHERE email = 'rex@acme.test'`,
    );
    const erased = await rw.request('DELETE', `/v1/enrollments/${(rows[0] as { id: string }).id}`, {
      apiKey: adminKey,
    });
    expect(erased.status).toBe(204);
    const again = await finished(adminKey, (await upload(adminKey, `${HEADER}\n${row}\n`)).body.id);
    expect(again.rows).toMatchObject({ succeeded: 1, unchanged: 0, failed: 0 });
    const people = await db.query<{ status: string }>(
      `SELECT status FROM enrollments WHERE email = 'rex@acme.test' OR email LIKE 'erased-%' ORDER BY status`,
    );
    expect(people.rows.map((r) => r.status)).toEqual(['erased', 'pending_confirmation']);
  });

  it('asks for a timezone in each row when the organisation has no default timezone', async () => {
    const csv =
      `${HEADER}\numa@other.test,Uma,,,,general,,no,no,no,no,no,no\n` +
      'vic@other.test,Vic,Asia/Tokyo,,,general,,no,no,no,no,no,no\n';
    const done = await finished(otherKey, (await upload(otherKey, csv)).body.id);
    expect(done.rows).toMatchObject({ total: 2, succeeded: 1, failed: 1 });
    expect(done.errors).toEqual([
      { row: 2, field: 'timezone', message: 'is required (the organisation sets no default timezone)' },
    ]);
  });

  it('processes while another transaction holds a row pointing at the organisation (an upload being staged)', async () => {
    const { rows } = await db.query<{ organization_id: string }>(
      `SELECT organization_id FROM imports WHERE id = $1`,
      [firstImportId],
    );
    const organizationId = (rows[0] as { organization_id: string }).organization_id;
    const other = new Client({ connectionString: rw.database.url });
    await other.connect();
    try {
      // What a foreign key check takes, and holds for as long as a large upload is read.
      await other.query('BEGIN');
      await other.query(`SELECT 1 FROM organizations WHERE id = $1 FOR KEY SHARE`, [organizationId]);
      const res = await upload(adminKey, `${HEADER}\nwyn@acme.test,Wyn,,,,general,,no,no,no,no,no,no\n`);
      const done = await finished(adminKey, res.body.id);
      expect(done.rows.succeeded).toBe(1);
    } finally {
      await other.query('ROLLBACK');
      await other.end();
    }
  });

  it('refuses broken CSV and a body that is not CSV', async () => {
    const broken = await upload(adminKey, `${HEADER}\n"unclosed@acme.test,Al\n`);
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ error: { details: [{ field: 'file' }] } });
    const json = await rw.request('POST', '/v1/imports', { apiKey: adminKey, body: { email: 'x' } });
    expect(json.status).toBe(415);
  });
});
