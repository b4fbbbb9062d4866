import { createTestDatabase, type TestDatabase } from '@retrowalk/testing';
import { Client } from 'pg';

const TENANT = 'retrowalk_tenant';
const POLICY = `(organization_id = (current_setting('retrowalk.organization_id'::text, true))::uuid)`;

/** Tables that hold no organisation's rows, each with the reason. A new one must be added here. */
const NOT_ORGANIZATION_DATA: Record<string, string> = {
  migrations: 'TypeORM bookkeeping; the tenant role has no access at all',
  organizations: 'isolated by its own id (checked below)',
  test_clock: 'one shared row, read-only for the tenant role',
};

/** What a request acting for one organisation may do on each table, and nothing more. */
const EXPECTED_PRIVILEGES: Record<string, string[]> = {
  api_keys: ['SELECT', 'INSERT', 'UPDATE'],
  // Opened and closed by causes, acknowledged by people: history, never deleted.
  attention_items: ['SELECT', 'INSERT', 'UPDATE'],
  // Timers are deleted when what they wait for happens (an answer, a pause).
  attention_timers: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  audit_entries: ['SELECT', 'INSERT'],
  check_ins: ['SELECT', 'INSERT', 'UPDATE'],
  // Blanked on erasure, never deleted.
  coach_notes: ['SELECT', 'INSERT', 'UPDATE'],
  confirmation_pace: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  decisions: ['SELECT', 'INSERT', 'UPDATE'],
  // Bounces, complaints and what the sender did: history, updated only to scrub an erased address.
  delivery_events: ['SELECT', 'INSERT', 'UPDATE'],
  enrollments: ['SELECT', 'INSERT', 'UPDATE'],
  // Which enrolment each row became: written once, read.
  import_enrollments: ['SELECT', 'INSERT'],
  import_row_errors: ['SELECT', 'INSERT'],
  import_rows: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  imports: ['SELECT', 'INSERT', 'UPDATE'],
  // Removed by a date, never deleted: decisions and acknowledgements name them.
  members: ['SELECT', 'INSERT', 'UPDATE'],
  // Opened by the sign-in page (before any organisation is known); requests only revoke them.
  member_sessions: ['SELECT', 'UPDATE'],
  messages: ['SELECT', 'INSERT', 'UPDATE'],
  migrations: [],
  organizations: ['SELECT', 'UPDATE'],
  outcome_checks: ['SELECT', 'INSERT', 'UPDATE'],
  // Invitations are created by an admin's request; links end by a date, never deleted.
  sign_in_links: ['SELECT', 'INSERT', 'UPDATE'],
  // The do-not-send list: entries are lifted (updated), never deleted, so who lifted what stays.
  suppressions: ['SELECT', 'INSERT', 'UPDATE'],
  test_clock: ['SELECT'],
};

/**
 * The second wall, checked on the migrated schema itself: every table with an `organization_id`
 * has row-level security and the tenant policy, so a table added later without
 * `isolateByOrganization` fails here; and the tenant role holds only the privileges requests need.
 */
describe('tenant isolation in the schema', () => {
  let database: TestDatabase;
  let db: Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Client({ connectionString: database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db.end();
    await database.drop();
  });

  async function tables(): Promise<{ name: string; rls: boolean; hasOrganization: boolean }[]> {
    const { rows } = await db.query<{ name: string; rls: boolean; has_org: boolean }>(
      `SELECT c.relname AS name, c.relrowsecurity AS rls,
              EXISTS (SELECT 1 FROM pg_attribute a
                      WHERE a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped)
                AS has_org
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
       ORDER BY 1`,
    );
    return rows.map((r) => ({ name: r.name, rls: r.rls, hasOrganization: r.has_org }));
  }

  async function policiesOn(table: string) {
    const { rows } = await db.query<{ cmd: string; roles: string; qual: string; check: string }>(
      `SELECT p.polcmd AS cmd, array_to_string(p.polroles::regrole[], ',') AS roles,
              pg_get_expr(p.polqual, p.polrelid) AS qual, pg_get_expr(p.polwithcheck, p.polrelid) AS check
       FROM pg_policy p WHERE p.polrelid = $1::regclass`,
      [table],
    );
    return rows;
  }

  it('has row-level security and the tenant policy on every table with an organization_id', async () => {
    const all = await tables();
    const organizationTables = all.filter((t) => t.hasOrganization);
    expect(organizationTables.length).toBeGreaterThanOrEqual(10);
    for (const table of organizationTables) {
      expect({ table: table.name, rls: table.rls }).toEqual({ table: table.name, rls: true });
      // One policy for every command, for the tenant role, on reads and on writes.
      expect({ table: table.name, policies: await policiesOn(table.name) }).toEqual({
        table: table.name,
        policies: [{ cmd: '*', roles: TENANT, qual: POLICY, check: POLICY }],
      });
    }
    const organizationsPolicy = POLICY.replace('organization_id', 'id');
    expect(await policiesOn('organizations')).toEqual([
      { cmd: '*', roles: TENANT, qual: organizationsPolicy, check: organizationsPolicy },
    ]);
  });

  it('knows why every other table holds no organisation data', async () => {
    const others = (await tables()).filter((t) => !t.hasOrganization).map((t) => t.name);
    expect(others).toEqual(Object.keys(NOT_ORGANIZATION_DATA).sort());
  });

  it('gives the tenant role only the privileges requests need', async () => {
    const verbs = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'];
    const granted: Record<string, string[]> = {};
    for (const { name } of await tables()) {
      const { rows } = await db.query<{ verb: string }>(
        `SELECT v AS verb FROM unnest($2::text[]) AS v WHERE has_table_privilege($3, $1::regclass, v)`,
        [name, verbs, TENANT],
      );
      granted[name] = rows.map((r) => r.verb);
    }
    expect(granted).toEqual(EXPECTED_PRIVILEGES);
    const { rows } = await db.query<{ create: boolean }>(
      `SELECT has_schema_privilege($1, 'public', 'CREATE') AS create`,
      [TENANT],
    );
    expect(rows[0]!.create).toBe(false);
  });

  it('refuses a request that tries to rewrite the audit trail or delete history', async () => {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO organizations (name, coach_email) VALUES ('Audit Org', 'coach@audit.test') RETURNING id`,
    );
    const organizationId = rows[0]!.id;
    await db.query(
      `INSERT INTO audit_entries (organization_id, action, subject_id, actor_kind, created_at)
       VALUES ($1, 'enrollment.erased', gen_random_uuid(), 'participant', now())`,
      [organizationId],
    );
    const asTenant = async (sql: string): Promise<string> => {
      await db.query('BEGIN');
      try {
        await db.query(`SET LOCAL ROLE ${TENANT}`);
        await db.query(`SELECT set_config('retrowalk.organization_id', $1, true)`, [organizationId]);
        await db.query(sql);
        return 'allowed';
      } catch (error) {
        return (error as Error).message;
      } finally {
        await db.query('ROLLBACK');
      }
    };
    await expect(asTenant(`SELECT count(*) FROM audit_entries`)).resolves.toBe('allowed');
    for (const sql of [
      `UPDATE audit_entries SET action = 'enrollment.exported'`,
      `DELETE FROM audit_entries`,
      `DELETE FROM enrollments`,
      `DELETE FROM check_ins`,
      `DELETE FROM decisions`,
      `DELETE FROM organizations`,
      `TRUNCATE audit_entries`,
      `UPDATE test_clock SET now = now()`,
      `SELECT * FROM migrations`,
    ]) {
      await expect(asTenant(sql)).resolves.toMatch(/permission denied/);
    }
  });
});
