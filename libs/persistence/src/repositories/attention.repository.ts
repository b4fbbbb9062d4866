import { Inject, Injectable } from '@nestjs/common';
import {
  ATTENTION_KINDS,
  type AttentionKind,
  type AttentionStatus,
  type TimedAttentionKind,
  urgencyOf,
} from '@retrowalk/domain';
import { DataSource } from 'typeorm';
import { AttentionItemEntity } from '../entities/attention-item.entity';
import { keysetAfter } from '../keyset-sql';
import { unwrapReturning } from '../returning';
import { lockForChange } from '../row-lock';
import { currentManager, DATA_SOURCE, type Tx } from '../unit-of-work';

export interface OpenAttention {
  organizationId: string;
  enrollmentId: string;
  kind: AttentionKind;
  checkInId?: string | null;
}

export interface DueTimer {
  organizationId: string;
  enrollmentId: string;
  kind: TimedAttentionKind;
  dueAt: Date;
}

/** An item in a list, with the participant's name and the text of its sort key. */
export interface AttentionRow {
  item: AttentionItemEntity;
  firstName: string;
  /** The sort key as Postgres text: exact, so a keyset cursor never skips a row. */
  key: string[];
}

export interface AttentionListQuery {
  status: AttentionStatus;
  kind?: AttentionKind;
  after: readonly string[] | null;
  limit: number;
}

/**
 * The order of each list. Open items: most urgent kind first, then the longest waiting. The
 * others: the most recently acknowledged (or closed) first. Each ends with the id, so it is total.
 */
const ORDERS: Record<AttentionStatus, { columns: string[]; directions: ('asc' | 'desc')[] }> = {
  open: { columns: ['a.urgency', 'a.opened_at', 'a.id'], directions: ['asc', 'asc', 'asc'] },
  acknowledged: { columns: ['a.acknowledged_at', 'a.id'], directions: ['desc', 'desc'] },
  closed: { columns: ['a.closed_at', 'a.id'], directions: ['desc', 'desc'] },
};

const CASTS: Record<string, string> = {
  'a.urgency': 'smallint',
  'a.opened_at': 'timestamptz',
  'a.acknowledged_at': 'timestamptz',
  'a.closed_at': 'timestamptz',
  'a.id': 'uuid',
};

