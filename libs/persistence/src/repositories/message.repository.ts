import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type MessageKind } from '@retrowalk/domain';
import { MessageEntity, type MessageStatus } from '../entities/message.entity';
import { currentManager, DATA_SOURCE, type Tx } from '../unit-of-work';

export interface NewMessage {
  organizationId: string;
  enrollmentId: string;
  kind: MessageKind;
  dedupeKey: string;
  dueAt: Date;
  localDate?: string | null;
  checkInId?: string | null;
}

export interface NewMemberMessage {
  organizationId: string;
  memberId: string;
  kind: Extract<MessageKind, 'member_invite' | 'sign_in'>;
  dedupeKey: string;
  dueAt: Date;
}

export interface ClaimedMessage {
  id: string;
  kind: MessageKind;
  enrollmentId: string | null;
  dueAt: Date;
  localDate: string | null;
}

interface ClaimedRow {
  id: string;
  kind: MessageKind;
  enrollment_id: string | null;
  due_at: Date;
  local_date: string | null;
}

const toClaimed = (r: ClaimedRow): ClaimedMessage => ({
  id: r.id,
  kind: r.kind,
  enrollmentId: r.enrollment_id,
  dueAt: r.due_at,
  localDate: r.local_date,
});

/** What the sender needs of the row it has just taken (one round trip, no second read). */
export type SendingMessage = Pick<
  MessageEntity,
  'id' | 'kind' | 'enrollmentId' | 'memberId' | 'dueAt' | 'localDate' | 'dedupeKey' | 'checkInId'
>;

interface SendingRow extends ClaimedRow {
  member_id: string | null;
  dedupe_key: string;
  check_in_id: string | null;
}

const UNFINISHED: MessageStatus[] = ['pending', 'queued', 'sending'];

