import { type MigrationInterface, type QueryRunner } from 'typeorm';
import {
  createRoleIfMissingSql,
  dropOrganizationIsolation,
  grantRoleToCurrentUserSql,
  isolateByOrganization,
  TENANT_ROLE,
} from './tenant-isolation';

const ISOLATED_TABLES = ['api_keys', 'enrollments', 'messages', 'check_ins', 'decisions'];

/**
 * Roles for API keys, the settings an organisation controls, and the second wall between
 * organisations: row-level security for the role each organisation's request runs as.
 */
export class RolesSettingsIsolation1764300000000 implements MigrationInterface {
  name = 'RolesSettingsIsolation1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE api_keys DROP CONSTRAINT api_keys_role_check`);
    await q.query(
      `ALTER TABLE api_keys ADD CONSTRAINT api_keys_role_check
       CHECK (role IN ('admin', 'coach', 'wellness_manager'))`,
    );
    await q.query(`ALTER TABLE api_keys ADD COLUMN label text`);

    await q.query(`ALTER TABLE organizations ADD COLUMN display_name text`);
    await q.query(`ALTER TABLE organizations ADD COLUMN sender_name text`);
    await q.query(`ALTER TABLE organizations ADD COLUMN reply_to text`);
    await q.query(`ALTER TABLE organizations ADD COLUMN default_timezone text`);
    await q.query(
      `ALTER TABLE organizations ADD COLUMN default_reminder_days text[] NOT NULL DEFAULT '{mon,wed,fri}'
       CHECK (cardinality(default_reminder_days) BETWEEN 1 AND 7)`,
    );
    await q.query(
      `ALTER TABLE organizations ADD COLUMN default_reminder_time text NOT NULL DEFAULT '07:30'
       CHECK (default_reminder_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')`,
    );
    await q.query(
      `ALTER TABLE organizations ADD COLUMN quiet_hours_start text NOT NULL DEFAULT '21:00'
       CHECK (quiet_hours_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')`,
    );
    await q.query(
      `ALTER TABLE organizations ADD COLUMN quiet_hours_end text NOT NULL DEFAULT '07:00'
       CHECK (quiet_hours_end ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')`,
    );
    await q.query(`ALTER TABLE organizations ADD COLUMN updated_at timestamptz`);

    await q.query(createRoleIfMissingSql(TENANT_ROLE));
    // The connecting role switches to the tenant role per transaction, so it must be a member.
    await q.query(grantRoleToCurrentUserSql(TENANT_ROLE));
    await q.query(`GRANT USAGE ON SCHEMA public TO ${TENANT_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${TENANT_ROLE}`);
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${TENANT_ROLE}`,
    );
    await q.query(`REVOKE ALL ON migrations FROM ${TENANT_ROLE}`);

    await isolateByOrganization(q, 'organizations', 'id');
    for (const table of ISOLATED_TABLES) await isolateByOrganization(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...ISOLATED_TABLES, 'organizations']) await dropOrganizationIsolation(q, table);
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM ${TENANT_ROLE}`,
    );
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${TENANT_ROLE}`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM ${TENANT_ROLE}`);
    for (const column of [
      'updated_at',
      'quiet_hours_end',
      'quiet_hours_start',
      'default_reminder_time',
      'default_reminder_days',
      'default_timezone',
      'reply_to',
      'sender_name',
      'display_name',
    ])
      await q.query(`ALTER TABLE organizations DROP COLUMN ${column}`);
    await q.query(`ALTER TABLE api_keys DROP COLUMN label`);
    await q.query(`DELETE FROM api_keys WHERE role <> 'admin'`);
    await q.query(`ALTER TABLE api_keys DROP CONSTRAINT api_keys_role_check`);
    await q.query(`ALTER TABLE api_keys ADD CONSTRAINT api_keys_role_check CHECK (role IN ('admin'))`);
  }
}
