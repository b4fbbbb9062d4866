import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const API_KEY_ROLES = ['admin', 'coach', 'wellness_manager'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

@Entity({ name: 'api_keys' })
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  /** The first characters of the key, kept in clear so people can tell their keys apart. */
  @Column({ type: 'text' })
  prefix!: string;

  /** SHA-256 of the whole key. Keys are 256-bit random, so a fast hash is enough (no dictionary). */
  @Column({ name: 'key_hash', type: 'text' })
  keyHash!: string;

  @Column({ type: 'text' })
  role!: ApiKeyRole;

  /** What the key is for ("HR dashboard"), in the organisation's own words. */
  @Column({ type: 'text', nullable: true })
  label!: string | null;

  // Set from the application clock, so a simulated week reads like a real one.
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