/** Attention items and their timers. Items are opened and closed inside their cause's transaction. */
@Injectable()
export class AttentionRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Opens items unless one of the same kind is open for the person; returns the kinds it opened. */
  async open(tx: Tx, items: readonly OpenAttention[], now: Date): Promise<AttentionKind[]> {
    if (items.length === 0) return [];
    const rows = await tx.query<{ kind: AttentionKind }[]>(
      `INSERT INTO attention_items (organization_id, enrollment_id, kind, urgency, status, opened_at, check_in_id)
       SELECT organization_id, enrollment_id, kind, urgency, 'open', $2, check_in_id
       FROM jsonb_to_recordset($1::jsonb)
         AS i(organization_id uuid, enrollment_id uuid, kind text, urgency smallint, check_in_id uuid)
       ON CONFLICT (enrollment_id, kind) WHERE status = 'open' DO NOTHING
       RETURNING kind`,
      [
        JSON.stringify(
          items.map((i) => ({
            organization_id: i.organizationId,
            enrollment_id: i.enrollmentId,
            kind: i.kind,
            urgency: urgencyOf(i.kind),
            check_in_id: i.checkInId ?? null,
          })),
        ),
        now,
      ],
    );
    return rows.map((r) => r.kind);
  }

  /** Closes the person's open items of these kinds, naming the event that closed them. */
  async close(
    tx: Tx,
    enrollmentId: string,
    kinds: readonly AttentionKind[],
    cause: string,
    now: Date,
  ): Promise<number> {
    if (kinds.length === 0) return 0;
    const rows = await tx.query<[unknown[], number] | unknown[]>(
      `UPDATE attention_items SET status = 'closed', closed_at = $3, closed_by = $4
       WHERE enrollment_id = $1 AND kind = ANY($2) AND status = 'open' RETURNING id`,
      [enrollmentId, kinds, now, cause],
    );
    return unwrapReturning(rows).length;
  }

  async startTimers(
    tx: Tx,
    organizationId: string,
    enrollmentId: string,
    timers: readonly { kind: TimedAttentionKind; dueAt: Date }[],
  ): Promise<void> {
    if (timers.length === 0) return;
    await tx.query(
      `INSERT INTO attention_timers (organization_id, enrollment_id, kind, due_at)
       SELECT $1, $2, t.kind, t.due_at FROM jsonb_to_recordset($3::jsonb) AS t(kind text, due_at timestamptz)
       ON CONFLICT (enrollment_id, kind) DO UPDATE SET due_at = EXCLUDED.due_at`,
      [
        organizationId,
        enrollmentId,
        JSON.stringify(timers.map((t) => ({ kind: t.kind, due_at: t.dueAt.toISOString() }))),
      ],
    );
  }

  async stopTimers(tx: Tx, enrollmentId: string, kinds: readonly TimedAttentionKind[]): Promise<void> {
    if (kinds.length === 0) return;
    await tx.query(`DELETE FROM attention_timers WHERE enrollment_id = $1 AND kind = ANY($2)`, [
      enrollmentId,
      kinds,
    ]);
  }

  /**
   * Takes timers that ran out, across organisations (the worker's sweep, as the connecting role).
   * SKIP LOCKED lets several workers sweep side by side; the timers go in the same transaction as
   * the items they open, so a crash leaves both or neither. Only people still active count.
   *
   * The person is locked too, as every change to them is: a timer of someone a check-in holds is
   * left for the next sweep, by when the walk has moved it on. Otherwise the sweep would open
   * "inactive" for a person whose walk is committing, after the walk closed it.
   */
  async takeDue(tx: Tx, now: Date, limit: number): Promise<DueTimer[]> {
    const rows = await tx.query<[DueRow[], number] | DueRow[]>(
      `WITH due AS (
         SELECT t.enrollment_id, t.kind FROM attention_timers t JOIN enrollments e ON e.id = t.enrollment_id
         WHERE t.due_at <= $1
         ORDER BY t.due_at LIMIT $2
         FOR UPDATE OF t SKIP LOCKED FOR NO KEY UPDATE OF e SKIP LOCKED
       ), taken AS (
         DELETE FROM attention_timers t USING due
         WHERE t.enrollment_id = due.enrollment_id AND t.kind = due.kind
         RETURNING t.organization_id, t.enrollment_id, t.kind, t.due_at
       )
       SELECT taken.* FROM taken JOIN enrollments e ON e.id = taken.enrollment_id AND e.status = 'active'`,
      [now, limit],
    );
    return unwrapReturning(rows).map((r) => ({
      organizationId: r.organization_id,
      enrollmentId: r.enrollment_id,
      kind: r.kind,
      dueAt: r.due_at,
    }));
  }

  findInOrganization(
    organizationId: string,
    id: string,
    options: { tx?: Tx; lock?: boolean } = {},
  ): Promise<AttentionItemEntity | null> {
    const query = (options.tx ?? currentManager(this.dataSource))
      .createQueryBuilder(AttentionItemEntity, 'a')
      .where('a.id = :id AND a.organization_id = :organizationId', { id, organizationId });
    if (options.lock) lockForChange(query);
    return query.getOne();
  }

  async acknowledge(
    tx: Tx,
    id: string,
    by: { memberId: string } | { apiKeyId: string },
    note: string,
    now: Date,
  ): Promise<void> {
    await tx.update(
      AttentionItemEntity,
      { id },
      {
        status: 'acknowledged',
        acknowledgedAt: now,
        acknowledgedByMemberId: 'memberId' in by ? by.memberId : null,
        acknowledgedByApiKeyId: 'apiKeyId' in by ? by.apiKeyId : null,
        note,
      },
    );
  }

  /** A page of one organisation's items (with the participant's first name), in the list's order. */
  async list(organizationId: string, query: AttentionListQuery): Promise<AttentionRow[]> {
    const order = ORDERS[query.status];
    const params: unknown[] = [organizationId, query.status, query.limit];
    const where = [`a.organization_id = $1`, `a.status = $2`];
    if (query.kind !== undefined) {
      // The urgency is the kind's: filtering on it keeps the open queue one index range.
      params.push(urgencyOf(query.kind));
      where.push(`a.urgency = $${params.length}`);
    }
    if (query.after !== null) {
      const placeholders = order.columns.map((column, i) => {
        params.push(query.after![i]);
        return `$${params.length}::${CASTS[column]}`;
      });
      where.push(keysetAfter(order.columns, placeholders, order.directions[0] === 'asc' ? 'ASC' : 'DESC'));
    }
    const orderBy = order.columns.map((c, i) => `${c} ${order.directions[i]!.toUpperCase()}`).join(', ');
    const keys = order.columns.map((c, i) => `${c}::text AS k${i}`).join(', ');
    const rows = await currentManager(this.dataSource).query<ItemRow[]>(
      `SELECT a.*, e.first_name, ${keys}
       FROM attention_items a JOIN enrollments e ON e.id = a.enrollment_id
       WHERE ${where.join(' AND ')} ORDER BY ${orderBy} LIMIT $3`,
      params,
    );
    return rows.map((r) => ({
      item: toItem(r),
      firstName: r.first_name,
      key: order.columns.map((_, i) => String(r[`k${i}` as keyof ItemRow])),
    }));
  }

  /** Every item of one person, newest first, for their page and their timeline. */
  async listForEnrollment(enrollmentId: string): Promise<AttentionItemEntity[]> {
    return currentManager(this.dataSource).find(AttentionItemEntity, {
      where: { enrollmentId },
      order: { openedAt: 'DESC' },
    });
  }

  /** Open items by kind: an index-only count over the open queue's partial index. */
  async countOpenByKind(organizationId: string): Promise<Map<AttentionKind, number>> {
    const rows = await currentManager(this.dataSource).query<{ urgency: number; n: number }[]>(
      `SELECT urgency, count(*)::int AS n FROM attention_items
       WHERE organization_id = $1 AND status = 'open' GROUP BY urgency`,
      [organizationId],
    );
    return new Map(rows.map((r) => [ATTENTION_KINDS[r.urgency]!, r.n]));
  }

  /** The open kinds of each of these people, for a list of participants. */
  async openKindsOf(enrollmentIds: readonly string[]): Promise<Map<string, AttentionKind[]>> {
    const result = new Map<string, AttentionKind[]>();
    if (enrollmentIds.length === 0) return result;
    const rows = await currentManager(this.dataSource).query<
      { enrollment_id: string; kind: AttentionKind }[]
    >(
      `SELECT enrollment_id, kind FROM attention_items
       WHERE enrollment_id = ANY($1) AND status = 'open' ORDER BY urgency`,
      [enrollmentIds],
    );
    for (const r of rows) result.set(r.enrollment_id, [...(result.get(r.enrollment_id) ?? []), r.kind]);
    return result;
  }

  /** Erasure: notes may name the person or their health; the items themselves carry no personal data. */
  async blankNotesForErasure(tx: Tx, enrollmentId: string): Promise<void> {
    await tx.query(`UPDATE attention_items SET note = NULL, check_in_id = NULL WHERE enrollment_id = $1`, [
      enrollmentId,
    ]);
  }
}

interface DueRow {
  organization_id: string;
  enrollment_id: string;
  kind: TimedAttentionKind;
  due_at: Date;
}

interface ItemRow {
  id: string;
  organization_id: string;
  enrollment_id: string;
  kind: AttentionKind;
  urgency: number;
  status: AttentionStatus;
  opened_at: Date;
  check_in_id: string | null;
  acknowledged_at: Date | null;
  acknowledged_by_member_id: string | null;
  acknowledged_by_api_key_id: string | null;
  note: string | null;
  closed_at: Date | null;
  closed_by: string | null;
  first_name: string;
  k0: string;
  k1: string;
  k2?: string;
}

function toItem(r: ItemRow): AttentionItemEntity {
  return {
    id: r.id,
    organizationId: r.organization_id,
    enrollmentId: r.enrollment_id,
    kind: r.kind,
    urgency: r.urgency,
    status: r.status,
    openedAt: r.opened_at,
    checkInId: r.check_in_id,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedByMemberId: r.acknowledged_by_member_id,
    acknowledgedByApiKeyId: r.acknowledged_by_api_key_id,
    note: r.note,
    closedAt: r.closed_at,
    closedBy: r.closed_by,
  };
}
