import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type MessageKind } from '@retrowalk/domain';
import { MessageEntity } from '../entities/message.entity';
import { currentManager, DATA_SOURCE, type Tx } from '../unit-of-work';
import { type MessageClaim } from './message-delivery.repository';
import { type Returning, unwrapReturning } from './returning';

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
      `INSERT INTO messages (organization_id, enrollment_id, member_id, kind, dedupe_key, due_at, attempt_at,
                             local_date, check_in_id, status, created_at)
       SELECT organization_id, enrollment_id, member_id, kind, dedupe_key, due_at, due_at, local_date, check_in_id,
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
   * Moves the pending message of a kind to another time and dedupe key, in place, and says whether
   * there was one. Only a pending row moves: a queued one is already with a sender. Moving instead
   * of cancelling and inserting leaves no dead row behind (each check-in used to leave one).
   */
  async reschedulePending(
    tx: Tx,
    enrollmentId: string,
    kind: MessageKind,
    dueAt: Date,
    dedupeKey: string,
  ): Promise<boolean> {
    const rows = await tx.query<[unknown[], number] | unknown[]>(
      `WITH target AS (
         SELECT id FROM messages WHERE enrollment_id = $1 AND kind = $2 AND status = 'pending'
         ORDER BY due_at LIMIT 1 FOR NO KEY UPDATE
       )
       UPDATE messages m SET due_at = $3, attempt_at = $3, dedupe_key = $4, chained = false, reschedules = 0,
                             last_error = NULL
       FROM target WHERE m.id = target.id
       RETURNING m.id`,
      [enrollmentId, kind, dueAt, dedupeKey],
    );
    return unwrapReturning(rows).length > 0;
  }

  /**
   * A workspace member's email (invitation, sign-in link): a row of the same schedule, so it has
   * the same delivery guarantee; it names the member instead of a participant.
   */
  async insertForMember(tx: Tx, message: NewMemberMessage, now: Date): Promise<void> {
    await tx.query(
      `INSERT INTO messages (organization_id, member_id, kind, dedupe_key, due_at, attempt_at, status, created_at)
       VALUES ($1, $2, $3, $4, $5, $5, 'pending', $6)`,
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
    const rows = await tx.query<Returning<unknown>>(
      `UPDATE messages SET status = 'cancelled', finished_reason = 'checked_in', lease_until = NULL
       WHERE enrollment_id = $1 AND kind = 'reminder' AND local_date = $2 AND status IN ('pending', 'queued')
       RETURNING id`,
      [enrollmentId, localDate],
    );
    return unwrapReturning(rows).length;
  }

  /**
   * Erasure: every message not yet handed to the mail transport is cancelled, and the server replies
   * kept on any row (an SMTP answer may quote the address) are dropped. Returns every claim the
   * person's rows have had, so their BullMQ jobs (queued, or kept after failing) can be removed.
   */
  async cancelAllForErasure(tx: Tx, enrollmentId: string, reason: string): Promise<MessageClaim[]> {
    await tx.query(
      `UPDATE messages SET status = 'cancelled', finished_reason = $2, lease_until = NULL
       WHERE enrollment_id = $1 AND status IN ('pending', 'queued')`,
      [enrollmentId, reason],
    );
    await tx.query(
      `UPDATE messages SET last_error = NULL,
         finished_reason = CASE WHEN status = 'bounced' THEN $2 ELSE finished_reason END
       WHERE enrollment_id = $1 AND (last_error IS NOT NULL OR status = 'bounced')`,
      [enrollmentId, reason],
    );
    const rows = await tx.query<{ id: string; claim_seq: number }[]>(
      `SELECT id, claim_seq FROM messages WHERE enrollment_id = $1`,
      [enrollmentId],
    );
    return rows.map((r) => ({ id: r.id, claim: r.claim_seq }));
  }

  // Outcome checks have an ask and a reminder row each (dedupe keys per check), so an answer
  // cancels its own reminder only, and switching the checks off cancels exactly theirs.

  /** Cancels the rows with these dedupe keys that have not been handed to the mail transport. */
  async cancelUnsentByKeys(tx: Tx, dedupeKeys: readonly string[], reason: string): Promise<number> {
    const rows = await tx.query<[unknown[], number] | unknown[]>(
      `UPDATE messages SET status = 'cancelled', finished_reason = $2, lease_until = NULL
       WHERE dedupe_key = ANY($1) AND status IN ('pending', 'queued')
       RETURNING id`,
      [dedupeKeys, reason],
    );
    return unwrapReturning(rows).length;
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
