import { type MessageKind, type MessageStatus } from '@retrowalk/domain';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * pending -> queued (claimed by a dispatcher, job handed to BullMQ) -> sending -> sent, or another
 * final state (see MessageStatus in the domain). A transient failure sends the row back to pending.
 */
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

  /** When the message is meant to go (a participant's 07:30); expiry and lateness count from it. */
  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  /** When the sender next tries it: the due time, or later after a claim's tries were all spent. */
  @Column({ name: 'attempt_at', type: 'timestamptz' })
  attemptAt!: Date;

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

  /** Raised at every claim; the BullMQ job id carries it, so only the newest claim's job may send. */
  @Column({ name: 'claim_seq', type: 'integer', default: 0 })
  claimSeq!: number;

  /** How many times the row went back to the schedule after transient failures (the backoff). */
  @Column({ type: 'integer', default: 0 })
  reschedules!: number;

  /** Claiming the row has scheduled its successor; a later claim of it must not do so again. */
  @Column({ type: 'boolean', default: false })
  chained!: boolean;

  /** The latest transient failure, e.g. an SMTP 451 answer; kept after the row is sent. */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** The address it was (last) sent to: the participant's, the coach's or the other coach address. */
  @Column({ type: 'text', nullable: true })
  recipient!: string | null;

  /** Our Message-ID header as sent, `<row id@domain>`. */
  @Column({ name: 'smtp_message_id', type: 'text', nullable: true })
  smtpMessageId!: string | null;

  /** The id the SMTP server gave it in its 250 reply; providers' events name the message by it. */
  @Column({ name: 'smtp_queue_id', type: 'text', nullable: true })
  smtpQueueId!: string | null;

  /** The server's reply to the message: its 250 when accepted, its refusal when bounced. */
  @Column({ name: 'smtp_reply', type: 'text', nullable: true })
  smtpReply!: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'finished_reason', type: 'text', nullable: true })
  finishedReason!: string | null;

  // Set from the application clock, so a simulated week reads like a real one.
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
