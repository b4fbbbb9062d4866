import { Inject, Injectable } from '@nestjs/common';
import { type AddressEvent, type BounceType, type MessageKind, type MessageStatus } from '@retrowalk/domain';
import { DataSource } from 'typeorm';
import {
  DeliveryEventEntity,
  type DeliveryEventKind,
  type DeliveryEventOrigin,
} from '../entities/delivery-event.entity';
import { currentManager, DATA_SOURCE, type Tx } from '../unit-of-work';
import { type Returning, unwrapReturning } from './returning';

export interface NewDeliveryEvent {
  organizationId: string;
  messageId: string | null;
  enrollmentId: string | null;
  email: string | null;
  type: DeliveryEventKind;
  bounceType: BounceType | null;
  source: DeliveryEventOrigin;
  dedupeKey: string;
  detail: string | null;
  occurredAt: Date;
  now: Date;
}

/** The message a provider's event names, with what is needed to act on it. */
export interface EventTarget {
  id: string;
  organizationId: string;
  enrollmentId: string;
  kind: MessageKind;
  status: MessageStatus;
  recipient: string | null;
  checkInId: string | null;
}

/** Delivery events: what providers reported about messages, and what the sender did about them. */
@Injectable()
export class DeliveryEventRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Records an event once: false when its dedupe key was seen before (a replay). */
  async record(tx: Tx, e: NewDeliveryEvent): Promise<boolean> {
    const rows = await tx.query<Returning<{ id: string }>>(
      `INSERT INTO delivery_events (organization_id, message_id, enrollment_id, email, type, bounce_type, source,
                                    dedupe_key, detail, occurred_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [
        e.organizationId,
        e.messageId,
        e.enrollmentId,
        e.email?.toLowerCase() ?? null,
        e.type,
        e.bounceType,
        e.source,
        e.dedupeKey,
        e.detail,
        e.occurredAt,
        e.now,
      ],
    );
    return unwrapReturning(rows).length > 0;
  }

  /** What was reported about an address in an organisation since `since` (its last lift). */
  async historyFor(
    tx: Tx,
    organizationId: string,
    email: string,
    since: Date | null,
  ): Promise<AddressEvent[]> {
    const rows = await tx.query<
      { type: AddressEvent['type']; bounce_type: BounceType | null; occurred_at: Date }[]
    >(
      `SELECT type, bounce_type, occurred_at FROM delivery_events
       WHERE organization_id = $1 AND email = $2 AND type IN ('bounce', 'complaint', 'delivered', 'deferred')
         AND ($3::timestamptz IS NULL OR created_at > $3)
       ORDER BY occurred_at`,
      [organizationId, email.toLowerCase(), since],
    );
    return rows.map((r) => ({ type: r.type, bounceType: r.bounce_type, occurredAt: r.occurred_at }));
  }

  /** The message an event names: by our row id, else by the server's queue id. */
  async findTarget(
    ref: { rowId: string | null; queueId: string | null },
    tx?: Tx,
  ): Promise<EventTarget | null> {
    if (!ref.rowId && !ref.queueId) return null;
    const rows = await (tx ?? currentManager(this.dataSource)).query<
      {
        id: string;
        organization_id: string;
        enrollment_id: string;
        kind: MessageKind;
        status: MessageStatus;
        recipient: string | null;
        check_in_id: string | null;
      }[]
    >(
      // Where it went; for a row sent before recipients were kept, the participant's address.
      `SELECT m.id, m.organization_id, m.enrollment_id, m.kind, m.status, m.check_in_id,
              COALESCE(m.recipient, CASE WHEN m.kind <> 'coach_alert' THEN e.email END) AS recipient
       FROM messages m LEFT JOIN enrollments e ON e.id = m.enrollment_id
       WHERE ${ref.rowId ? 'm.id = $1' : 'm.smtp_queue_id = $1'} ORDER BY m.created_at DESC LIMIT 1`,
      [ref.rowId ?? ref.queueId],
    );
    const r = rows[0];
    return r
      ? {
          id: r.id,
          organizationId: r.organization_id,
          enrollmentId: r.enrollment_id,
          kind: r.kind,
          status: r.status,
          recipient: r.recipient,
          checkInId: r.check_in_id,
        }
      : null;
  }

  /** A provider reported a bounce for a message the SMTP server had accepted: it did not arrive. */
  async markBouncedAfterSent(tx: Tx, messageId: string, detail: string | null): Promise<boolean> {
    const rows = await tx.query<Returning<unknown>>(
      `UPDATE messages SET status = 'bounced', finished_reason = $2 WHERE id = $1 AND status = 'sent' RETURNING id`,
      [messageId, (detail ?? 'bounced after it was accepted').slice(0, 500)],
    );
    return unwrapReturning(rows).length > 0;
  }

  listForEnrollment(enrollmentId: string): Promise<DeliveryEventEntity[]> {
    return currentManager(this.dataSource).find(DeliveryEventEntity, {
      where: { enrollmentId },
      order: { createdAt: 'ASC' },
    });
  }

  /** Erasure: the events stay (for counts), without the address or what servers said about it. */
  async scrubForErasure(tx: Tx, enrollmentId: string): Promise<void> {
    await tx.query(`UPDATE delivery_events SET email = NULL, detail = NULL WHERE enrollment_id = $1`, [
      enrollmentId,
    ]);
    // What servers answered may quote the address; where a message went is the address itself.
    await tx.query(
      `UPDATE messages SET recipient = NULL, smtp_reply = NULL
       WHERE enrollment_id = $1 AND (recipient IS NOT NULL OR smtp_reply IS NOT NULL)`,
      [enrollmentId],
    );
  }
}