/** The schedule: one row per message to send, the source of truth for what goes out and when. */
@Injectable()
export class MessageRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /**
   * Inserts rows unless a live row with the same dedupe key exists. Returns the dedupe keys that
   * were inserted, so a caller can tell "scheduled" from "already there".
   */
  async insertIfAbsent(tx: Tx, messages: NewMessage[], now: Date): Promise<Set<string>> {
    if (messages.length === 0) return new Set();
    const rows = await tx.query<{ dedupe_key: string }[]>(
      `INSERT INTO messages (organization_id, enrollment_id, member_id, kind, dedupe_key, due_at, local_date,
                             check_in_id, status, created_at)
       SELECT organization_id, enrollment_id, member_id, kind, dedupe_key, due_at, local_date, check_in_id,
              'pending', $2
       FROM jsonb_to_recordset($1::jsonb) AS m(organization_id uuid, enrollment_id uuid, member_id uuid,
            kind text, dedupe_key text, due_at timestamptz, local_date text, check_in_id uuid)
       ON CONFLICT (dedupe_key) WHERE status <> 'cancelled' DO NOTHING
       RETURNING dedupe_key`,
      [
        JSON.stringify(
          messages.map((m) => ({
            organization_id: m.organizationId,
            enrollment_id: m.enrollmentId,
            member_id: null,
            kind: m.kind,
            dedupe_key: m.dedupeKey,
            due_at: m.dueAt.toISOString(),
            local_date: m.localDate ?? null,
            check_in_id: m.checkInId ?? null,
          })),
        ),
        now,
      ],
    );
    return new Set(rows.map((r) => r.dedupe_key));
  }

  /** Cancels what has not been handed to the mail transport yet; a queued job then finds nothing to do. */
  async cancelUnsent(
    tx: Tx,
    enrollmentId: string,
    kinds: readonly MessageKind[],
    reason: string,
  ): Promise<number> {
    const rows = await tx.query<unknown[]>(
      `UPDATE messages SET status = 'cancelled', finished_reason = $3, lease_until = NULL
       WHERE enrollment_id = $1 AND kind = ANY($2) AND status IN ('pending', 'queued')
       RETURNING id`,
      [enrollmentId, kinds, reason],
    );
    return rows.length;
  }

  /**
   * A workspace member's email (invitation, sign-in link): a row of the same schedule, so it has
   * the same delivery guarantee; it names the member instead of a participant.
   */
  async insertForMember(tx: Tx, message: NewMemberMessage, now: Date): Promise<void> {
    await tx.query(
      `INSERT INTO messages (organization_id, member_id, kind, dedupe_key, due_at, status, created_at)
       VALUES ($1, $2, $3, $4, $5, 'pending', $6)`,
      [message.organizationId, message.memberId, message.kind, message.dedupeKey, message.dueAt, now],
    );
  }

  /** A removed member's emails that have not gone yet are no longer wanted. */
  async cancelUnsentForMember(tx: Tx, memberId: string, reason: string): Promise<number> {
    const rows = await tx.query<[unknown[], number] | unknown[]>(
      `UPDATE messages SET status = 'cancelled', finished_reason = $2, lease_until = NULL
       WHERE member_id = $1 AND status IN ('pending', 'queued') RETURNING id`,
      [memberId, reason],
    );
    return unwrapReturning(rows).length;
  }

  async nextPendingDue(enrollmentId: string, kind: MessageKind, tx: Tx = currentManager(this.dataSource)) {
    const rows = await tx.query<{ due_at: Date }[]>(
      `SELECT due_at FROM messages
       WHERE enrollment_id = $1 AND kind = $2 AND status IN ('pending', 'queued')
       ORDER BY due_at LIMIT 1`,
      [enrollmentId, kind],
    );
    return rows[0]?.due_at ?? null;
  }

  /**
   * Claims due rows for sending. SKIP LOCKED lets any number of dispatchers run side by side: each
   * takes rows no other open transaction holds. The lease says when the claim may be taken over if
   * the claimer dies before the message is sent.
   */
  claimDue(tx: Tx, now: Date, limit: number, leaseUntil: Date): Promise<ClaimedMessage[]> {
    return this.claim(tx, `status = 'pending' AND due_at <= $1 ORDER BY due_at`, now, limit, leaseUntil);
  }

  /** Takes back rows whose claimer died (lease over) so they are handed to BullMQ again. */
  reclaimExpired(tx: Tx, now: Date, limit: number, leaseUntil: Date): Promise<ClaimedMessage[]> {
    return this.claim(
      tx,
      `lease_until IS NOT NULL AND lease_until <= $1 AND status IN ('queued', 'sending')`,
      now,
      limit,
      leaseUntil,
    );
  }

  private async claim(
    tx: Tx,
    condition: string,
    now: Date,
    limit: number,
    leaseUntil: Date,
  ): Promise<ClaimedMessage[]> {
    const rows = await tx.query<[ClaimedRow[], number] | ClaimedRow[]>(
      `WITH picked AS (
         SELECT id FROM messages WHERE ${condition} LIMIT $2 FOR UPDATE SKIP LOCKED
       )
       UPDATE messages m SET status = 'queued', lease_until = $3
       FROM picked WHERE m.id = picked.id
       RETURNING m.id, m.kind, m.enrollment_id, m.due_at, m.local_date`,
      [now, limit, leaseUntil],
    );
    return unwrapReturning(rows).map(toClaimed);
  }

  /** queued -> sending, once: a redelivered or duplicate job gets null and does nothing. */
  async beginSending(id: string, leaseUntil: Date): Promise<SendingMessage | null> {
    const rows = await currentManager(this.dataSource).query<[SendingRow[], number] | SendingRow[]>(
      `UPDATE messages SET status = 'sending', attempts = attempts + 1, lease_until = $2
       WHERE id = $1 AND status = 'queued'
       RETURNING id, kind, enrollment_id, member_id, due_at, local_date, dedupe_key, check_in_id`,
      [id, leaseUntil],
    );
    const row = unwrapReturning(rows)[0];
    return row
      ? {
          id: row.id,
          kind: row.kind,
          enrollmentId: row.enrollment_id,
          memberId: row.member_id,
          dueAt: row.due_at,
          localDate: row.local_date,
          dedupeKey: row.dedupe_key,
          checkInId: row.check_in_id,
        }
      : null;
  }

  async finish(
    id: string,
    status: 'sent' | 'failed' | 'skipped',
    at: Date,
    reason: string | null,
  ): Promise<void> {
    await currentManager(this.dataSource).query(
      `UPDATE messages SET status = $2, sent_at = CASE WHEN $2 = 'sent' THEN $3::timestamptz END,
         finished_reason = $4, lease_until = NULL
       WHERE id = $1 AND status = 'sending'`,
      [id, status, at, reason],
    );
  }

  /** sending -> queued, for a transient failure that BullMQ will retry. */
  async releaseForRetry(id: string, reason: string): Promise<void> {
    await currentManager(this.dataSource).query(
      `UPDATE messages SET status = 'queued', finished_reason = $2 WHERE id = $1 AND status = 'sending'`,
      [id, reason],
    );
  }

  /** Messages due by `at` that have not reached the mail transport (or failed) yet. */
  async countUnfinishedDueBy(at: Date): Promise<number> {
    const rows = await currentManager(this.dataSource).query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM messages WHERE status = ANY($2) AND due_at <= $1`,
      [at, UNFINISHED],
    );
    return rows[0]?.n ?? 0;
  }

  async earliestPendingDue(after: Date, upTo: Date): Promise<Date | null> {
    const rows = await currentManager(this.dataSource).query<{ due: Date | null }[]>(
      `SELECT min(due_at) AS due FROM messages WHERE status = 'pending' AND due_at > $1 AND due_at <= $2`,
      [after, upTo],
    );
    return rows[0]?.due ?? null;
  }

  /** When the last message of a kind actually went out, if ever. */
  async lastSent(tx: Tx, enrollmentId: string, kind: MessageKind): Promise<Date | null> {
    const rows = await tx.query<{ sent_at: Date | null }[]>(
      `SELECT max(sent_at) AS sent_at FROM messages WHERE enrollment_id = $1 AND kind = $2 AND status = 'sent'`,
      [enrollmentId, kind],
    );
    return rows[0]?.sent_at ?? null;
  }

  /** Cancels the reminder of one local date if it has not gone yet (the walk is already logged). */
  async cancelReminderOn(tx: Tx, enrollmentId: string, localDate: string): Promise<number> {
    const rows = await tx.query<[unknown[], number] | unknown[]>(
      `UPDATE messages SET status = 'cancelled', finished_reason = 'checked_in', lease_until = NULL
       WHERE enrollment_id = $1 AND kind = 'reminder' AND local_date = $2 AND status IN ('pending', 'queued')
       RETURNING id`,
      [enrollmentId, localDate],
    );
    return unwrapReturning(rows).length;
  }

  /**
   * Erasure: every message not yet handed to the mail transport is cancelled, and the failure text
   * of failed ones (an SMTP answer may quote the address) is dropped. Returns the ids of all the
   * person's rows, so their BullMQ jobs (queued, or kept after failing) can be removed.
   */
  async cancelAllForErasure(tx: Tx, enrollmentId: string, reason: string): Promise<string[]> {
    await tx.query(
      `UPDATE messages SET status = 'cancelled', finished_reason = $2, lease_until = NULL
       WHERE enrollment_id = $1 AND status IN ('pending', 'queued')`,
      [enrollmentId, reason],
    );
    await tx.query(
      `UPDATE messages SET finished_reason = $2 WHERE enrollment_id = $1 AND status = 'failed'`,
      [enrollmentId, reason],
    );
    const rows = await tx.query<{ id: string }[]>(`SELECT id FROM messages WHERE enrollment_id = $1`, [
      enrollmentId,
    ]);
    return rows.map((r) => r.id);
  }

  findById(id: string): Promise<MessageEntity | null> {
    return currentManager(this.dataSource).findOne(MessageEntity, { where: { id } });
  }

  listForEnrollment(enrollmentId: string): Promise<MessageEntity[]> {
    return currentManager(this.dataSource).find(MessageEntity, {
      where: { enrollmentId },
      order: { dueAt: 'ASC', createdAt: 'ASC' },
    });
  }
}

// TypeORM's postgres driver answers UPDATE ... RETURNING with [rows, affectedCount].
function unwrapReturning<T>(result: [T[], number] | T[]): T[] {
  if (result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0];
  }
  return result as T[];
}
