import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EnrollmentEntity } from '../entities/enrollment.entity';
import { OrganizationEntity } from '../entities/organization.entity';
import { SuppressionEntity } from '../entities/suppression.entity';
import { currentManager, DATA_SOURCE, type Tx } from '../unit-of-work';
import { entityFromJson } from './entity-rows';
import { type Returning, unwrapReturning } from './returning';
import {
  CLAIMED_COLUMNS,
  type MessageClaim,
  type SendingMessage,
  type SendingRow,
  toClaimed,
  UNFINISHED,
} from './message-delivery.repository';

/** A row about to be sent, with what sending it needs, read in the same round trip as the claim. */
export interface SendingContext extends SendingMessage {
  enrollment: EnrollmentEntity | null;
  organization: OrganizationEntity | null;
  /** The live suppression of the enrolment's address in its organisation, if any. */
  suppression: SuppressionEntity | null;
}

export interface SentMessage {
  id: string;
  at: Date;
  server: ServerAnswer | null;
}

/** What the SMTP server was given and answered, kept on the row for later events and the timeline. */
export interface ServerAnswer {
  recipient: string | null;
  /** Our Message-ID header as sent. */
  messageId: string | null;
  /** The server's id for the message, from its 250 reply. */
  queueId?: string | null;
  reply: string | null;
}

/**
 * The two round trips of a send, each for a batch of sends at once: taking the claimed rows
 * (queued -> sending, fenced per claim, with what sending needs) and marking them sent. The rest of
 * a claim's life (leases, retries, finishing) is MessageDeliveryRepository's.
 */
@Injectable()
export class MessageSendingRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  private get db(): Tx {
    return currentManager(this.dataSource);
  }

  /**
   * queued -> sending, once per claim, for a batch of claims in one round trip: a redelivered job
   * or one of an older claim gets nothing. Each row comes back with what sending it needs (its
   * enrolment, organisation, and the live suppression of the enrolment's address), so the sender
   * reads nothing else for the common case. Every claim is fenced on its own, as if alone.
   */
  async beginSendingBatch(
    claims: readonly MessageClaim[],
    leaseUntil: Date,
  ): Promise<Map<string, SendingContext>> {
    if (claims.length === 0) return new Map();
    const rows = await this.db.query<
      (SendingRow & {
        enrollment: Record<string, unknown> | null;
        organization: Record<string, unknown> | null;
        suppression: Record<string, unknown> | null;
      })[]
    >(
      `WITH begun AS (
         UPDATE messages m SET status = 'sending', attempts = m.attempts + 1, lease_until = $2
         FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, claim integer)
         WHERE m.id = c.id AND m.claim_seq = c.claim AND m.status = 'queued'
         RETURNING ${CLAIMED_COLUMNS}, m.member_id, m.dedupe_key, m.check_in_id, m.reschedules
       )
       SELECT m.*, to_jsonb(e) AS enrollment, to_jsonb(o) AS organization, to_jsonb(s) AS suppression
       FROM begun m
       LEFT JOIN enrollments e ON e.id = m.enrollment_id
       LEFT JOIN organizations o ON o.id = e.organization_id
       LEFT JOIN suppressions s ON s.organization_id = e.organization_id AND s.email = lower(e.email)
                                AND s.lifted_at IS NULL`,
      [JSON.stringify(claims), leaseUntil],
    );
    const begun = new Map<string, SendingContext>();
    for (const row of rows) {
      begun.set(row.id, {
        ...toClaimed(row),
        memberId: row.member_id,
        dedupeKey: row.dedupe_key,
        checkInId: row.check_in_id,
        reschedules: row.reschedules,
        enrollment: entityFromJson(this.dataSource, EnrollmentEntity, row.enrollment),
        organization: entityFromJson(this.dataSource, OrganizationEntity, row.organization),
        suppression: entityFromJson(this.dataSource, SuppressionEntity, row.suppression),
      });
    }
    return begun;
  }

  /**
   * The SMTP server accepted these messages: they are sent, whatever happened to their claims
   * meanwhile (had another claim been taken, its job now finds the row sent and sends nothing).
   * One statement for a batch; each row on its own terms. Where a message went and what the server
   * said are personal: not kept if the person was erased while the message was on its way. A
   * member's email (no enrolment) is marked like any other. Returns the ids this statement marked
   * (a row another claim had already marked sent is not among them).
   */
  async markSentBatch(sent: readonly SentMessage[]): Promise<Set<string>> {
    if (sent.length === 0) return new Set();
    const rows = await this.db.query<Returning<{ id: string }>>(
      `UPDATE messages m SET status = 'sent', sent_at = c.at, finished_reason = NULL, lease_until = NULL,
         smtp_message_id = COALESCE(c.message_id, m.smtp_message_id),
         smtp_queue_id = COALESCE(c.queue_id, m.smtp_queue_id),
         recipient = CASE WHEN e.erased_at IS NULL THEN COALESCE(c.recipient, m.recipient) END,
         smtp_reply = CASE WHEN e.erased_at IS NULL THEN COALESCE(c.reply, m.smtp_reply) END
       FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, at timestamptz, recipient text, message_id text,
                                                queue_id text, reply text)
       JOIN messages r ON r.id = c.id
       LEFT JOIN enrollments e ON e.id = r.enrollment_id
       WHERE m.id = c.id AND m.status = ANY($2)
       RETURNING m.id`,
      [
        JSON.stringify(
          sent.map(({ id, at, server }) => ({
            id,
            at: at.toISOString(),
            recipient: server?.recipient ?? null,
            message_id: server?.messageId ?? null,
            queue_id: server?.queueId ?? null,
            reply: server?.reply ?? null,
          })),
        ),
        UNFINISHED,
      ],
    );
    return new Set(unwrapReturning(rows).map((r) => r.id));
  }
}
