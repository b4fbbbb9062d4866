import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AuditAction = 'enrollment.exported' | 'enrollment.erased' | 'suppression.lifted';
export type AuditActorKind = 'api_key' | 'participant';

/** Who exported or erased whose data, and when. Ids only: an audit entry is never personal data. */
@Entity({ name: 'audit_entries' })
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'text' })
  action!: AuditAction;

  /** The enrolment acted on (for `suppression.lifted`: the suppression entry). */
  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId!: string;

  @Column({ name: 'actor_kind', type: 'text' })
  actorKind!: AuditActorKind;

  @Column({ name: 'api_key_id', type: 'uuid', nullable: true })
  apiKeyId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
