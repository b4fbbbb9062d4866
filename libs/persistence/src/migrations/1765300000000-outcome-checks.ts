import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { dropOrganizationIsolation, isolateByOrganization, TENANT_ROLE } from './tenant-isolation';

/**
 * Outcome checks: three short questionnaires per participant (baseline, end of the dose, a
 * follow-up), each a row planned when the person confirms and answered once. What reports count
 * is stored with the answer as whole numbers (the PSFS mean in sixths of a point, the baseline's
 * pain beside a later one), so a cohort report only adds up integers.
 */
export class OutcomeChecks1765300000000 implements MigrationInterface {
  name = 'OutcomeChecks1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE organizations ADD COLUMN outcome_checks_enabled boolean NOT NULL DEFAULT true`,
    );
    await q.query(
      `ALTER TABLE organizations ADD COLUMN outcome_dose_end_week smallint NOT NULL DEFAULT 6
       CHECK (outcome_dose_end_week BETWEEN 2 AND 52)`,
    );
    await q.query(
      `ALTER TABLE organizations ADD COLUMN outcome_follow_up_week smallint NOT NULL DEFAULT 12
       CHECK (outcome_follow_up_week BETWEEN 2 AND 52)`,
    );
    await q.query(
      `ALTER TABLE organizations ADD CONSTRAINT organizations_outcome_weeks_order
       CHECK (outcome_follow_up_week > outcome_dose_end_week)`,
    );
    await q.query(`
      CREATE TABLE outcome_checks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        enrollment_id uuid NOT NULL REFERENCES enrollments(id) ON DELETE CASCADE,
        timepoint text NOT NULL CHECK (timepoint IN ('baseline', 'dose_end', 'follow_up')),
        -- The enrolment's time and audience (neither ever changes), so reports read the checks of
        -- a range of enrolment weeks from one index without joining every enrolment.
        enrolled_at timestamptz NOT NULL,
        audience text NOT NULL,
        week smallint NOT NULL CHECK (week BETWEEN 0 AND 52),
        opens_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        asked_at timestamptz,
        answered_at timestamptz,
        pain smallint CHECK (pain BETWEEN 0 AND 10),
        activities jsonb NOT NULL DEFAULT '[]',
        global_change text CHECK (global_change IN
          ('much_worse', 'worse', 'a_little_worse', 'same', 'a_little_better', 'better', 'much_better')),
        counts_as_baseline boolean,
        baseline_pain smallint CHECK (baseline_pain BETWEEN 0 AND 10),
        psfs_sixths smallint CHECK (psfs_sixths BETWEEN 0 AND 60),
        psfs_change_sixths smallint CHECK (psfs_change_sixths BETWEEN -60 AND 60),
        created_at timestamptz NOT NULL,
        UNIQUE (enrollment_id, timepoint)
      )`);
    // Reports read one organisation's checks of a range of enrolment weeks, index only.
    await q.query(
      `CREATE INDEX outcome_checks_report ON outcome_checks (organization_id, enrolled_at)
       INCLUDE (timepoint, audience, asked_at, answered_at, closes_at, counts_as_baseline, pain, baseline_pain,
                psfs_sixths, psfs_change_sixths)`,
    );
    await isolateByOrganization(q, 'outcome_checks');
    // Requests plan checks (a coach clears someone after screening), read them (reports, the
    // coach's view, export) and empty them on erasure; none ever deletes one.
    await q.query(`REVOKE DELETE ON outcome_checks FROM ${TENANT_ROLE}`);
    // Retention reads who walked when in the period: with the enrolment in the index, from the
    // index alone (a report with outcomes then takes no longer than one without took before).
    await q.query(
      `CREATE INDEX check_ins_org_performed_walker ON check_ins (organization_id, performed_at) INCLUDE (enrollment_id)`,
    );
    await q.query(`DROP INDEX check_ins_org_performed`);
    // An outcome answer that needs a coach is recorded in the decisions audit trail.
    await q.query(`ALTER TABLE decisions DROP CONSTRAINT decisions_source_check`);
    await q.query(
      `ALTER TABLE decisions ADD CONSTRAINT decisions_source_check
       CHECK (source IN ('check_in', 'follow_up', 'clearance', 'outcome_check'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM decisions WHERE source = 'outcome_check'`);
    await q.query(`ALTER TABLE decisions DROP CONSTRAINT decisions_source_check`);
    await q.query(
      `ALTER TABLE decisions ADD CONSTRAINT decisions_source_check
       CHECK (source IN ('check_in', 'follow_up', 'clearance'))`,
    );
    await q.query(`CREATE INDEX check_ins_org_performed ON check_ins (organization_id, performed_at)`);
    await q.query(`DROP INDEX check_ins_org_performed_walker`);
    await dropOrganizationIsolation(q, 'outcome_checks');
    await q.query(`DROP TABLE outcome_checks`);
    await q.query(`ALTER TABLE organizations DROP CONSTRAINT organizations_outcome_weeks_order`);
    await q.query(`ALTER TABLE organizations DROP COLUMN outcome_follow_up_week`);
    await q.query(`ALTER TABLE organizations DROP COLUMN outcome_dose_end_week`);
    await q.query(`ALTER TABLE organizations DROP COLUMN outcome_checks_enabled`);
  }
}
