import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { TENANT_ROLE } from './tenant-isolation';

/**
 * What a request acting for one organisation may do, cut down to what the code needs. Row-level
 * security already limits the tenant role to its own organisation's rows; this removes the verbs no
 * request uses, so a bug or an injected statement cannot delete history (enrolments, walks,
 * decisions, messages, imports are only ever updated: erasure empties rows, it never deletes
 * them), create or delete an organisation, or move the shared test clock.
 */
export class LeastPrivilege1764800000000 implements MigrationInterface {
  name = 'LeastPrivilege1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE INSERT, DELETE ON organizations FROM ${TENANT_ROLE}`);
    for (const table of ['api_keys', 'enrollments', 'check_ins', 'decisions', 'messages', 'imports']) {
      await q.query(`REVOKE DELETE ON ${table} FROM ${TENANT_ROLE}`);
    }
    // Per-row errors are written once and read; staged rows and the pace are deleted when spent.
    await q.query(`REVOKE UPDATE, DELETE ON import_row_errors FROM ${TENANT_ROLE}`);
    // Requests only read the shared test clock (refresh); the admin route moves it outside any
    // organisation's transaction.
    await q.query(`REVOKE INSERT, UPDATE, DELETE ON test_clock FROM ${TENANT_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`GRANT INSERT, UPDATE, DELETE ON test_clock TO ${TENANT_ROLE}`);
    await q.query(`GRANT UPDATE, DELETE ON import_row_errors TO ${TENANT_ROLE}`);
    for (const table of ['api_keys', 'enrollments', 'check_ins', 'decisions', 'messages', 'imports']) {
      await q.query(`GRANT DELETE ON ${table} TO ${TENANT_ROLE}`);
    }
    await q.query(`GRANT INSERT, DELETE ON organizations TO ${TENANT_ROLE}`);
  }
}
