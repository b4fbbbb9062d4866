import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type SignInLinkPurpose = 'invite' | 'sign_in';

/**
 * A one-time link that signs a member in. The token in the email is derived from the row id with
 * the link secret when the email is written; only its SHA-256 is stored, never the token itself.
 */
@Entity({ name: 'sign_in_links' })
export class SignInLinkEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @Column({ type: 'text' })
  purpose!: SignInLinkPurpose;

  /** The workspace page to land on once signed in (a path under /coach/). */
  @Column({ name: 'return_to', type: 'text', nullable: true })
  returnTo!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}
