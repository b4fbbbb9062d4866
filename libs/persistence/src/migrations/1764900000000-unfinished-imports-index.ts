import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Every dispatcher tick (once a second per worker) looks for imports that stopped making progress.
 * Finished imports pile up over the years; this index holds only the unfinished ones, so the look
 * stays a few index pages however many imports an installation has run.
 */
export class UnfinishedImportsIndex1764900000000 implements MigrationInterface {
  name = 'UnfinishedImportsIndex1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX imports_unfinished ON imports (updated_at) WHERE status IN ('queued', 'processing')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX imports_unfinished`);
  }
}
