import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { dropOrganizationIsolation, isolateByOrganization, TENANT_ROLE } from './tenant-isolation';

const KINDS = `'safety_stop', 'clearance_requested', 'pain_worse', 'follow_up_unanswered', 'inactive',
  'undeliverable', 'outcome_worse'`;

/**
 * What needs a person's attention (libs/domain/src/attention), coach notes, who cleared whom, and
 * each enrolment's last walk (the workspace sorts by it, and "inactive" counts from it).
 */
export class AttentionItems1765110000000 implements MigrationInterface {
  name = 'AttentionItems1765110000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE attention_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        enrollment_id uuid NOT NULL REFERENCES enrollments(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN (${KINDS})),
        -- The kind's place in the domain's urgency order, stored so the queue sorts by an index.
        urgency smallint NOT NULL CHECK (urgency BETWEEN 0 AND 20),
        status text NOT NULL CHECK (status IN ('open', 'acknowledged', 'closed')),
        opened_at timestamptz NOT NULL,
        check_in_id uuid REFERENCES check_ins(id) ON DELETE SET NULL,
        acknowledged_at timestamptz,
        acknowledged_by_member_id uuid REFERENCES members(id),
        acknowledged_by_api_key_id uuid REFERENCES api_keys(id),
        note text CHECK (length(note) <= 2000),
        closed_at timestamptz,
        -- The event that closed it (a walk, a clearance, an answer...).
        closed_by text,
        CHECK ((status = 'acknowledged') = (acknowledged_at IS NOT NULL)),
        CHECK (status <> 'acknowledged' OR num_nonnulls(acknowledged_by_member_id, acknowledged_by_api_key_id) = 1),
        CHECK ((status = 'closed') = (closed_at IS NOT NULL))
      )`);
    // One open item per person and kind: opening one that is open already does nothing.
    await q.query(
      `CREATE UNIQUE INDEX attention_items_one_open ON attention_items (enrollment_id, kind) WHERE status = 'open'`,
    );
    await q.query(
      `CREATE INDEX attention_items_open_queue ON attention_items (organization_id, urgency, opened_at, id)
       WHERE status = 'open'`,
    );
    await q.query(
      `CREATE INDEX attention_items_acknowledged ON attention_items (organization_id, acknowledged_at DESC, id DESC)
       WHERE status = 'acknowledged'`,
    );
    await q.query(
      `CREATE INDEX attention_items_closed ON attention_items (organization_id, closed_at DESC, id DESC)
       WHERE status = 'closed'`,
    );
    await q.query(`CREATE INDEX attention_items_enrollment ON attention_items (enrollment_id, opened_at)`);

    // The time triggers: one row per person and timed kind, found by the worker's sweep through
    // the due_at index, so the sweep reads only what is due however many people are enrolled.
    await q.query(`
      CREATE TABLE attention_timers (
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        enrollment_id uuid NOT NULL REFERENCES enrollments(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('inactive', 'follow_up_unanswered')),
        due_at timestamptz NOT NULL,
        PRIMARY KEY (enrollment_id, kind)
      )`);
    await q.query(`CREATE INDEX attention_timers_due ON attention_timers (due_at)`);

    await q.query(`
      CREATE TABLE coach_notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        enrollment_id uuid NOT NULL REFERENCES enrollments(id) ON DELETE CASCADE,
        member_id uuid REFERENCES members(id),
        api_key_id uuid REFERENCES api_keys(id),
        text text NOT NULL CHECK (length(text) <= 4000),
        created_at timestamptz NOT NULL,
        CHECK (num_nonnulls(member_id, api_key_id) = 1)
      )`);
    await q.query(`CREATE INDEX coach_notes_enrollment ON coach_notes (enrollment_id, created_at)`);

    for (const table of ['attention_items', 'attention_timers', 'coach_notes']) {
      await isolateByOrganization(q, table);
    }
    // Items and notes are history: acknowledged or closed, blanked on erasure, never deleted.
    await q.query(`REVOKE DELETE ON attention_items, coach_notes FROM ${TENANT_ROLE}`);

    // Who cleared someone to resume (a member, an API key or the participant), and what they wrote.
    await q.query(
      `ALTER TABLE decisions ADD COLUMN actor_kind text CHECK (actor_kind IN ('member', 'api_key', 'participant'))`,
    );
    await q.query(`ALTER TABLE decisions ADD COLUMN actor_member_id uuid REFERENCES members(id)`);
    await q.query(`ALTER TABLE decisions ADD COLUMN actor_api_key_id uuid REFERENCES api_keys(id)`);
    await q.query(`ALTER TABLE decisions ADD COLUMN note text CHECK (length(note) <= 2000)`);

    await q.query(`ALTER TABLE enrollments ADD COLUMN last_walk_at timestamptz`);
    await q.query(`
      UPDATE enrollments e SET last_walk_at = c.last
      FROM (SELECT enrollment_id, max(performed_at) AS last FROM check_ins GROUP BY enrollment_id) c
      WHERE c.enrollment_id = e.id`);
    // Everyone active waits for their next walk from their last one (or their start): seven days,
    // the programme's inactivity (DEFAULT_PROGRAMME_CONFIG.inactivityDays).
    await q.query(`
      INSERT INTO attention_timers (organization_id, enrollment_id, kind, due_at)
      SELECT organization_id, id, 'inactive', coalesce(last_walk_at, confirmed_at, created_at) + interval '7 days'
      FROM enrollments WHERE status = 'active'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE enrollments DROP COLUMN last_walk_at`);
    for (const column of ['note', 'actor_api_key_id', 'actor_member_id', 'actor_kind']) {
      await q.query(`ALTER TABLE decisions DROP COLUMN ${column}`);
    }
    for (const table of ['coach_notes', 'attention_timers', 'attention_items']) {
      await dropOrganizationIsolation(q, table);
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
