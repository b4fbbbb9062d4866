import { Inject, Injectable } from '@nestjs/common';
import { type AttentionKind, type Audience, type EnrollmentStatus } from '@retrowalk/domain';
import { DataSource } from 'typeorm';
import { type EnrollmentEntity } from '../entities/enrollment.entity';
import { keysetAfter } from '../keyset-sql';
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

/** What a list shows of each person: no screening answers, no schedule. */
export type EnrollmentSummary = Pick<
  EnrollmentEntity,
  'id' | 'firstName' | 'email' | 'externalId' | 'status' | 'level' | 'audience' | 'createdAt' | 'lastWalkAt'
>;

export interface EnrollmentListRow {
  enrollment: EnrollmentSummary;
  /** Open attention items, most urgent first. */
  openAttention: AttentionKind[];
  key: string[];
}

/**
 * Each order as SQL: the key expressions (matching the index expressions exactly, so the planner
 * uses them), their casts for the cursor, and the one direction every column shares (a row
 * comparison then does the keyset step as one index condition). Newest first; name A to Z; most
 * recent walk first, people who never walked last (coalesced to -infinity, never null).
 */
const ORDERS: Record<EnrollmentOrder, { keys: string[]; casts: string[]; direction: 'ASC' | 'DESC' }> = {
  created: { keys: ['e.created_at', 'e.id'], casts: ['timestamptz', 'uuid'], direction: 'DESC' },
  // name_key is lower(first_name), stored: comparing it is leakproof, so the index serves the cursor.
  name: { keys: ['e.name_key', 'e.id'], casts: ['text', 'uuid'], direction: 'ASC' },
  last_walk: {
    keys: [`coalesce(e.last_walk_at, '-infinity'::timestamptz)`, 'e.id'],
    casts: ['timestamptz', 'uuid'],
    direction: 'DESC',
  },
};

/** Trigrams need three characters: shorter searches match so many people that the order finds them first. */
const TRIGRAM = 3;

/** What LIKE treats specially, so a search for "50%" looks for those characters. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

interface Row {
  id: string;
  first_name: string;
  email: string;
  external_id: string | null;
  status: EnrollmentStatus;
  level: number;
  audience: Audience;
  created_at: Date;
  last_walk_at: Date | null;
  open_kinds: AttentionKind[];
  k0: string;
  k1: string;
}

/** Participants lists: filtered, searched and keyset-paged, never offset-paged. */
@Injectable()
export class EnrollmentListRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async list(organizationId: string, query: EnrollmentListQuery): Promise<EnrollmentListRow[]> {
    const order = ORDERS[query.order];
    const params: unknown[] = [organizationId, query.limit];
    const where = [`e.organization_id = $1`, `e.status <> 'erased'`];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const filters: string[] = [];
    const trigram = query.search !== undefined && query.search.length >= TRIGRAM;
    const pattern = query.search ? param(likePattern(query.search)) : '';
    if (query.search && !trigram) {
      // One or two characters match so many people that walking the order finds a page at once.
      filters.push(`e.search_text LIKE ${pattern}`);
    }
    if (query.status) filters.push(`e.status = ${param(query.status)}`);
    if (query.level !== undefined) filters.push(`e.level = ${param(query.level)}`);
    if (query.audience) filters.push(`e.audience = ${param(query.audience)}`);
    if (query.after) {
      const after = order.casts.map((cast, i) => `${param(query.after![i])}::${cast}`);
      filters.push(keysetAfter(order.keys, after, order.direction));
    }
    const orderBy = order.keys.map((key) => `${key} ${order.direction}`).join(', ');
    // A search of three characters or more picks its page among the matches found through the
    // trigram index (enrollment_search_hits: under row-level security Postgres could not use the
    // index for LIKE itself), with the same filters, keyset and order; the page's rows are read
    // below, under row-level security.
    const source = trigram
      ? `(SELECT e.id FROM enrollment_search_hits(${pattern}, $1) AS e
          ${filters.length > 0 ? `WHERE ${filters.join(' AND ')}` : ''}
          ORDER BY ${orderBy} LIMIT $2) AS page JOIN enrollments e ON e.id = page.id`
      : 'enrollments e';
    const conditions = trigram ? where : [...where, ...filters];
    const rows = await currentManager(this.dataSource).query<Row[]>(
      `SELECT e.id, e.first_name, e.email, e.external_id, e.status, e.level, e.audience, e.created_at, e.last_walk_at,
              (${order.keys[0]})::text AS k0, (${order.keys[1]})::text AS k1,
              ARRAY(SELECT a.kind FROM attention_items a
                    WHERE a.enrollment_id = e.id AND a.status = 'open' ORDER BY a.urgency) AS open_kinds
       FROM ${source}
       WHERE ${conditions.join(' AND ')}
       ORDER BY ${orderBy}
       LIMIT $2`,
      params,
    );
    return rows.map((r) => ({
      enrollment: {
        id: r.id,
        firstName: r.first_name,
        email: r.email,
        externalId: r.external_id,
        status: r.status,
        level: r.level,
        audience: r.audience,
        createdAt: r.created_at,
        lastWalkAt: r.last_walk_at,
      },
      openAttention: r.open_kinds,
      key: [r.k0, r.k1],
    }));
  }
}
