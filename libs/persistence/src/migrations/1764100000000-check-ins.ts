import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class CheckIns1764100000000 implements MigrationInterface {
  name = 'CheckIns1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE check_ins (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        enrollment_id uuid NOT NULL REFERENCES enrollments(id) ON DELETE CASCADE,
        performed_at timestamptz NOT NULL,
        level smallint NOT NULL,
        report jsonb NOT NULL,
        action text NOT NULL,
        level_after smallint NOT NULL,
        needs_follow_up boolean NOT NULL,
        follow_up_answer text CHECK (follow_up_answer IN ('settled', 'same', 'worse')),
        follow_up_answered_at timestamptz,
        idempotency_key text,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX check_ins_enrollment ON check_ins (enrollment_id, performed_at)`);
    // A retried POST with the same Idempotency-Key finds the first answer instead of a second row.
    await q.query(
      `CREATE UNIQUE INDEX check_ins_idempotency ON check_ins (enrollment_id, idempotency_key)
       WHERE idempotency_key IS NOT NULL`,
    );
    // The audit trail a clinician can read: every automatic decision, its rules and their inputs.
    await q.query(`
      CREATE TABLE decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        enrollment_id uuid NOT NULL REFERENCES enrollments(id) ON DELETE CASCADE,
        check_in_id uuid REFERENCES check_ins(id) ON DELETE CASCADE,
        source text NOT NULL CHECK (source IN ('check_in', 'follow_up', 'clearance')),
        action text NOT NULL,
        level_before smallint NOT NULL,
        level_after smallint NOT NULL,
        status_after text NOT NULL,
        rules jsonb NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX decisions_enrollment ON decisions (enrollment_id, created_at)`);
    await q.query(`ALTER TABLE enrollments ADD COLUMN level_before_stop smallint`);
    await q.query(
      `ALTER TABLE messages ADD COLUMN check_in_id uuid REFERENCES check_ins(id) ON DELETE CASCADE`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messages DROP COLUMN check_in_id`);
    await q.query(`ALTER TABLE enrollments DROP COLUMN level_before_stop`);
    await q.query(`DROP TABLE decisions`);
    await q.query(`DROP TABLE check_ins`);
  }
}
