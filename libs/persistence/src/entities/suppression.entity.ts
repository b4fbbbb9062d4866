import { type SuppressionReason } from '@retrowalk/domain';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type SuppressionLiftReason = 'admin' | 'address_confirmed' | 'erased';

/** An address the organisation no longer sends to (but safety mail), until it is lifted. */
@Entity({ name: 'suppressions' })
export class SuppressionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  /** Lower-cased. */
  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  reason!: SuppressionReason;

  /** What the server or provider said, e.g. "550 5.1.1 user unknown". */
  @Column({ type: 'text', nullable: true })
  detail!: string | null;

  /** The message whose bounce or complaint suppressed the address. */
  @Column({ name: 'message_id', type: 'uuid', nullable: true })
  messageId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'lifted_at', type: 'timestamptz', nullable: true })
  liftedAt!: Date | null;

  @Column({ name: 'lifted_reason', type: 'text', nullable: true })
  liftedReason!: SuppressionLiftReason | null;
}
