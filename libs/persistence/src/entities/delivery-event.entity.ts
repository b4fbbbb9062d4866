import { type BounceType } from '@retrowalk/domain';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * What providers reported about a message (bounce, complaint, delivered, deferred), and what the
 * sender did about an address (suppressed: not sent; rerouted: a coach alert sent to the other
 * coach address; undeliverable: safety mail that may not arrive, which opens an attention item).
 */
export type DeliveryEventKind =
  'bounce' | 'complaint' | 'delivered' | 'deferred' | 'suppressed' | 'rerouted' | 'undeliverable';

export type DeliveryEventOrigin = 'smtp' | 'generic' | 'ses' | 'postmark' | 'sendgrid' | 'dsn' | 'sender';

@Entity({ name: 'delivery_events' })
export class DeliveryEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'message_id', type: 'uuid', nullable: true })
  messageId!: string | null;

  @Column({ name: 'enrollment_id', type: 'uuid', nullable: true })
  enrollmentId!: string | null;

  /** Lower-cased; blanked by an erasure. */
  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text' })
  type!: DeliveryEventKind;

  @Column({ name: 'bounce_type', type: 'text', nullable: true })
  bounceType!: BounceType | null;

  @Column({ type: 'text' })
  source!: DeliveryEventOrigin;

  /** Unique: the provider's event id (or the body's hash), so a replay changes nothing twice. */
  @Column({ name: 'dedupe_key', type: 'text' })
  dedupeKey!: string;

  @Column({ type: 'text', nullable: true })
  detail!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
