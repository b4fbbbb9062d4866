import { type DecisionAction, type FollowUpAnswer } from '@retrowalk/domain';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** What the participant reported, as stored: the report with performedAt as an ISO string. */
export type StoredReport = Record<string, string | number | boolean | null>;

@Entity({ name: 'check_ins' })
export class CheckInEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'enrollment_id', type: 'uuid' })
  enrollmentId!: string;

  @Column({ name: 'performed_at', type: 'timestamptz' })
  performedAt!: Date;

  /** The level the session was walked at. */
  @Column({ type: 'smallint' })
  level!: number;

  @Column({ type: 'jsonb' })
  report!: StoredReport;

  @Column({ type: 'text' })
  action!: DecisionAction;

  @Column({ name: 'level_after', type: 'smallint' })
  levelAfter!: number;

  @Column({ name: 'needs_follow_up', type: 'boolean' })
  needsFollowUp!: boolean;

  @Column({ name: 'follow_up_answer', type: 'text', nullable: true })
  followUpAnswer!: FollowUpAnswer | null;

  @Column({ name: 'follow_up_answered_at', type: 'timestamptz', nullable: true })
  followUpAnsweredAt!: Date | null;

  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey!: string | null;

  /** The answer given to the first request, returned again for a retry with the same key. */
  @Column({ type: 'jsonb' })
  response!: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
