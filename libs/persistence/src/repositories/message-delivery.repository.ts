import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type MessageKind, type MessageStatus, UNFINISHED_STATUSES } from '@retrowalk/domain';
import { currentManager, DATA_SOURCE, type Tx } from '../unit-of-work';
import { type ServerAnswer } from './message-sending.repository';
import { type Returning, unwrapReturning } from './returning';

/** One claim of one row: the pair a send job carries (its job id is `<id>.<claim>`). */
export interface MessageClaim {
  id: string;
  claim: number;
}

export interface ClaimedMessage extends MessageClaim {
  kind: MessageKind;
  /** Null for a workspace member's email (invitation, sign-in link), which names a member instead. */
  enrollmentId: string | null;
  dueAt: Date;
  localDate: string | null;
  /** True when an earlier claim already scheduled this row's successor (next reminder, summary...). */
  chained: boolean;
}

/** A claim whose lease ran out: its claimer died, hung, or its job is still waiting in a backlog. */
export interface LapsedClaim extends MessageClaim {
  status: 'queued' | 'sending';
}

/** What the sender needs of the row it has just taken (one round trip, no second read). */
export interface SendingMessage extends ClaimedMessage {
  memberId: string | null;
  dedupeKey: string;
  checkInId: string | null;
  reschedules: number;
}

/** An unfinished message, as the test clock reports one it could not get delivered. */
export interface UnfinishedMessage {
  id: string;
  kind: MessageKind;
  status: MessageStatus;
  dueAt: Date;
  attemptAt: Date;
  leaseUntil: Date | null;
  attempts: number;
  lastError: string | null;
}

export interface ClaimedRow {
  id: string;
  claim_seq: number;
  kind: MessageKind;
  enrollment_id: string | null;
  due_at: Date;
  local_date: string | null;
  chained: boolean;
}

export interface SendingRow extends ClaimedRow {
  member_id: string | null;
  dedupe_key: string;
  check_in_id: string | null;
  reschedules: number;
}

export const CLAIMED_COLUMNS =
  'm.id, m.claim_seq, m.kind, m.enrollment_id, m.due_at, m.local_date, m.chained';

export const toClaimed = (r: ClaimedRow): ClaimedMessage => ({
  id: r.id,
  claim: r.claim_seq,
  kind: r.kind,
  enrollmentId: r.enrollment_id,
  dueAt: r.due_at,
  localDate: r.local_date,
  chained: r.chained,
});

export const UNFINISHED: readonly MessageStatus[] = UNFINISHED_STATUSES;

/**
 * The delivery side of the schedule: claims, leases and the life of one send. Every change to a
 * claimed row names the claim it belongs to, so a process that lost its claim (its lease ran out,
 * another dispatcher took over) can no longer move the row, whatever it still believes.
 */
