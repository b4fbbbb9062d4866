import {
  type ActivityScore,
  type Audience,
  type GlobalChange,
  type OutcomeTimepoint,
} from '@retrowalk/domain';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One outcome check of one participant: planned when they confirm (fixed then, so a later change
 * of the organisation's weeks does not move it), asked by email, answered once.
 */
@Entity({ name: 'outcome_checks' })
export class OutcomeCheckEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'enrollment_id', type: 'uuid' })
  enrollmentId!: string;

  @Column({ type: 'text' })
  timepoint!: OutcomeTimepoint;

  /** The enrolment's own time and audience, copied (they never change) for cohort reports. */
  @Column({ name: 'enrolled_at', type: 'timestamptz' })
  enrolledAt!: Date;

  @Column({ type: 'text' })
  audience!: Audience;

  /** Programme week: 0 for the baseline. */
  @Column({ type: 'smallint' })
  week!: number;

  @Column({ name: 'opens_at', type: 'timestamptz' })
  opensAt!: Date;

  @Column({ name: 'closes_at', type: 'timestamptz' })
  closesAt!: Date;

  /** When its email was first handed to the mail transport: "asked", for response rates. */
  @Column({ name: 'asked_at', type: 'timestamptz', nullable: true })
  askedAt!: Date | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  /** Average knee pain over the last 7 days, 0-10. */
  @Column({ type: 'smallint', nullable: true })
  pain!: number | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  activities!: ActivityScore[];

  @Column({ name: 'global_change', type: 'text', nullable: true })
  globalChange!: GlobalChange | null;

  /** Baseline rows: answered within the first programme week. */
  @Column({ name: 'counts_as_baseline', type: 'boolean', nullable: true })
  countsAsBaseline!: boolean | null;

  /** Later rows: the pain of a baseline that counts, for pain change and responders. */
  @Column({ name: 'baseline_pain', type: 'smallint', nullable: true })
  baselinePain!: number | null;

  /** This check's PSFS mean, in sixths of a point (exact for one to three whole scores). */
  @Column({ name: 'psfs_sixths', type: 'smallint', nullable: true })
  psfsSixths!: number | null;

  /** Later rows: change of the PSFS mean since a baseline that counts, over activities rated at both. */
  @Column({ name: 'psfs_change_sixths', type: 'smallint', nullable: true })
  psfsChangeSixths!: number | null;

  // Set from the application clock, so a simulated week reads like a real one.
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
