import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Cohort reports read one organisation's enrolments by enrolment week, then its check-ins and safety
 * stops within a period. Without these, each report would scan every organisation's rows.
 */
export class ReportIndexes1764500000000 implements MigrationInterface {
  name = 'ReportIndexes1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX enrollments_org_created ON enrollments (organization_id, created_at)`);
    await q.query(`CREATE INDEX check_ins_org_performed ON check_ins (organization_id, performed_at)`);
    await q.query(
      `CREATE INDEX decisions_org_stops ON decisions (organization_id, created_at) WHERE action = 'stop'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX decisions_org_stops`);
    await q.query(`DROP INDEX check_ins_org_performed`);
    await q.query(`DROP INDEX enrollments_org_created`);
  }
}
