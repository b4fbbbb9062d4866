import { Inject, Injectable } from '@nestjs/common';
import { type Audience, type EnrollmentStatus } from '@retrowalk/domain';
import { DataSource } from 'typeorm';
import { EnrollmentEntity } from '../entities/enrollment.entity';
import { currentManager, DATA_SOURCE } from '../unit-of-work';

/** The sort orders of a participants list; each has an index ending with the id (see the migration). */
export type EnrollmentOrder = 'created' | 'name' | 'last_walk';

export const ENROLLMENT_ORDERS: readonly EnrollmentOrder[] = ['created', 'name', 'last_walk'];

export interface EnrollmentListQuery {
  /** Part of the first name, email or external id, any case. */
  search?: string;
  status?: Exclude<EnrollmentStatus, 'erased'>;
  level?: number;
  audience?: Audience;
  order: EnrollmentOrder;
  /** The sort key of the last row of the previous page, as this repository returned it. */
  after: readonly string[] | null;
  limit: number;
}

export interface EnrollmentListRow {
  enrollment: EnrollmentEntity;
  key: string[];
}

/**
 * Each order as SQL: the key expressions (matching the index expressions exactly, so the planner
 * uses them), their casts for the cursor, and the one direction every column shares (a row
 * comparison can then do the keyset step in one condition). Newest first; name A to Z; most
 * recent walk first, people who never walked last (coalesced to -infinity, never null).
 */
const ORDERS: Record<EnrollmentOrder, { keys: string[]; casts: string[]; direction: 'ASC' | 'DESC' }> = {
  created: { keys: ['e.created_at', 'e.id'], casts: ['timestamptz', 'uuid'], direction: 'DESC' },
  name: { keys: ['lower(e.first_name)', 'e.id'], casts: ['text', 'uuid'], direction: 'ASC' },
  last_walk: {
    keys: [`coalesce(e.last_walk_at, '-infinity'::timestamptz)`, 'e.id'],
    casts: ['timestamptz', 'uuid'],
    direction: 'DESC',
  },
};

/**
 * What a search looks in. It must stay the very expression of the trigram index of migration
 * 1765120000000 (with the table's alias), or Postgres cannot use the index for it.
 */
const SEARCH_TEXT = `lower(e.first_name || ' ' || e.email || ' ' || coalesce(e.external_id, ''))`;

/** What LIKE treats specially, so a search for "50%" looks for those characters. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Participants lists: filtered, searched and keyset-paged, never offset-paged. */
@Injectable()
export class EnrollmentListRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async list(organizationId: string, query: EnrollmentListQuery): Promise<EnrollmentListRow[]> {
    const order = ORDERS[query.order];
    const qb = currentManager(this.dataSource)
      .createQueryBuilder(EnrollmentEntity, 'e')
      .where('e.organization_id = :organizationId', { organizationId })
      .andWhere(`e.status <> 'erased'`);
    order.keys.forEach((key, i) => qb.addSelect(`(${key})::text`, `k${i}`));
    if (query.search) {
      // The same expression as the trigram index (e. prefixed), so the index serves it.
      qb.andWhere(`${SEARCH_TEXT} LIKE :pattern`, { pattern: likePattern(query.search) });
    }
    if (query.status) qb.andWhere('e.status = :status', { status: query.status });
    if (query.level !== undefined) qb.andWhere('e.level = :level', { level: query.level });
    if (query.audience) qb.andWhere('e.audience = :audience', { audience: query.audience });
    if (query.after) {
      const op = order.direction === 'ASC' ? '>' : '<';
      const placeholders = order.casts.map((cast, i) => `:after${i}::${cast}`);
      qb.andWhere(
        `(${order.keys.join(', ')}) ${op} (${placeholders.join(', ')})`,
        Object.fromEntries(query.after.map((value, i) => [`after${i}`, value])),
      );
    }
    order.keys.forEach((key, i) =>
      i === 0 ? qb.orderBy(key, order.direction) : qb.addOrderBy(key, order.direction),
    );
    qb.limit(query.limit);
    const { entities, raw } = await qb.getRawAndEntities<Record<string, string>>();
    return entities.map((enrollment, i) => ({
      enrollment,
      key: order.keys.map((_, k) => raw[i]![`k${k}`]!),
    }));
  }
}
