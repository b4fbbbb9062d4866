import { Inject, Injectable } from '@nestjs/common';
import { type SuppressionReason } from '@retrowalk/domain';
import { DataSource } from 'typeorm';
import { type SuppressionLiftReason, SuppressionEntity } from '../entities/suppression.entity';
import { currentManager, DATA_SOURCE, type Tx } from '../unit-of-work';
import { type Returning, unwrapReturning } from './returning';

export interface NewSuppression {
  organizationId: string;
  email: string;
  reason: SuppressionReason;
  detail: string | null;
  messageId: string | null;
  now: Date;
}

interface SuppressionRow {
  id: string;
  organization_id: string;
  email: string;
  reason: SuppressionReason;
  detail: string | null;
  message_id: string | null;
  created_at: Date;
  lifted_at: Date | null;
  lifted_reason: SuppressionLiftReason | null;
}

const toEntity = (r: SuppressionRow): SuppressionEntity =>
  Object.assign(new SuppressionEntity(), {
    id: r.id,
    organizationId: r.organization_id,
    email: r.email,
    reason: r.reason,
    detail: r.detail,
    messageId: r.message_id,
    createdAt: r.created_at,
    liftedAt: r.lifted_at,
    liftedReason: r.lifted_reason,
  });

/** The per-organisation do-not-send list. Addresses are stored lower-cased. */
@Injectable()
export class SuppressionRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  private db(tx?: Tx): Tx {
    return tx ?? currentManager(this.dataSource);
  }

  /** The live entries among these addresses of one organisation, by lower-cased address. */
  async liveFor(
    organizationId: string,
    emails: readonly string[],
    tx?: Tx,
  ): Promise<Map<string, SuppressionEntity>> {
    if (emails.length === 0) return new Map();
    const rows = await this.db(tx).query<SuppressionRow[]>(
      `SELECT * FROM suppressions WHERE organization_id = $1 AND email = ANY($2) AND lifted_at IS NULL`,
      [organizationId, emails.map((e) => e.toLowerCase())],
    );
    return new Map(rows.map((r) => [r.email, toEntity(r)]));
  }

  /** Adds a live entry unless the address already has one. True when added. */
  async add(tx: Tx, s: NewSuppression): Promise<boolean> {
    const rows = await tx.query<Returning<{ id: string }>>(
      `INSERT INTO suppressions (organization_id, email, reason, detail, message_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (organization_id, email) WHERE lifted_at IS NULL DO NOTHING
       RETURNING id`,
      [s.organizationId, s.email.toLowerCase(), s.reason, s.detail, s.messageId, s.now],
    );
    return unwrapReturning(rows).length > 0;
  }

  /** Lifts the live entry of an address; returns it, or null when the address was not suppressed. */
  async lift(
    tx: Tx,
    organizationId: string,
    email: string,
    reason: SuppressionLiftReason,
    now: Date,
  ): Promise<SuppressionEntity | null> {
    const rows = await tx.query<Returning<SuppressionRow>>(
      `UPDATE suppressions SET lifted_at = $3, lifted_reason = $4
       WHERE organization_id = $1 AND email = $2 AND lifted_at IS NULL RETURNING *`,
      [organizationId, email.toLowerCase(), now, reason],
    );
    const row = unwrapReturning(rows)[0];
    return row ? toEntity(row) : null;
  }

  /** When the address was last lifted from the list: events before that no longer count. */
  async lastLiftedAt(tx: Tx, organizationId: string, email: string): Promise<Date | null> {
    const rows = await tx.query<{ at: Date | null }[]>(
      `SELECT max(lifted_at) AS at FROM suppressions WHERE organization_id = $1 AND email = $2`,
      [organizationId, email.toLowerCase()],
    );
    return rows[0]?.at ?? null;
  }

  /** Live entries, newest first, a page at a time (cursor: the last entry's id of the page before). */
  async listLive(
    organizationId: string,
    limit: number,
    after: SuppressionEntity | null,
  ): Promise<SuppressionEntity[]> {
    const rows = await this.db().query<SuppressionRow[]>(
      `SELECT * FROM suppressions WHERE organization_id = $1 AND lifted_at IS NULL
         AND ($3::timestamptz IS NULL OR (created_at, id) < ($3, $4::uuid))
       ORDER BY created_at DESC, id DESC LIMIT $2`,
      [organizationId, limit, after?.createdAt ?? null, after?.id ?? null],
    );
    return rows.map(toEntity);
  }

  async findById(organizationId: string, id: string): Promise<SuppressionEntity | null> {
    const rows = await this.db().query<SuppressionRow[]>(
      `SELECT * FROM suppressions WHERE organization_id = $1 AND id = $2`,
      [organizationId, id],
    );
    return rows[0] ? toEntity(rows[0]) : null;
  }

  /** Erasure: the person's address leaves the list and its history (an anonymous placeholder stays). */
  async scrubForErasure(
    tx: Tx,
    organizationId: string,
    email: string,
    placeholder: string,
    now: Date,
  ): Promise<void> {
    await tx.query(
      `UPDATE suppressions SET email = $3 || '#' || id, detail = NULL,
         lifted_at = COALESCE(lifted_at, $4), lifted_reason = COALESCE(lifted_reason, 'erased')
       WHERE organization_id = $1 AND email = $2`,
      [organizationId, email.toLowerCase(), placeholder, now],
    );
  }
}
