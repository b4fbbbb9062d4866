import { type MessageKind } from '@retrowalk/domain';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * pending -> queued (claimed by a dispatcher, job handed to BullMQ) -> sending -> sent.
 * Any of pending/queued may become cancelled; a send may end failed or skipped (no longer wanted).
 */
export type MessageStatus = 'pending' | 'queued' | 'sending' | 'sent' | 'failed' | 'cancelled' | 'skipped';

@Entity({ name: 'messages' })
export class MessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  /** The participant the message is for; null for a member's email (member_id is then set). */
  @Column({ name: 'enrollment_id', type: 'uuid', nullable: true })
  enrollmentId!: string | null;

  /** The workspace member a sign-in or invitation email is for; null for participants' messages. */
  @Column({ name: 'member_id', type: 'uuid', nullable: true })
  memberId!: string | null;

  @Column({ type: 'text' })
  kind!: MessageKind;

  /** Unique among live rows: e.g. reminder:<enrollment>:<local date>, so nothing is scheduled twice. */
  @Column({ name: 'dedupe_key', type: 'text' })
  dedupeKey!: string;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  /** The participant's local date the message belongs to (reminders), for display and dedupe. */
  @Column({ name: 'local_date', type: 'text', nullable: true })
  localDate!: string | null;

  @Column({ type: 'text' })
  status!: MessageStatus;

  /** The check-in a follow-up, progression or safety message is about. */
  @Column({ name: 'check_in_id', type: 'uuid', nullable: true })
  checkInId!: string | null;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'finished_reason', type: 'text', nullable: true })
  finishedReason!: string | null;

  // Set from the application clock, so a simulated week reads like a real one.
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
