import { type ClearancePolicy, type Weekday } from '@retrowalk/domain';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'organizations' })
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Where coach alerts go, and the reply-to of participant emails unless `replyTo` is set. */
  @Column({ name: 'coach_email', type: 'text' })
  coachEmail!: string;

  /** The other coach address: coach alerts go there when `coachEmail` bounces or is suppressed. */
  @Column({ name: 'backup_coach_email', type: 'text', nullable: true })
  backupCoachEmail!: string | null;

  /** The name participants see in emails and pages; `name` when not set. */
  @Column({ name: 'display_name', type: 'text', nullable: true })
  displayName!: string | null;

  /** The name on the From line ("Acme Physio via Retrowalk"); the display name when not set. */
  @Column({ name: 'sender_name', type: 'text', nullable: true })
  senderName!: string | null;

  @Column({ name: 'reply_to', type: 'text', nullable: true })
  replyTo!: string | null;

  /** Fills an enrolment (or an import row) that names no timezone. */
  @Column({ name: 'default_timezone', type: 'text', nullable: true })
  defaultTimezone!: string | null;

  @Column({ name: 'default_reminder_days', type: 'text', array: true })
  defaultReminderDays!: Weekday[];

  @Column({ name: 'default_reminder_time', type: 'text' })
  defaultReminderTime!: string;

  @Column({ name: 'quiet_hours_start', type: 'text' })
  quietHoursStart!: string;

  @Column({ name: 'quiet_hours_end', type: 'text' })
  quietHoursEnd!: string;

  /** Outcome checks for people who confirm from now on (baseline, and the two later weeks). */
  @Column({ name: 'outcome_checks_enabled', type: 'boolean' })
  outcomeChecksEnabled!: boolean;

  @Column({ name: 'outcome_dose_end_week', type: 'smallint' })
  outcomeDoseEndWeek!: number;

  @Column({ name: 'outcome_follow_up_week', type: 'smallint' })
  outcomeFollowUpWeek!: number;

  /** How many import confirmation emails may fall due per minute, across all of its imports. */
  @Column({ name: 'import_confirmations_per_minute', type: 'integer' })
  importConfirmationsPerMinute!: number;

  /** Who may end a safety stop: a coach (default) or the participant's own word. */
  @Column({ name: 'clearance_policy', type: 'text' })
  clearancePolicy!: ClearancePolicy;

  // Set from the application clock, so a simulated week reads like a real one.
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', nullable: true })
  updatedAt!: Date | null;
}
