import { type DecisionAction, type RuleHit } from '@retrowalk/domain';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type DecisionSource = 'check_in' | 'follow_up' | 'clearance' | 'outcome_check';

/** Who made a decision that a person made (a clearance); automatic decisions have none. */
export type DecisionActorKind = 'member' | 'api_key' | 'participant';

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
  /** `clearance_requested`: the participant's statement, waiting for a coach to confirm it. */
  action!: DecisionAction | 'resume' | 'clearance_requested' | 'outcome_worse';

  @Column({ name: 'level_before', type: 'smallint' })
  levelBefore!: number;

  @Column({ name: 'level_after', type: 'smallint' })
  levelAfter!: number;

  @Column({ name: 'status_after', type: 'text' })
  statusAfter!: string;

  @Column({ type: 'jsonb' })
  rules!: RuleHit[];

  @Column({ name: 'actor_kind', type: 'text', nullable: true })
  actorKind!: DecisionActorKind | null;

  @Column({ name: 'actor_member_id', type: 'uuid', nullable: true })
  actorMemberId!: string | null;

  @Column({ name: 'actor_api_key_id', type: 'uuid', nullable: true })
  actorApiKeyId!: string | null;

  /** What the person who cleared wrote: who cleared the participant, and when. */
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
