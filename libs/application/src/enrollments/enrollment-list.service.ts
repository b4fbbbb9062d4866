import { Injectable } from '@nestjs/common';
import { type AttentionKind, decodeCursor, encodeCursor } from '@retrowalk/domain';
import {
  type EnrollmentListQuery,
  EnrollmentListRepository,
  type EnrollmentOrder,
  type EnrollmentSummary,
} from '@retrowalk/persistence';

export type EnrollmentFilters = Omit<EnrollmentListQuery, 'after' | 'limit' | 'order'>;

export interface EnrollmentListEntry {
  enrollment: EnrollmentSummary;
  /** Open attention items, most urgent first. */
  openAttention: AttentionKind[];
}

export interface EnrollmentListPage {
  entries: EnrollmentListEntry[];
  nextCursor: string | null;
}

/**
 * A page of an organisation's participants. Keyset paging on a total order (the sort key, then the
 * id) means that following `nextCursor` shows every enrolment that existed when paging began exactly
 * once, however many are added meanwhile (they appear, or not, by where their key falls).
 */
@Injectable()
export class EnrollmentListService {
  constructor(private readonly list: EnrollmentListRepository) {}

  async page(
    organizationId: string,
    filters: EnrollmentFilters,
    order: EnrollmentOrder,
    cursor: string | null,
    limit: number,
  ): Promise<EnrollmentListPage> {
    // The cursor names its order and filters: one made for another list is refused, not misread.
    const filtersKey = JSON.stringify([
      filters.search ?? '',
      filters.status ?? '',
      filters.level ?? '',
      filters.audience ?? '',
    ]);
    const listName = `enrollments.${order}.${filtersKey}`;
    const after = cursor === null ? null : decodeCursor(cursor, listName, 2).map(String);
    const rows = await this.list.list(organizationId, { ...filters, order, after, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      entries: page.map((r) => ({ enrollment: r.enrollment, openAttention: r.openAttention })),
      nextCursor: rows.length > limit && last ? encodeCursor(listName, last.key) : null,
    };
  }
}
