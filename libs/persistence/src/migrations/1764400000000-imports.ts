import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { dropOrganizationIsolation, isolateByOrganization } from './tenant-isolation';

const TABLES = ['imports', 'import_rows', 'import_row_errors', 'confirmation_pace'];

/**
 * Bulk enrolment by CSV: an import, its staged rows (deleted once processed: they hold screening
 * answers), its per-row errors, and the confirmation pace each organisation keeps across imports.
 */
export class Imports1764400000000 implements MigrationInterface {
  name = 'Imports1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE organizations ADD COLUMN import_confirmations_per_minute integer NOT NULL DEFAULT 100
       CHECK (import_confirmations_per_minute BETWEEN 1 AND 10000)`,
    );
    await q.query(`
      CREATE TABLE imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        source text NOT NULL CHECK (source IN ('api', 'cli')),
        status text NOT NULL CHECK (status IN ('receiving', 'queued', 'processing', 'completed', 'failed')),
        rows_total integer NOT NULL DEFAULT 0,
        rows_done integer NOT NULL DEFAULT 0,
        rows_succeeded integer NOT NULL DEFAULT 0,
        rows_unchanged integer NOT NULL DEFAULT 0,
        rows_failed integer NOT NULL DEFAULT 0,
        last_row integer NOT NULL DEFAULT 1,
        failure text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX imports_organization ON imports (organization_id, created_at)`);
    // Rows wait here between upload and processing; the keys find repeats within the file.
    await q.query(`
      CREATE TABLE import_rows (
        import_id uuid NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        row_number integer NOT NULL,
        email_key text NOT NULL,
        external_id text,
        data jsonb NOT NULL,
        problems jsonb,
        PRIMARY KEY (import_id, row_number)
      )`);
    await q.query(`CREATE INDEX import_rows_email ON import_rows (import_id, email_key, row_number)`);
    await q.query(
      `CREATE INDEX import_rows_external_id ON import_rows (import_id, external_id, row_number)
       WHERE external_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE import_row_errors (
        import_id uuid NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        row_number integer NOT NULL,
        field text NOT NULL,
        message text NOT NULL,
        PRIMARY KEY (import_id, row_number, field)
      )`);
    // Confirmations planned per minute, so every import of an organisation shares one pace.
    await q.query(`
      CREATE TABLE confirmation_pace (
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        minute timestamptz NOT NULL,
        planned integer NOT NULL CHECK (planned > 0),
        PRIMARY KEY (organization_id, minute)
      )`);
    for (const table of TABLES) await isolateByOrganization(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) {
      await dropOrganizationIsolation(q, table);
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`ALTER TABLE organizations DROP COLUMN import_confirmations_per_minute`);
  }
}