@Injectable()
export class MessageDeliveryRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  private get db(): Tx {
    return currentManager(this.dataSource);
  }

  /**
   * Claims due rows for sending. SKIP LOCKED lets any number of dispatchers run side by side: each
   * takes rows no other open transaction holds. The lease says when the claim may be taken over.
   * Each row comes back with `chained` as it was before this claim (the caller schedules the
   * successors of the rows whose successors are not scheduled yet, in the same transaction).
   */
  async claimDue(tx: Tx, now: Date, limit: number, leaseUntil: Date): Promise<ClaimedMessage[]> {
    const rows = await tx.query<Returning<ClaimedRow>>(
      `WITH picked AS (
         SELECT id, chained FROM messages WHERE status = 'pending' AND attempt_at <= $1
         ORDER BY attempt_at LIMIT $2 FOR NO KEY UPDATE SKIP LOCKED
       )
       UPDATE messages m SET status = 'queued', lease_until = $3, claim_seq = m.claim_seq + 1, chained = true
       FROM picked WHERE m.id = picked.id
       RETURNING m.id, m.claim_seq, m.kind, m.enrollment_id, m.due_at, m.local_date, picked.chained`,
      [now, limit, leaseUntil],
    );
    return unwrapReturning(rows).map(toClaimed);
  }

  /** Claims whose lease ran out, oldest first; nothing is locked (taking one over is conditional). */
  async lapsedClaims(now: Date, limit: number): Promise<LapsedClaim[]> {
    const rows = await this.db.query<{ id: string; claim_seq: number; status: 'queued' | 'sending' }[]>(
      `SELECT id, claim_seq, status FROM messages
       WHERE lease_until IS NOT NULL AND lease_until <= $1 AND status IN ('queued', 'sending')
       ORDER BY lease_until LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => ({ id: r.id, claim: r.claim_seq, status: r.status }));
  }

  /**
   * A queued row whose job is still alive in BullMQ (a backlog, not a death) keeps its claim: the
   * lease is extended. Only while the claim is still the same and still lapsed.
   */
  async extendLapsed(claims: readonly MessageClaim[], now: Date, leaseUntil: Date): Promise<number> {
    if (claims.length === 0) return 0;
    const rows = await this.db.query<Returning<unknown>>(
      `UPDATE messages m SET lease_until = $3
       FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, claim integer)
       WHERE m.id = c.id AND m.claim_seq = c.claim AND m.status = 'queued' AND m.lease_until <= $2
       RETURNING m.id`,
      [JSON.stringify(claims), now, leaseUntil],
    );
    return unwrapReturning(rows).length;
  }

  /**
   * Takes lapsed claims over: a new claim (and so a new job id) for each row still in the claim it
   * was seen in and still lapsed. Two dispatchers racing take each row once.
   */
  async takeOver(
    tx: Tx,
    claims: readonly MessageClaim[],
    now: Date,
    leaseUntil: Date,
  ): Promise<ClaimedMessage[]> {
    if (claims.length === 0) return [];
    const rows = await tx.query<Returning<ClaimedRow>>(
      `UPDATE messages m SET status = 'queued', lease_until = $3, claim_seq = m.claim_seq + 1
       FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, claim integer)
       WHERE m.id = c.id AND m.claim_seq = c.claim AND m.status IN ('queued', 'sending')
         AND m.lease_until <= $2
       RETURNING ${CLAIMED_COLUMNS}`,
      [JSON.stringify(claims), now, leaseUntil],
    );
    return unwrapReturning(rows).map(toClaimed);
  }

  /**
   * After Redis lost its data every queued row's job is gone: claim them all again, a page at a
   * time (by id, after `afterId`). Rows being sent keep their claim: their sender still runs.
   */
  async reclaimQueued(tx: Tx, afterId: string, limit: number, leaseUntil: Date): Promise<ClaimedMessage[]> {
    const rows = await tx.query<Returning<ClaimedRow>>(
      `WITH picked AS (
         SELECT id FROM messages WHERE status = 'queued' AND id > $1
         ORDER BY id LIMIT $2 FOR NO KEY UPDATE SKIP LOCKED
       )
       UPDATE messages m SET lease_until = $3, claim_seq = m.claim_seq + 1
       FROM picked WHERE m.id = picked.id
       RETURNING ${CLAIMED_COLUMNS}`,
      [afterId, limit, leaseUntil],
    );
    return unwrapReturning(rows)
      .map(toClaimed)
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  /** Hands claimed rows back to the schedule at once (their jobs could not be enqueued). */
  async releaseClaims(claims: readonly MessageClaim[]): Promise<void> {
    if (claims.length === 0) return;
    await this.db.query(
      `UPDATE messages m SET status = 'pending', lease_until = NULL
       FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, claim integer)
       WHERE m.id = c.id AND m.claim_seq = c.claim AND m.status = 'queued'`,
      [JSON.stringify(claims)],
    );
  }

  /** A sender still at work keeps its claim. False when the claim is no longer this sender's. */
  async renewLease({ id, claim }: MessageClaim, leaseUntil: Date): Promise<boolean> {
    const rows = await this.db.query<Returning<unknown>>(
      `UPDATE messages SET lease_until = $3 WHERE id = $1 AND claim_seq = $2 AND status = 'sending'
       RETURNING id`,
      [id, claim, leaseUntil],
    );
    return unwrapReturning(rows).length > 0;
  }

  /**
   * Ends the claimed send without sending: cancelled (no longer wanted), expired, suppressed (the
   * address is on the organisation's list) or bounced (with what the server answered). False when
   * the claim was no longer this sender's.
   */
  async finish(
    { id, claim }: MessageClaim,
    status: 'cancelled' | 'expired' | 'bounced' | 'suppressed',
    reason: string,
    server: ServerAnswer | null = null,
    tx: Tx = this.db,
  ): Promise<boolean> {
    const rows = await tx.query<Returning<unknown>>(
      `UPDATE messages SET status = $3, finished_reason = $4, lease_until = NULL,
         recipient = COALESCE($5, recipient), smtp_message_id = COALESCE($6, smtp_message_id),
         smtp_reply = COALESCE($7, smtp_reply)
       WHERE id = $1 AND claim_seq = $2 AND status = 'sending' RETURNING id`,
      [
        id,
        claim,
        status,
        reason,
        server?.recipient ?? null,
        server?.messageId ?? null,
        server?.reply ?? null,
      ],
    );
    return unwrapReturning(rows).length > 0;
  }

  /** sending -> queued, for a transient failure BullMQ will retry within this claim. */
  async releaseForRetry({ id, claim }: MessageClaim, error: string): Promise<void> {
    await this.db.query(
      `UPDATE messages SET status = 'queued', last_error = $3
       WHERE id = $1 AND claim_seq = $2 AND status = 'sending'`,
      [id, claim, error],
    );
  }

  /**
   * The claim's tries are spent: back to the schedule, to be tried again at `attemptAt`. Never
   * final: the expiry rules decide when a message stops being worth the effort. False when the
   * claim was no longer this sender's.
   */
  async reschedule({ id, claim }: MessageClaim, attemptAt: Date, error: string | null): Promise<boolean> {
    const rows = await this.db.query<Returning<unknown>>(
      `UPDATE messages SET status = 'pending', attempt_at = $3, reschedules = reschedules + 1,
         last_error = COALESCE($4, last_error), lease_until = NULL
       WHERE id = $1 AND claim_seq = $2 AND status IN ('queued', 'sending') RETURNING id`,
      [id, claim, attemptAt, error],
    );
    return unwrapReturning(rows).length > 0;
  }

  /** A sender that stops (shutdown) gives its rows back at once, for another worker to send. */
  async abandon(claims: readonly MessageClaim[], now: Date): Promise<void> {
    if (claims.length === 0) return;
    await this.db.query(
      `UPDATE messages m SET status = 'pending', attempt_at = LEAST(m.attempt_at, $2), lease_until = NULL
       FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, claim integer)
       WHERE m.id = c.id AND m.claim_seq = c.claim AND m.status IN ('queued', 'sending')`,
      [JSON.stringify(claims), now],
    );
  }

  /**
   * When the oldest message that is due by `at` and not sent yet (pending, or queued for a sender)
   * was due, or null when none is: the dispatch lag is `at` minus this. One step down the partial
   * index messages_unsent_due. A row being sent is left out: its sender holds a lease on it.
   */
  async oldestUnsentDueAt(at: Date): Promise<Date | null> {
    const rows = await this.db.query<{ due_at: Date }[]>(
      `SELECT due_at FROM messages WHERE status IN ('pending', 'queued') AND due_at <= $1
       ORDER BY due_at LIMIT 1`,
      [at],
    );
    return rows[0]?.due_at ?? null;
  }

  /** Messages due by `at` that have not reached a final state. */
  async countUnfinishedDueBy(at: Date): Promise<number> {
    const rows = await this.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM messages WHERE status = ANY($2) AND attempt_at <= $1`,
      [at, UNFINISHED],
    );
    return rows[0]?.n ?? 0;
  }

  /**
   * How far the messages due by `at` have come: the number still unfinished, and a fingerprint that
   * changes whenever any of them moves (a claim, an attempt, a status), so a waiter can tell a slow
   * send from a stuck one.
   */
  async progressDueBy(at: Date): Promise<{ unfinished: number; fingerprint: string }> {
    const rows = await this.db.query<{ n: number; attempts: number; claims: number; sending: number }[]>(
      `SELECT count(*)::int AS n, coalesce(sum(attempts), 0)::int AS attempts,
              coalesce(sum(claim_seq), 0)::int AS claims, count(*) FILTER (WHERE status = 'sending')::int AS sending
       FROM messages WHERE status = ANY($2) AND attempt_at <= $1`,
      [at, UNFINISHED],
    );
    const r = rows[0] ?? { n: 0, attempts: 0, claims: 0, sending: 0 };
    return { unfinished: r.n, fingerprint: `${r.n}/${r.attempts}/${r.claims}/${r.sending}` };
  }

  async countSentBetween(after: Date, upTo: Date): Promise<number> {
    const rows = await this.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM messages WHERE status = 'sent' AND sent_at > $1 AND sent_at <= $2`,
      [after, upTo],
    );
    return rows[0]?.n ?? 0;
  }

  /** The unfinished messages due by `at`, for a person to read why (the test clock's answer). */
  async unfinishedDueBy(at: Date, limit: number): Promise<UnfinishedMessage[]> {
    const rows = await this.db.query<
      {
        id: string;
        kind: MessageKind;
        status: MessageStatus;
        due_at: Date;
        attempt_at: Date;
        lease_until: Date | null;
        attempts: number;
        last_error: string | null;
      }[]
    >(
      `SELECT id, kind, status, due_at, attempt_at, lease_until, attempts, last_error FROM messages
       WHERE status = ANY($2) AND attempt_at <= $1 ORDER BY attempt_at, id LIMIT $3`,
      [at, UNFINISHED, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      dueAt: r.due_at,
      attemptAt: r.attempt_at,
      leaseUntil: r.lease_until,
      attempts: r.attempts,
      lastError: r.last_error,
    }));
  }

  /**
   * The next instant in (after, upTo] at which the schedule can move on its own: a pending row's
   * attempt time or a claim's lease running out. The test clock stops at each.
   */
  async nextEventBetween(after: Date, upTo: Date): Promise<Date | null> {
    const rows = await this.db.query<{ at: Date | null }[]>(
      `SELECT LEAST(
         (SELECT min(attempt_at) FROM messages WHERE status = 'pending' AND attempt_at > $1 AND attempt_at <= $2),
         (SELECT min(lease_until) FROM messages
          WHERE lease_until IS NOT NULL AND lease_until > $1 AND lease_until <= $2
            AND status IN ('queued', 'sending'))
       ) AS at`,
      [after, upTo],
    );
    return rows[0]?.at ?? null;
  }
}
