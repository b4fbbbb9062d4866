import { type MigrationInterface, type QueryRunner } from 'typeorm';
import {
  dropOrganizationIsolation,
  isolateByOrganization,
  TENANT_ROLE,
  TENANT_SETTING,
} from './tenant-isolation';

/** The text a participant search looks in (name, email, external id), lower-cased, stored. */
const SEARCH_TEXT = `lower(first_name || ' ' || email || ' ' || coalesce(external_id, ''))`;

/**
 * Lists of enrolments: one index per sort order of `GET /v1/enrollments` (each ends with the id,
 * so a keyset page is one index range), a trigram index for partial search when pg_trgm can be
 * had, and the enrolments each import created or matched, so a cohort can be found again.
 *
 * Requests run as the tenant role under row-level security, and Postgres then refuses to use an
 * index for any condition whose function is not LEAKPROOF (lower(), LIKE, row comparisons) before
 * the policy has filtered: a search would read every enrolment of the organisation. Hence the
 * name order uses a stored lower-cased column (plain text comparisons are leakproof), and the
 * search goes through `enrollment_search_hits`, which runs as the owner inside the very wall of
 * the policy (the same organisation setting) and returns ids only; the rows themselves are then
 * read under row-level security as always.
 */
export class EnrollmentList1765120000000 implements MigrationInterface {
  name = 'EnrollmentList1765120000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX enrollments_list_created ON enrollments (organization_id, created_at DESC, id DESC)`,
    );
    await q.query(
      `ALTER TABLE enrollments ADD COLUMN name_key text GENERATED ALWAYS AS (lower(first_name)) STORED`,
    );
    await q.query(`CREATE INDEX enrollments_list_name ON enrollments (organization_id, name_key, id)`);
    await q.query(
      `CREATE INDEX enrollments_list_last_walk
       ON enrollments (organization_id, coalesce(last_walk_at, '-infinity'::timestamptz) DESC, id DESC)`,
    );
    // Stored, so checking a trigram match reads a column instead of lower-casing three of them.
    await q.query(
      `ALTER TABLE enrollments ADD COLUMN search_text text GENERATED ALWAYS AS (${SEARCH_TEXT}) STORED`,
    );
    if (await canUseTrigrams(q)) {
      await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
      await q.query(`CREATE INDEX enrollments_search ON enrollments USING gin (search_text gin_trgm_ops)`);
    }
    // Inside an organisation's request the setting names the organisation and wins over the
    // argument, so a request can only ever search its own; the argument serves the connecting
    // role's own callers (which are not behind the policy anyway). It returns the sort keys and
    // filter columns of the matches, so a page is chosen without reading them again; the page's
    // rows are then read under row-level security like any other.
    await q.query(`
      CREATE FUNCTION enrollment_search_hits(pattern text, organization uuid)
        RETURNS TABLE (id uuid, created_at timestamptz, name_key text, last_walk_at timestamptz,
                       status text, level smallint, audience text)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
          SELECT e.id, e.created_at, e.name_key, e.last_walk_at, e.status, e.level, e.audience
          FROM public.enrollments e
          WHERE e.organization_id =
                  coalesce(nullif(current_setting('${TENANT_SETTING}', true), '')::uuid, organization)
            AND e.status <> 'erased'
            AND e.search_text LIKE pattern
        $$`);
    await q.query(`REVOKE ALL ON FUNCTION enrollment_search_hits(text, uuid) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION enrollment_search_hits(text, uuid) TO ${TENANT_ROLE}`);

    await q.query(`
      CREATE TABLE import_enrollments (
        import_id uuid NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        row_number integer NOT NULL,
        enrollment_id uuid NOT NULL REFERENCES enrollments(id) ON DELETE CASCADE,
        outcome text NOT NULL CHECK (outcome IN ('created', 'matched')),
        PRIMARY KEY (import_id, row_number)
      )`);
    await isolateByOrganization(q, 'import_enrollments');
    await q.query(`REVOKE UPDATE, DELETE ON import_enrollments FROM ${TENANT_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropOrganizationIsolation(q, 'import_enrollments');
    await q.query(`DROP TABLE import_enrollments`);
    await q.query(`DROP FUNCTION enrollment_search_hits(text, uuid)`);
    await q.query(`DROP INDEX IF EXISTS enrollments_search`);
    await q.query(`ALTER TABLE enrollments DROP COLUMN search_text`);
    await q.query(`ALTER TABLE enrollments DROP COLUMN name_key`);
    for (const index of ['enrollments_list_last_walk', 'enrollments_list_created']) {
      await q.query(`DROP INDEX ${index}`);
    }
  }
}

/**
 * pg_trgm ships with PostgreSQL and is a trusted extension (13+): the database owner may create
 * it. Without it (a managed database that withholds it), search still works, by scanning the
 * organisation's enrolments; docs/operations.md says what that costs.
 */
async function canUseTrigrams(q: QueryRunner): Promise<boolean> {
  const rows = (await q.query(`
    SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm')
        OR (EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm')
            AND ((SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
                 OR has_database_privilege(current_user, current_database(), 'CREATE'))) AS usable`)) as {
    usable: boolean;
  }[];
  return rows[0]?.usable === true;
}
