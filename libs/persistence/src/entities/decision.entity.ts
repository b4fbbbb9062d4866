import { type DecisionAction, type RuleHit } from '@retrowalk/domain';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type DecisionSource = 'check_in' | 'follow_up' | 'clearance' | 'outcome_check';

/** One automatic decision with the rules that fired and their inputs: the audit trail. */
@Entity({ name: 'decisions' })
export class DecisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'enrollment_id', type: 'uuid' })
  enrollmentId!: string;

  @Column({ name: 'check_in_id', type: 'uuid', nullable: true })
  checkInId!: string | null;

  @Column({ type: 'text' })
  source!: DecisionSource;

  @Column({ type: 'text' })
  action!: DecisionAction | 'resume' | 'outcome_worse';

  @Column({ name: 'level_before', type: 'smallint' })
  levelBefore!: number;

  @Column({ name: 'level_after', type: 'smallint' })
  levelAfter!: number;

  @Column({ name: 'status_after', type: 'text' })
  statusAfter!: string;

  @Column({ type: 'jsonb' })
  rules!: RuleHit[];

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
