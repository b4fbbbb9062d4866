import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EnrollmentEntity } from '../entities/enrollment.entity';
import { lockForChange } from '../row-lock';
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

  /**
   * Writes a changed enrolment back in one UPDATE (TypeORM's save() would read the row first to
   * find what changed; the row is already locked and in hand).
   */
  async save(tx: Tx, entity: EnrollmentEntity): Promise<EnrollmentEntity> {
    const { id, ...columns } = entity;
    await tx.update(EnrollmentEntity, { id }, columns);
    return entity;
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
    if (lock) lockForChange(query);
    return query.getOne();
  }
  /**
   * Of these emails (lower-cased) and externalIds, the ones an enrolment of the organisation already
   * has, with that enrolment's id.
   */
  async findExistingKeys(
    tx: Tx,
    organizationId: string,
    emailKeys: readonly string[],
    externalIds: readonly string[],
  ): Promise<{ emailKeys: Map<string, string>; externalIds: Map<string, string> }> {
    const rows = await tx.query<{ id: string; email_key: string; external_id: string | null }[]>(
      `SELECT id, lower(email) AS email_key, external_id FROM enrollments
       WHERE organization_id = $1 AND (lower(email) = ANY($2) OR external_id = ANY($3))`,
      [organizationId, emailKeys, externalIds],
    );
    return {
      emailKeys: new Map(rows.map((r) => [r.email_key, r.id])),
      externalIds: new Map(rows.flatMap((r) => (r.external_id === null ? [] : [[r.external_id, r.id]]))),
    };
  }

  /**
   * Inserts many enrolments in one statement. A row whose email or externalId is taken meanwhile is
   * skipped, not an error. The result maps the lower-cased email of each inserted row to its id (the
   * rows must not repeat an email).
   */
  async insertManySkippingTaken(tx: Tx, rows: readonly NewEnrollment[]): Promise<Map<string, string>> {
    if (rows.length === 0) return new Map();
    const inserted = await tx.query<{ id: string; email_key: string }[]>(
      `INSERT INTO enrollments (organization_id, email, first_name, timezone, reminder_days, reminder_time,
                                audience, screening, external_id, status, level, level_before_stop,
                                confirmed_at, paused_at, unsubscribed_at, created_at, updated_at)
       SELECT organization_id, email, first_name, timezone, reminder_days, reminder_time, audience, screening,
              external_id, status, level, level_before_stop, confirmed_at, paused_at, unsubscribed_at,
              created_at, updated_at
       FROM jsonb_to_recordset($1::jsonb) AS e(organization_id uuid, email text,
            first_name text, timezone text, reminder_days text[], reminder_time text, audience text,
            screening jsonb, external_id text, status text, level smallint, level_before_stop smallint,
            confirmed_at timestamptz, paused_at timestamptz, unsubscribed_at timestamptz,
            created_at timestamptz, updated_at timestamptz)
       ON CONFLICT DO NOTHING
       RETURNING id, lower(email) AS email_key`,
      [
        JSON.stringify(
          rows.map((r) => ({
            organization_id: r.organizationId,
            email: r.email,
            first_name: r.firstName,
            timezone: r.timezone,
            reminder_days: r.reminderDays,
            reminder_time: r.reminderTime,
            audience: r.audience,
            screening: r.screening,
            external_id: r.externalId,
            status: r.status,
            level: r.level,
            level_before_stop: r.levelBeforeStop,
            confirmed_at: r.confirmedAt,
            paused_at: r.pausedAt,
            unsubscribed_at: r.unsubscribedAt,
            created_at: r.createdAt,
            updated_at: r.updatedAt,
          })),
        ),
      ],
    );
    return new Map(inserted.map((r) => [r.email_key, r.id]));
  }
}
