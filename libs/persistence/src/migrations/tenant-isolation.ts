import { type QueryRunner } from 'typeorm';

/**
 * The database role every organisation's request runs as (`SET LOCAL ROLE` inside its transaction,
 * see Tenancy). It owns nothing and bypasses nothing, so row-level security applies to it: a query
 * that forgot its `organization_id` filter still sees only the caller's rows.
 */
export const TENANT_ROLE = 'retrowalk_tenant';

/**
 * Creates a role unless it exists. Roles are cluster-wide: another database on the same server may
 * have made it already, or be making it right now (the advisory lock around migrations holds within
 * one database only), in which case this waits for that commit and gets a duplicate: the role is
 * there either way.
 */
export function createRoleIfMissingSql(role: string): string {
  return `
    DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN
        CREATE ROLE ${role} NOLOGIN;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`;
}

/** Makes the connecting role a member of `role`, as safely against a concurrent grant. */
export function grantRoleToCurrentUserSql(role: string): string {
  return `
    DO $$ BEGIN
      IF NOT pg_has_role(current_user, '${role}', 'MEMBER') THEN
        EXECUTE format('GRANT ${role} TO %I', current_user);
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`;
}

/** The transaction setting the row-level policies compare `organization_id` with. */
export const TENANT_SETTING = 'retrowalk.organization_id';

/**
 * Row-level security on one table: the tenant role reads and writes only rows of the organisation
 * set for the transaction. The connecting (owner) role is unaffected, so the dispatcher, the sender
 * and signed participant links, which work across organisations by design, run as before.
 * Migrations that add an organisation's table call this for it.
 */
export async function isolateByOrganization(
  q: QueryRunner,
  table: string,
  column = 'organization_id',
): Promise<void> {
  await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
  await q.query(`
    CREATE POLICY ${table}_tenant_isolation ON ${table} TO ${TENANT_ROLE}
      USING (${column} = current_setting('${TENANT_SETTING}', true)::uuid)
      WITH CHECK (${column} = current_setting('${TENANT_SETTING}', true)::uuid)`);
}

export async function dropOrganizationIsolation(q: QueryRunner, table: string): Promise<void> {
  await q.query(`DROP POLICY IF EXISTS ${table}_tenant_isolation ON ${table}`);
  await q.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
}
