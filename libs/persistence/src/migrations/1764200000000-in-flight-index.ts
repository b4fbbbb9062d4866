import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The in-flight index was partial on status, so with statistics gathered at a quiet time Postgres
 * chose it for `WHERE id = $1 AND status = 'queued'` and walked every in-flight row for each send
 * (measured: 400 ms instead of 0.4 ms with a million queued). Partial on `lease_until IS NOT NULL`
 * it covers the same rows (finishing and cancelling clear the lease) but can only serve the
 * lease-expiry scan.
 */
export class InFlightIndex1764200000000 implements MigrationInterface {
  name = 'InFlightIndex1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX messages_in_flight_lease`);
    await q.query(
      `CREATE INDEX messages_in_flight_lease ON messages (lease_until) WHERE lease_until IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX messages_in_flight_lease`);
    await q.query(
      `CREATE INDEX messages_in_flight_lease ON messages (lease_until) WHERE status IN ('queued','sending')`,
    );
  }
}
