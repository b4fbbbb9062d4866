import { Inject, Injectable } from '@nestjs/common';
import { type RuleHit } from '@retrowalk/domain';
import { DataSource, type QueryDeepPartialEntity } from 'typeorm';
import { CheckInEntity } from '../entities/check-in.entity';
import { DecisionEntity } from '../entities/decision.entity';
import { lockForChange } from '../row-lock';
import { currentManager, DATA_SOURCE, type Tx } from '../unit-of-work';

/** Check-ins and the decisions they caused, always read within one enrolment. */
@Injectable()
export class CheckInRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** One INSERT: the caller chose the id, so nothing has to be read back. */
  async insert(tx: Tx, checkIn: CheckInEntity): Promise<CheckInEntity> {
    // jsonb columns are plain objects; TypeORM's deep-partial type does not model them.
    await tx.insert(CheckInEntity, checkIn as QueryDeepPartialEntity<CheckInEntity>);
    return checkIn;
  }

  save(tx: Tx, checkIn: CheckInEntity): Promise<CheckInEntity> {
    return tx.save(checkIn);
  }

  /** Automatic decisions have no actor; a clearance names who cleared and what they wrote. */
  recordDecision(
    tx: Tx,
    decision: Omit<DecisionEntity, 'id' | 'actorKind' | 'actorMemberId' | 'actorApiKeyId' | 'note'> &
      Partial<Pick<DecisionEntity, 'actorKind' | 'actorMemberId' | 'actorApiKeyId' | 'note'>>,
  ): Promise<DecisionEntity> {
    return tx.save(
      tx.create(DecisionEntity, {
        actorKind: null,
        actorMemberId: null,
        actorApiKeyId: null,
        note: null,
        ...decision,
      }),
    );
  }

  findByIdempotencyKey(tx: Tx, enrollmentId: string, key: string): Promise<CheckInEntity | null> {
    return tx.findOne(CheckInEntity, { where: { enrollmentId, idempotencyKey: key } });
  }

  /** Recent sessions, enough for every rule's window. */
  recent(
    enrollmentId: string,
    since: Date,
    tx: Tx = currentManager(this.dataSource),
  ): Promise<CheckInEntity[]> {
    return tx
      .createQueryBuilder(CheckInEntity, 'c')
      .where('c.enrollment_id = :enrollmentId AND c.performed_at >= :since', { enrollmentId, since })
      .orderBy('c.performed_at', 'ASC')
      .getMany();
  }

  count(enrollmentId: string, tx: Tx = currentManager(this.dataSource)): Promise<number> {
    return tx.count(CheckInEntity, { where: { enrollmentId } });
  }

  /** The newest check-in still waiting for its next-morning answer. */
  latestAwaitingFollowUp(tx: Tx, enrollmentId: string): Promise<CheckInEntity | null> {
    return lockForChange(
      tx
        .createQueryBuilder(CheckInEntity, 'c')
        .where('c.enrollment_id = :enrollmentId AND c.needs_follow_up AND c.follow_up_answer IS NULL', {
          enrollmentId,
        })
        .orderBy('c.performed_at', 'DESC'),
    ).getOne();
  }

  findById(id: string): Promise<CheckInEntity | null> {
    return currentManager(this.dataSource).findOne(CheckInEntity, { where: { id } });
  }

  list(enrollmentId: string): Promise<CheckInEntity[]> {
    return currentManager(this.dataSource).find(CheckInEntity, {
      where: { enrollmentId },
      order: { performedAt: 'ASC' },
    });
  }

  /**
   * Erasure: a check-in keeps what reports count (when, level, action, level after); the report
   * (pain scores, pain type, flags, notes), the stored answer, the follow-up answer and the
   * client's idempotency key go. Decisions keep their action and levels, not the rules' inputs.
   */
  async anonymiseForErasure(tx: Tx, enrollmentId: string): Promise<void> {
    await tx.query(
      `UPDATE check_ins SET report = '{}'::jsonb, response = '{}'::jsonb, follow_up_answer = NULL,
         follow_up_answered_at = NULL, idempotency_key = NULL
       WHERE enrollment_id = $1`,
      [enrollmentId],
    );
    await tx.query(`UPDATE decisions SET rules = '[]'::jsonb, note = NULL WHERE enrollment_id = $1`, [
      enrollmentId,
    ]);
  }

  /** The rules of the stop a check-in (or its next-morning answer) caused, for the coach alert. */
  async stopRulesFor(checkInId: string): Promise<RuleHit[]> {
    const decision = await currentManager(this.dataSource).findOne(DecisionEntity, {
      where: { checkInId, action: 'stop' },
      order: { createdAt: 'DESC' },
    });
    return decision?.rules ?? [];
  }

  /** Decisions since a moment, for the weekly summary (served by the (enrollment, created_at) index). */
  decisionsSince(enrollmentId: string, since: Date): Promise<DecisionEntity[]> {
    return currentManager(this.dataSource)
      .createQueryBuilder(DecisionEntity, 'd')
      .where('d.enrollment_id = :enrollmentId AND d.created_at >= :since', { enrollmentId, since })
      .orderBy('d.created_at', 'ASC')
      .getMany();
  }

  decisions(enrollmentId: string): Promise<DecisionEntity[]> {
    return currentManager(this.dataSource).find(DecisionEntity, {
      where: { enrollmentId },
      order: { createdAt: 'ASC' },
    });
  }
}
