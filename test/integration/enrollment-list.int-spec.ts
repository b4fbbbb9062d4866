import fc from 'fast-check';
import { Client } from 'pg';
import { enrollmentBody, RetrowalkHarness } from '@retrowalk/testing';

interface Page {
  data: {
    id: string;
    firstName: string;
    email: string;
    status: string;
    level: number;
    lastWalkAt: string | null;
  }[];
  nextCursor: string | null;
}

/** GET /v1/enrollments: search, filters, sort orders and keyset paging, against the real Postgres. */
describe('listing and finding participants', () => {
  let rw: RetrowalkHarness;
  let db: Client;
  let coach: string;
  let organizationId: string;

  /** Many people at once, straight into the table (an import would take longer and prove nothing more). */
  async function seed(count: number, prefix: string): Promise<string[]> {
    const rows = await db.query<{ id: string }>(
      `INSERT INTO enrollments (organization_id, email, first_name, timezone, reminder_days, reminder_time, audience,
                                screening, status, level, created_at, updated_at)
       SELECT $1, $2 || g || '@example.com', initcap($2) || ' ' || g, 'Europe/London', '{mon,wed}', '07:30',
              (ARRAY['general','athlete','older_adult'])[1 + g % 3], '{}'::jsonb, 'active', 1 + g % 6,
              -- Some share a creation instant, as a bulk import makes them.
              timestamptz '2027-01-01' + (g / 3) * interval '1 minute', now()
       FROM generate_series(1, $3) AS g RETURNING id`,
      [organizationId, prefix, count],
    );
    return rows.rows.map((r) => r.id);
  }

  async function page(query: string): Promise<Page> {
    const res = await rw.request<Page>('GET', `/v1/enrollments${query}`, { apiKey: coach });
    expect(res.status).toBe(200);
    return res.body;
  }

  async function everything(query: string, limit: number, between?: (n: number) => Promise<void>) {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let n = 0; n < 500; n++) {
      const sep = query ? '&' : '';
      const body: Page = await page(`?${query}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...body.data.map((e) => e.id));
      if (!body.nextCursor) break;
      cursor = body.nextCursor;
      await between?.(n);
    }
    return seen;
  }

  beforeAll(async () => {
    rw = await RetrowalkHarness.start({ worker: false });
    db = new Client({ connectionString: rw.database.url });
    await db.connect();
    const org = await rw.createOrganization('Lakeside Knees');
    organizationId = org.organizationId;
    const key = await rw.request<{ key: string }>('POST', '/v1/api-keys', {
      apiKey: org.apiKey,
      body: { role: 'coach' },
    });
    coach = key.body.key;
  });

  afterAll(async () => {
    await db.end();
    await rw.close();
  });

  it('finds people by any part of their name, email or external id, in any case', async () => {
    for (const body of [
      enrollmentBody({ firstName: 'Ingrid', email: 'ingrid.b@fjord.test', externalId: 'EMP-0042' }),
      enrollmentBody({ firstName: 'Björn', email: 'bjorn@fjord.test', externalId: '50%_off' }),
      enrollmentBody({ firstName: 'Sam', email: 'sam@other.test' }),
    ]) {
      expect((await rw.request('POST', '/v1/enrollments', { apiKey: coach, body })).status).toBe(201);
    }
    const names = async (q: string) =>
      (await page(`?q=${encodeURIComponent(q)}`)).data.map((e) => e.firstName).sort();
    expect(await names('GRID')).toEqual(['Ingrid']);
    expect(await names('fjord')).toEqual(['Björn', 'Ingrid']);
    expect(await names('emp-00')).toEqual(['Ingrid']);
    expect(await names('björn')).toEqual(['Björn']);
    // LIKE's own characters are looked for as they are.
    expect(await names('50%')).toEqual(['Björn']);
    expect(await names('%')).toEqual(['Björn']);
    expect(await names('_')).toEqual(['Björn']);
    expect(await names('nobody')).toEqual([]);
  });

  it('filters by status, level and audience, and sorts by name or last walk', async () => {
    await seed(30, 'filter');
    const level3 = await page('?level=3&limit=200');
    expect(level3.data.length).toBeGreaterThan(0);
    expect(level3.data.every((e) => e.level === 3)).toBe(true);
    const athletes = await page('?audience=athlete&status=active&limit=200');
    expect(athletes.data.length).toBeGreaterThan(0);
    const byName = (await page('?sort=name&q=filter&limit=200')).data.map((e) => e.firstName.toLowerCase());
    expect(byName).toEqual([...byName].sort());
    await db.query(
      `UPDATE enrollments SET last_walk_at = now() - interval '1 day' WHERE first_name = 'Filter 7'`,
    );
    await db.query(
      `UPDATE enrollments SET last_walk_at = now() - interval '3 days' WHERE first_name = 'Filter 9'`,
    );
    const byWalk = (await page('?sort=lastWalk&q=filter&limit=3')).data;
    expect(byWalk.map((e) => e.firstName)).toEqual(['Filter 7', 'Filter 9', expect.any(String)]);
    expect(byWalk[2]!.lastWalkAt).toBeNull();
  });

  it('refuses a malformed cursor, or one from another list, with a 400 naming cursor', async () => {
    const first = await page('?q=filter&limit=2');
    for (const query of [
      '?cursor=%%%',
      '?cursor=eyJvIjoiZW5yb2xsbWVudHMifQ',
      `?q=other&cursor=${first.nextCursor}`,
      `?sort=name&q=filter&cursor=${first.nextCursor}`,
    ]) {
      const res = await rw.request('GET', `/v1/enrollments${query}`, { apiKey: coach });
      expect({
        query,
        status: res.status,
        field: (res.body.error as { details: { field: string }[] }).details[0]!.field,
      }).toEqual({
        query,
        status: 400,
        field: 'cursor',
      });
    }
    for (const bad of [
      '?limit=0',
      '?limit=500',
      '?level=9',
      '?status=erased',
      '?sort=age',
      '?audience=cats',
    ]) {
      expect((await rw.request('GET', `/v1/enrollments${bad}`, { apiKey: coach })).status).toBe(400);
    }
  });

  it('shows every enrolment exactly once across pages, in a stable order, while new ones arrive', async () => {
    const initial = await seed(120, 'paging');
    let arrivals = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 7, max: 40 }),
        fc.constantFrom('created', 'name'),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 20, maxLength: 20 }),
        async (limit, sort, arriving) => {
          const seen = await everything(`sort=${sort}&q=paging`, limit, async (n) => {
            const count = arriving[n % arriving.length]!;
            if (count > 0) {
              arrivals += count;
              await seed(count, `paging-new-${arrivals}-`);
            }
          });
          expect(new Set(seen).size).toBe(seen.length);
          const missing = initial.filter((id) => !seen.includes(id));
          expect(missing).toEqual([]);
        },
      ),
      { numRuns: 8 },
    );
    // And the order is the same every time for what did not change.
    const a = await everything('sort=name&q=paging', 50);
    const b = await everything('sort=name&q=paging', 13);
    expect(b).toEqual(a);
  });
});
