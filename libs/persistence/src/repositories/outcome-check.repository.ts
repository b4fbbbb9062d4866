import { Inject, Injectable } from '@nestjs/common';
import { type OutcomeTimepoint } from '@retrowalk/domain';
import { DataSource } from 'typeorm';
import { OutcomeCheckEntity } from '../entities/outcome-check.entity';
import { lockForChange } from '../row-lock';
import { currentManager, DATA_SOURCE, type Tx } from '../unit-of-work';

export type NewOutcomeCheck = Pick<
  OutcomeCheckEntity,
  | 'organizationId'
  | 'enrollmentId'
  | 'timepoint'
  | 'enrolledAt'
  | 'audience'
  | 'week'
  | 'opensAt'
  | 'closesAt'
  | 'createdAt'
>;

/** A person's outcome checks, always read within one enrolment. */
@Injectable()
export class OutcomeCheckRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Plans checks; one that exists already (a repeated confirmation) is left as it is. */
  async insertPlanned(tx: Tx, checks: readonly NewOutcomeCheck[]): Promise<void> {
    if (checks.length === 0) return;
    await tx
      .createQueryBuilder()
      .insert()
      .into(OutcomeCheckEntity)
      .values(checks.map((c) => ({ ...c, activities: [] })))
      .orIgnore()
      .execute();
  }

  /** Locked, so two submissions of the same check are answered one after the other. */
  findForAnswer(
    tx: Tx,
    enrollmentId: string,
    timepoint: OutcomeTimepoint,
  ): Promise<OutcomeCheckEntity | null> {
    return lockForChange(
      tx
        .createQueryBuilder(OutcomeCheckEntity, 'o')
        .where('o.enrollment_id = :enrollmentId AND o.timepoint = :timepoint', { enrollmentId, timepoint }),
    ).getOne();
  }

  /** Baseline first, then the later checks. */
  async listForEnrollment(
    enrollmentId: string,
    tx: Tx = currentManager(this.dataSource),
  ): Promise<OutcomeCheckEntity[]> {
    return tx.find(OutcomeCheckEntity, { where: { enrollmentId }, order: { week: 'ASC' } });
  }

  save(tx: Tx, check: OutcomeCheckEntity): Promise<OutcomeCheckEntity> {
    return tx.save(check);
  }

  /** The check's email went out: the first time counts as "asked". */
  async markAsked(enrollmentId: string, timepoint: OutcomeTimepoint, at: Date): Promise<void> {
    await currentManager(this.dataSource).query(
      `UPDATE outcome_checks SET asked_at = $3
       WHERE enrollment_id = $1 AND timepoint = $2 AND asked_at IS NULL`,
      [enrollmentId, timepoint, at],
    );
  }

  /** An organisation's checks still to be answered (not closed), for switching the checks off. */
  async unansweredInOrganization(
    tx: Tx,
    organizationId: string,
    now: Date,
  ): Promise<{ enrollmentId: string; timepoint: OutcomeTimepoint }[]> {
    const rows = await tx.query<{ enrollment_id: string; timepoint: OutcomeTimepoint }[]>(
      `SELECT enrollment_id, timepoint FROM outcome_checks
       WHERE organization_id = $1 AND answered_at IS NULL AND closes_at > $2`,
      [organizationId, now],
    );
    return rows.map((r) => ({ enrollmentId: r.enrollment_id, timepoint: r.timepoint }));
  }

  /**
   * Erasure: the answers go (pain, activities and their names, the rating of change, and every
   * number derived from them); when the checks were asked and answered stays, like a check-in's time.
   */
  async anonymiseForErasure(tx: Tx, enrollmentId: string): Promise<void> {
    await tx.query(
      `UPDATE outcome_checks SET pain = NULL, activities = '[]'::jsonb, global_change = NULL,
         baseline_pain = NULL, psfs_sixths = NULL, psfs_change_sixths = NULL
       WHERE enrollment_id = $1`,
      [enrollmentId],
    );
  }
}
