import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { type ApiKeyRole } from './api-key.entity';

/** Members have the same roles as API keys, and the same walls. */
export type MemberRole = ApiKeyRole;

/** A person of an organisation who signs in to the workspace (passwordless, from emailed links). */
@Entity({ name: 'members' })
export class MemberEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  role!: MemberRole;

  // Set from the application clock, so a simulated week reads like a real one.
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_sign_in_at', type: 'timestamptz', nullable: true })
  lastSignInAt!: Date | null;

  /** A removed member keeps their row (decisions and notes name them) but cannot sign in. */
  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true })
  removedAt!: Date | null;
}
