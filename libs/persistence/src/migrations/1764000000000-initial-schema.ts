import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        coach_email text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        prefix text NOT NULL,
        key_hash text NOT NULL UNIQUE,
        role text NOT NULL CHECK (role IN ('admin')),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX api_keys_organization ON api_keys (organization_id)`);
    await q.query(`
      CREATE TABLE enrollments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        email text NOT NULL,
        first_name text NOT NULL,
        timezone text NOT NULL,
        reminder_days text[] NOT NULL CHECK (cardinality(reminder_days) BETWEEN 1 AND 7),
        reminder_time text NOT NULL CHECK (reminder_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        audience text NOT NULL,
        screening jsonb NOT NULL,
        external_id text,
        status text NOT NULL CHECK (status IN
          ('pending_confirmation','active','paused','needs_clearance','unsubscribed','completed')),
        level smallint NOT NULL CHECK (level BETWEEN 1 AND 6),
        confirmed_at timestamptz,
        paused_at timestamptz,
        unsubscribed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One person per organisation: email compared without case, as mail systems do.
    await q.query(`CREATE UNIQUE INDEX enrollments_org_email ON enrollments (organization_id, lower(email))`);
    await q.query(
      `CREATE UNIQUE INDEX enrollments_org_external_id ON enrollments (organization_id, external_id)
       WHERE external_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        enrollment_id uuid NOT NULL REFERENCES enrollments(id) ON DELETE CASCADE,
        kind text NOT NULL,
        dedupe_key text NOT NULL,
        due_at timestamptz NOT NULL,
        local_date text,
        status text NOT NULL CHECK (status IN
          ('pending','queued','sending','sent','failed','cancelled','skipped')),
        lease_until timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        sent_at timestamptz,
        finished_reason text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Cancelled rows leave the key free, so a moved reminder can take the same local date again.
    await q.query(
      `CREATE UNIQUE INDEX messages_live_dedupe_key ON messages (dedupe_key) WHERE status <> 'cancelled'`,
    );
    // The dispatcher's hot path: the earliest due pending rows, then expired leases.
    await q.query(`CREATE INDEX messages_pending_due ON messages (due_at) WHERE status = 'pending'`);
    await q.query(
      `CREATE INDEX messages_in_flight_lease ON messages (lease_until) WHERE status IN ('queued','sending')`,
    );
    await q.query(`CREATE INDEX messages_enrollment ON messages (enrollment_id, due_at)`);
    await q.query(`
      CREATE TABLE test_clock (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        now timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE test_clock`);
    await q.query(`DROP TABLE messages`);
    await q.query(`DROP TABLE enrollments`);
    await q.query(`DROP TABLE api_keys`);
    await q.query(`DROP TABLE organizations`);
  }
}
