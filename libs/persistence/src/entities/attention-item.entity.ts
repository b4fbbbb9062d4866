import { type AttentionKind, type AttentionStatus } from '@retrowalk/domain';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Something about one participant that needs a person: see libs/domain/src/attention. */
@Entity({ name: 'attention_items' })
export class AttentionItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'enrollment_id', type: 'uuid' })
  enrollmentId!: string;

  @Column({ type: 'text' })
  kind!: AttentionKind;

  /** The kind's place in the domain's urgency order (0 first). */
  @Column({ type: 'smallint' })
  urgency!: number;

  @Column({ type: 'text' })
  status!: AttentionStatus;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  /** The walk that opened it, when a walk did. */
  @Column({ name: 'check_in_id', type: 'uuid', nullable: true })
  checkInId!: string | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'acknowledged_by_member_id', type: 'uuid', nullable: true })
  acknowledgedByMemberId!: string | null;

  @Column({ name: 'acknowledged_by_api_key_id', type: 'uuid', nullable: true })
  acknowledgedByApiKeyId!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** The event that closed it: a walk, a clearance, an answer (an AttentionEventType). */
  @Column({ name: 'closed_by', type: 'text', nullable: true })
  closedBy!: string | null;
}
