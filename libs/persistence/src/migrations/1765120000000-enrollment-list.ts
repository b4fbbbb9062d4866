import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { dropOrganizationIsolation, isolateByOrganization, TENANT_ROLE } from './tenant-isolation';

/** The text a participant search looks in (name, email, external id), lower-cased. */
const SEARCH_TEXT = `lower(first_name || ' ' || email || ' ' || coalesce(external_id, ''))`;

/**
 * Lists of enrolments: one index per sort order of `GET /v1/enrollments` (each ends with the id,
 * so a keyset page is one index range), a trigram index for partial search when pg_trgm can be
 * had, and the enrolments each import created or matched, so a cohort can be found again.
 */
export class EnrollmentList1765120000000 implements MigrationInterface {
  name = 'EnrollmentList1765120000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX enrollments_list_created ON enrollments (organization_id, created_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX enrollments_list_name ON enrollments (organization_id, lower(first_name), id)`,
    );
    await q.query(
      `CREATE INDEX enrollments_list_last_walk
       ON enrollments (organization_id, coalesce(last_walk_at, '-infinity'::timestamptz) DESC, id DESC)`,
    );
    if (await canUseTrigrams(q)) {
      await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
      await q.query(
        `CREATE INDEX enrollments_search ON enrollments USING gin ((${SEARCH_TEXT}) gin_trgm_ops)`,
      );
    }

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
    await q.query(`DROP INDEX IF EXISTS enrollments_search`);
    for (const index of ['enrollments_list_last_walk', 'enrollments_list_name', 'enrollments_list_created']) {
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
