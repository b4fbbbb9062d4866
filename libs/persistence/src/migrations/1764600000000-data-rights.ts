import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { dropOrganizationIsolation, isolateByOrganization, TENANT_ROLE } from './tenant-isolation';

/**
 * Export and erasure. An erased enrolment stays as an anonymous stub (status `erased`) so reports
 * keep counting it; `audit_entries` records who exported or erased whom, by ids only.
 */
export class DataRights1764600000000 implements MigrationInterface {
  name = 'DataRights1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE enrollments DROP CONSTRAINT enrollments_status_check`);
    await q.query(
      `ALTER TABLE enrollments ADD CONSTRAINT enrollments_status_check CHECK (status IN
        ('pending_confirmation','active','paused','needs_clearance','unsubscribed','completed','erased'))`,
    );
    await q.query(`ALTER TABLE enrollments ADD COLUMN erased_at timestamptz`);
    // Holds no personal data by design: ids, what happened, who did it, when.
    await q.query(`
      CREATE TABLE audit_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        action text NOT NULL CHECK (action IN ('enrollment.exported', 'enrollment.erased')),
        subject_id uuid NOT NULL,
        actor_kind text NOT NULL CHECK (actor_kind IN ('api_key', 'participant')),
        api_key_id uuid REFERENCES api_keys(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL,
        -- A participant acting through a signed link has no key; a key's id goes null if it is deleted.
        CHECK (actor_kind = 'api_key' OR api_key_id IS NULL)
      )`);
    await q.query(`CREATE INDEX audit_entries_organization ON audit_entries (organization_id, created_at)`);
    await q.query(`CREATE INDEX audit_entries_subject ON audit_entries (subject_id)`);
    await isolateByOrganization(q, 'audit_entries');
    // Append-only for requests: an organisation's own key cannot rewrite or remove its audit trail.
    await q.query(`REVOKE UPDATE, DELETE ON audit_entries FROM ${TENANT_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropOrganizationIsolation(q, 'audit_entries');
    await q.query(`DROP TABLE audit_entries`);
    await q.query(`ALTER TABLE enrollments DROP COLUMN erased_at`);
    await q.query(`ALTER TABLE enrollments DROP CONSTRAINT enrollments_status_check`);
    await q.query(
      `ALTER TABLE enrollments ADD CONSTRAINT enrollments_status_check CHECK (status IN
        ('pending_confirmation','active','paused','needs_clearance','unsubscribed','completed'))`,
    );
  }
}
