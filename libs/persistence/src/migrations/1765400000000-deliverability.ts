import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { dropOrganizationIsolation, isolateByOrganization, TENANT_ROLE } from './tenant-isolation';

/**
 * Deliverability: what the SMTP server said about each message, what providers report afterwards,
 * and the addresses an organisation no longer sends to.
 * - `messages`: the address it went to (`recipient`, for matching later events), our Message-ID
 *   as sent, the server's queue id from its 250 reply (providers name messages by it) and its reply.
 * - `delivery_events`: bounces, complaints and deliveries (from our SMTP session, a provider's
 *   webhook or a DSN), and what the sender did about them (suppressed, rerouted, undeliverable).
 *   `dedupe_key` is unique, so a replayed event changes nothing twice.
 * - `suppressions`: one live entry per organisation and address; lifting keeps the history.
 * - `organizations.backup_coach_email`: where a coach alert goes when the coach cannot be reached.
 * - `enrollments.address_unconfirmed_since`: a changed address waiting for its confirmation.
 */
export class Deliverability1765400000000 implements MigrationInterface {
  name = 'Deliverability1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE messages
        ADD COLUMN recipient text,
        ADD COLUMN smtp_message_id text,
        ADD COLUMN smtp_queue_id text,
        ADD COLUMN smtp_reply text`);
    await q.query(
      `CREATE INDEX messages_smtp_queue_id ON messages (smtp_queue_id) WHERE smtp_queue_id IS NOT NULL`,
    );
    await q.query(`ALTER TABLE organizations ADD COLUMN backup_coach_email text`);
    await q.query(`ALTER TABLE enrollments ADD COLUMN address_unconfirmed_since timestamptz`);

    await q.query(`
      CREATE TABLE delivery_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        message_id uuid REFERENCES messages(id),
        enrollment_id uuid REFERENCES enrollments(id),
        email text,
        type text NOT NULL CHECK (type IN
          ('bounce', 'complaint', 'delivered', 'deferred', 'suppressed', 'rerouted', 'undeliverable')),
        bounce_type text CHECK (bounce_type IN ('hard', 'soft')),
        source text NOT NULL,
        dedupe_key text NOT NULL,
        detail text,
        occurred_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX delivery_events_dedupe ON delivery_events (dedupe_key)`);
    await q.query(
      `CREATE INDEX delivery_events_address ON delivery_events (organization_id, email, occurred_at)`,
    );
    await q.query(`CREATE INDEX delivery_events_message ON delivery_events (message_id)`);
    await q.query(`CREATE INDEX delivery_events_enrollment ON delivery_events (enrollment_id)`);
    await isolateByOrganization(q, 'delivery_events');

    await q.query(`
      CREATE TABLE suppressions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        email text NOT NULL,
        reason text NOT NULL CHECK (reason IN ('hard_bounce', 'complaint', 'soft_bounces')),
        detail text,
        message_id uuid,
        created_at timestamptz NOT NULL,
        lifted_at timestamptz,
        lifted_reason text
      )`);
    await q.query(`
      CREATE UNIQUE INDEX suppressions_live ON suppressions (organization_id, email) WHERE lifted_at IS NULL`);
    await isolateByOrganization(q, 'suppressions');
    // Both are history: requests add and update (lift, erase), never delete.
    await q.query(`REVOKE DELETE ON delivery_events, suppressions FROM ${TENANT_ROLE}`);
    // An admin lifting an address from the list is audited (by the entry's id, never the address).
    await q.query(`ALTER TABLE audit_entries DROP CONSTRAINT audit_entries_action_check`);
    await q.query(`
      ALTER TABLE audit_entries ADD CONSTRAINT audit_entries_action_check
        CHECK (action IN ('enrollment.exported', 'enrollment.erased', 'suppression.lifted'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM audit_entries WHERE action = 'suppression.lifted'`);
    await q.query(`ALTER TABLE audit_entries DROP CONSTRAINT audit_entries_action_check`);
    await q.query(`
      ALTER TABLE audit_entries ADD CONSTRAINT audit_entries_action_check
        CHECK (action IN ('enrollment.exported', 'enrollment.erased'))`);
    await dropOrganizationIsolation(q, 'suppressions');
    await q.query(`DROP TABLE suppressions`);
    await dropOrganizationIsolation(q, 'delivery_events');
    await q.query(`DROP TABLE delivery_events`);
    await q.query(`ALTER TABLE enrollments DROP COLUMN address_unconfirmed_since`);
    await q.query(`ALTER TABLE organizations DROP COLUMN backup_coach_email`);
    await q.query(`DROP INDEX messages_smtp_queue_id`);
    await q.query(`
      ALTER TABLE messages DROP COLUMN recipient, DROP COLUMN smtp_message_id, DROP COLUMN smtp_queue_id,
                           DROP COLUMN smtp_reply`);
  }
}
