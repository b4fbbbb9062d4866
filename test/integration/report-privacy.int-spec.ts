import { RetrowalkHarness } from '@retrowalk/testing';
import { Client } from 'pg';

type Cell = { value: number | null; suppressed: boolean };
interface Row {
  key: string;
  metrics: Record<string, Cell>;
  levels: Cell[];
  retention: Cell[];
}
interface Report {
  activityUntil: string;
  groups: Row[];
  total: Row;
}

interface Person {
  email: string;
  audience: string;
  enrolledAt: string;
  walks?: string[];
}

/**
 * Tries to learn about one person from cohort reports, with the rows seeded straight into the
 * database (enrolment times chosen to the hour) and the reports read over HTTP with a wellness
 * manager's key, as JSON, CSV and the signed page.
 *
 * Blocks: 1 = week of 1 March (6 knee_pain, 6 general, 5 athlete); 2 = week of 8 March (5 general
 * and Pat, the only post_surgical person); 3 = weeks of 22 and 29 March (4 athletes, then Sam alone).
 */
describe('report privacy: differencing and subtraction attacks', () => {
  let rw: RetrowalkHarness;
  let db: Client;
  let managerKey: string;

  const people: Person[] = [];
  const add = (count: number, audience: string, enrolledAt: string, walks?: string[]) => {
    for (let i = 0; i < count; i++) {
      people.push({ email: `p${people.length}-${audience}@private.test`, audience, enrolledAt, walks });
    }
  };
  // Ten people of block 1 walk in their first week.
  add(6, 'knee_pain', '2027-03-01T09:00:00Z', ['2027-03-03T12:00:00Z']);
  add(4, 'general', '2027-03-01T09:00:00Z', ['2027-03-03T12:00:00Z']);
  add(2, 'general', '2027-03-01T09:00:00Z');
  add(5, 'athlete', '2027-03-01T09:00:00Z');
  add(5, 'general', '2027-03-08T09:00:00Z');
  add(1, 'post_surgical', '2027-03-08T09:00:00Z');
  add(4, 'athlete', '2027-03-22T09:00:00Z');
  // Sam walks in their first week, after the end of the period of the first retention report.
  add(1, 'general', '2027-03-29T09:00:00Z', ['2027-04-05T08:00:00Z']);

  const report = async (query: string, accept?: string) =>
    rw.request<Report>('GET', `/v1/reports/cohort?${query}`, {
      apiKey: managerKey,
      ...(accept ? { headers: { accept } } : {}),
    });

  beforeAll(async () => {
    rw = await RetrowalkHarness.start({ worker: false });
    const { apiKey: adminKey, organizationId } = await rw.createOrganization('Private Corp');
    managerKey = String(
      (
        await rw.request('POST', '/v1/api-keys', {
          apiKey: adminKey,
          body: { role: 'wellness_manager' },
        })
      ).body.key,
    );
    db = new Client({ connectionString: rw.database.url });
    await db.connect();
    for (const person of people) {
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO enrollments (organization_id, email, first_name, timezone, reminder_days, reminder_time,
           audience, screening, status, level, confirmed_at, created_at, updated_at)
         VALUES ($1, $2, 'Private', 'UTC', '{mon,wed,fri}', '07:30', $3, '{}', 'active', 1, $4, $4, $4)
         RETURNING id`,
        [organizationId, person.email, person.audience, person.enrolledAt],
      );
      for (const at of person.walks ?? []) {
        await db.query(
          `INSERT INTO check_ins (organization_id, enrollment_id, performed_at, level, report, action,
             level_after, needs_follow_up, response, created_at)
           VALUES ($1, $2, $3, 1, '{"painDuring": 1}', 'hold', 1, false, '{}', $3)`,
          [organizationId, rows[0]!.id, at],
        );
      }
    }
    await rw.advanceClock(adminKey, '2027-05-03T09:00:00Z');
  });

  afterAll(async () => {
    await db.end();
    await rw.close();
  });

  it('observes retention by whole enrolment blocks, so a later period never adds one person', async () => {
    // Same people (blocks 1-3) in both. Counted per person, week 1 would read 10/27 then 11/28:
    // Sam's first week, alone, told apart. Counted per block, block 3 joins week 1 whole.
    const before = await report('from=2027-03-01&to=2027-03-28');
    const after = await report('from=2027-03-01&to=2027-04-11');
    expect(before.body.activityUntil).toBe('2027-04-05');
    expect(after.body.total.metrics.enrolled).toEqual(before.body.total.metrics.enrolled);
    expect(before.body.total.retention[0]).toEqual({ value: 43.5, suppressed: false }); // 10 / 23
    expect(after.body.total.retention[0]).toEqual({ value: 39.3, suppressed: false }); // 11 / 28
  });

  it('hides enough groups that the total minus the shown ones holds no block of 1-4 people', async () => {
    const one = await report('from=2027-03-01&to=2027-03-07&groupBy=audience');
    expect(one.body.groups.map((g) => [g.key, g.metrics.enrolled])).toEqual([
      ['athlete', { value: 5, suppressed: false }],
      ['general', { value: 6, suppressed: false }],
      ['knee_pain', { value: 6, suppressed: false }],
    ]);
    // Pat alone is too few; athlete goes with Pat so the total cannot give Pat back; and general too,
    // or "total - knee_pain - general" (athlete + Pat) minus the athletes above would be Pat alone.
    const two = await report('from=2027-03-01&to=2027-03-14&groupBy=audience');
    expect(two.body.groups.map((g) => [g.key, g.metrics.enrolled!.suppressed])).toEqual([
      ['athlete', true],
      ['general', true],
      ['knee_pain', false],
      ['post_surgical', true],
    ]);
    expect(two.body.total.metrics.enrolled).toEqual({ value: 23, suppressed: false });
  });

  it('never publishes a figure about 1-4 people, for any grouping and period', async () => {
    const periods = [
      ['2027-03-01', '2027-03-07'],
      ['2027-03-08', '2027-03-14'],
      ['2027-03-01', '2027-03-28'],
      ['2027-03-22', '2027-04-30'],
      ['2027-03-01', '2027-12-31'],
      ['2027-05-03', '2027-06-30'],
    ];
    for (const [from, to] of periods) {
      for (const groupBy of ['week', 'audience', 'level']) {
        const res = await report(`from=${from}&to=${to}&groupBy=${groupBy}`);
        expect(res.status).toBe(200);
        for (const row of [...res.body.groups, res.body.total]) {
          const enrolled = row.metrics.enrolled!;
          expect(enrolled.suppressed || enrolled.value === 0 || (enrolled.value ?? 0) >= 5).toBe(true);
          for (const cell of row.levels) {
            expect(cell.suppressed || cell.value === 0 || (cell.value ?? 0) >= 5).toBe(true);
          }
        }
      }
    }
    // Future periods: no block starts there, nothing is reported.
    const future = await report('from=2027-05-03&to=2027-06-30');
    expect(future.body.total.metrics.enrolled).toEqual({ value: 0, suppressed: false });
  });

  it('puts the same figures in the CSV and on the page as in the JSON, and no person in any', async () => {
    const query = 'from=2027-03-01&to=2027-03-14&groupBy=audience';
    const json = await report(query);
    const csv = await report(query, 'text/csv');
    const link = await rw.request<{ url: string }>('POST', `/v1/reports/cohort/link?${query}`, {
      apiKey: managerKey,
    });
    const page = await rw.request('GET', link.body.url);
    expect(page.status).toBe(200);
    // Every CSV value is a published JSON value; a suppressed cell has no value at all.
    const published = new Set(
      [...json.body.groups, json.body.total].flatMap((row) =>
        [...Object.values(row.metrics), ...row.levels, ...row.retention].map((c) => String(c.value ?? '')),
      ),
    );
    for (const line of csv.text.trim().split('\r\n').slice(1)) {
      const [, , value, suppressed] = line.split('","');
      if (suppressed!.startsWith('suppressed')) expect(value).toBe('');
      else expect(published).toContain(value);
    }
    for (const text of [csv.text, page.text, JSON.stringify(json.body)]) {
      expect(text).not.toMatch(/@private\.test|Private<|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/);
    }
    // The hidden groups' sizes (6 athletes in all... 11 general, 1 post_surgical) are nowhere on the page.
    expect(page.text).not.toMatch(/>\s*11\s*</);
    expect(page.text).not.toMatch(/data-(value|people|count)=/);
  });
});
