import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EnrollmentEntity } from '../entities/enrollment.entity';
import { currentManager, DATA_SOURCE, type Tx } from '../unit-of-work';

export type NewEnrollment = Omit<EnrollmentEntity, 'id'>;

interface FindOptions {
  tx?: Tx;
  lock?: boolean;
  /** Erased enrolments are anonymous stubs for reports; only erasure itself looks them up. */
  includeErased?: boolean;
}

/**
 * Every read that serves an organisation takes its id: another organisation's enrolment is simply
 * not found. Reads by id alone are for signed participant links, whose token names the enrolment.
 * An erased enrolment is not found by either, so every path refuses it without checking.
 */
@Injectable()
export class EnrollmentRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  insert(tx: Tx, input: NewEnrollment): Promise<EnrollmentEntity> {
    return tx.save(tx.create(EnrollmentEntity, input));
  }

  findInOrganization(
    organizationId: string,
    id: string,
    options: FindOptions = {},
  ): Promise<EnrollmentEntity | null> {
    return this.find({ id, organizationId }, options);
  }

  findForLink(id: string, options: FindOptions = {}): Promise<EnrollmentEntity | null> {
    return this.find({ id }, options);
  }

  /** The schedules of the enrolments whose reminders a dispatcher just claimed. */
  findManyForDispatch(tx: Tx, ids: string[]): Promise<EnrollmentEntity[]> {
    return tx
      .createQueryBuilder(EnrollmentEntity, 'e')
      .where('e.id = ANY(:ids)', { ids: [...new Set(ids)] })
      .getMany();
  }

  save(tx: Tx, entity: EnrollmentEntity): Promise<EnrollmentEntity> {
    return tx.save(entity);
  }

  private find(
    where: { id: string; organizationId?: string },
    { tx = currentManager(this.dataSource), lock = false, includeErased = false }: FindOptions,
  ): Promise<EnrollmentEntity | null> {
    const query = tx.createQueryBuilder(EnrollmentEntity, 'e').where('e.id = :id', { id: where.id });
    if (where.organizationId !== undefined) {
      query.andWhere('e.organization_id = :organizationId', { organizationId: where.organizationId });
    }
    if (!includeErased) query.andWhere(`e.status <> 'erased'`);
    // A row lock serialises changes to one participant (pause racing a timezone change, say).
    if (lock) query.setLock('pessimistic_write');
    return query.getOne();
  }
}
