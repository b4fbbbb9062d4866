import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { dropOrganizationIsolation, isolateByOrganization, TENANT_ROLE } from './tenant-isolation';

const TABLES = ['members', 'member_sessions', 'sign_in_links'];

/**
 * People of an organisation who sign in to the workspace (beside API keys), their sessions and
 * their one-time sign-in links, and the schedule taking their emails: a message goes either to a
 * participant (enrollment_id) or to a member (member_id), never both, never neither. Also the
 * organisation's clearance policy.
 */
export class MembersAndSignIn1765100000000 implements MigrationInterface {
  name = 'MembersAndSignIn1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE members (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        email text NOT NULL,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'coach', 'wellness_manager')),
        created_at timestamptz NOT NULL,
        last_sign_in_at timestamptz,
        -- Removed members stay (decisions and acknowledgements name them), but can never sign in.
        removed_at timestamptz
      )`);
    await q.query(
      `CREATE UNIQUE INDEX members_org_email ON members (organization_id, lower(email)) WHERE removed_at IS NULL`,
    );
    // The sign-in page knows an address, not an organisation.
    await q.query(`CREATE INDEX members_email ON members (lower(email)) WHERE removed_at IS NULL`);
    await q.query(`CREATE INDEX members_org_created ON members (organization_id, created_at, id)`);

    // Only hashes: a database copy holds nothing that signs anyone in.
    await q.query(`
      CREATE TABLE member_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX member_sessions_member ON member_sessions (member_id) WHERE revoked_at IS NULL`,
    );
    await q.query(`CREATE INDEX member_sessions_last_seen ON member_sessions (last_seen_at)`);

    await q.query(`
      CREATE TABLE sign_in_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        purpose text NOT NULL CHECK (purpose IN ('invite', 'sign_in')),
        return_to text CHECK (return_to LIKE '/coach/%'),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query(`CREATE INDEX sign_in_links_member ON sign_in_links (member_id, created_at)`);
    await q.query(`CREATE INDEX sign_in_links_expires ON sign_in_links (expires_at)`);

    for (const table of TABLES) await isolateByOrganization(q, table);
    // Requests never delete: a member is removed by a date, a session or link ends by a date.
    await q.query(`REVOKE DELETE ON members, member_sessions, sign_in_links FROM ${TENANT_ROLE}`);
    // Sessions are opened by the sign-in page, which acts before anyone's organisation is known.
    await q.query(`REVOKE INSERT ON member_sessions FROM ${TENANT_ROLE}`);

    await q.query(`ALTER TABLE messages ALTER COLUMN enrollment_id DROP NOT NULL`);
    await q.query(`ALTER TABLE messages ADD COLUMN member_id uuid REFERENCES members(id) ON DELETE CASCADE`);
    // NOT VALID first, then VALIDATE: the check scans the whole schedule without blocking writes.
    await q.query(
      `ALTER TABLE messages ADD CONSTRAINT messages_one_recipient
       CHECK (num_nonnulls(enrollment_id, member_id) = 1) NOT VALID`,
    );
    await q.query(`ALTER TABLE messages VALIDATE CONSTRAINT messages_one_recipient`);
    await q.query(`CREATE INDEX messages_member ON messages (member_id) WHERE member_id IS NOT NULL`);

    await q.query(
      `ALTER TABLE organizations ADD COLUMN clearance_policy text NOT NULL DEFAULT 'coach_confirms'
       CHECK (clearance_policy IN ('coach_confirms', 'participant_attests'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organizations DROP COLUMN clearance_policy`);
    await q.query(`DELETE FROM messages WHERE member_id IS NOT NULL`);
    await q.query(`ALTER TABLE messages DROP CONSTRAINT messages_one_recipient`);
    await q.query(`ALTER TABLE messages DROP COLUMN member_id`);
    await q.query(`ALTER TABLE messages ALTER COLUMN enrollment_id SET NOT NULL`);
    for (const table of [...TABLES].reverse()) {
      await dropOrganizationIsolation(q, table);
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
