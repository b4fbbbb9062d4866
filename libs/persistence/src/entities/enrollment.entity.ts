import { type Audience, type EnrollmentStatus, type Screening, type Weekday } from '@retrowalk/domain';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'enrollments' })
export class EnrollmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ name: 'first_name', type: 'text' })
  firstName!: string;

  /** IANA timezone name; every reminder time is computed in it. */
  @Column({ type: 'text' })
  timezone!: string;

  /** Weekday codes (mon..sun) in the participant's local calendar. */
  @Column({ name: 'reminder_days', type: 'text', array: true })
  reminderDays!: Weekday[];

  /** Local wall-clock time, HH:MM. */
  @Column({ name: 'reminder_time', type: 'text' })
  reminderTime!: string;

  @Column({ type: 'text' })
  audience!: Audience;

  @Column({ type: 'jsonb' })
  screening!: Screening;

  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId!: string | null;

  @Column({ type: 'text' })
  status!: EnrollmentStatus;

  @Column({ type: 'smallint' })
  level!: number;

  /** The level at which a safety stop happened; clearance resumes below it. */
  @Column({ name: 'level_before_stop', type: 'smallint', nullable: true })
  levelBeforeStop!: number | null;

  /** When the newest walk logged was performed; the workspace sorts by it. */
  @Column({ name: 'last_walk_at', type: 'timestamptz', nullable: true })
  lastWalkAt!: Date | null;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;

  /**
   * Set when the address was changed after the enrolment was confirmed, until the new address
   * confirms: meanwhile only safety mail and the address confirmation go there.
   */
  @Column({ name: 'address_unconfirmed_since', type: 'timestamptz', nullable: true })
  addressUnconfirmedSince!: Date | null;

  @Column({ name: 'paused_at', type: 'timestamptz', nullable: true })
  pausedAt!: Date | null;

  @Column({ name: 'unsubscribed_at', type: 'timestamptz', nullable: true })
  unsubscribedAt!: Date | null;

  /** Set when the person's data was erased; the row is then an anonymous stub for reports. */
  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true })
  erasedAt!: Date | null;

  // Set from the application clock, so a simulated week reads like a real one.
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
