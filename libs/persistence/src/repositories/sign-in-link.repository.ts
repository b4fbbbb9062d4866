import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SignInLinkEntity, type SignInLinkPurpose } from '../entities/sign-in-link.entity';
import { unwrapReturning } from '../returning';
import { currentManager, DATA_SOURCE, type Tx } from '../unit-of-work';

interface LinkRow {
  id: string;
  organization_id: string;
  member_id: string;
  token_hash: string;
  purpose: SignInLinkPurpose;
  return_to: string | null;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}

const toEntity = (r: LinkRow): SignInLinkEntity => ({
  id: r.id,
  organizationId: r.organization_id,
  memberId: r.member_id,
  tokenHash: r.token_hash,
  purpose: r.purpose,
  returnTo: r.return_to,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
});

/** One-time sign-in links, found by the hash of the token a member brings back. */
@Injectable()
export class SignInLinkRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async create(tx: Tx, link: SignInLinkEntity): Promise<void> {
    await tx.insert(SignInLinkEntity, link);
  }

  /** How many links a member was sent since then: the sign-in page sends only a few per quarter-hour. */
  async countSince(tx: Tx, memberId: string, since: Date): Promise<number> {
    const rows = await tx.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM sign_in_links WHERE member_id = $1 AND created_at > $2`,
      [memberId, since],
    );
    return rows[0]?.n ?? 0;
  }

  /** For the sender (across organisations) and for the page that shows the sign-in button. */
  findById(id: string): Promise<SignInLinkEntity | null> {
    return currentManager(this.dataSource).findOne(SignInLinkEntity, { where: { id } });
  }

  findByTokenHash(tokenHash: string): Promise<SignInLinkEntity | null> {
    return this.dataSource.manager.findOne(SignInLinkEntity, { where: { tokenHash } });
  }

  /**
   * Uses a link: one conditional UPDATE, so of two clicks racing only one signs in, and a link
   * that expired or was used already signs no one in.
   */
  async consume(tokenHash: string, now: Date): Promise<SignInLinkEntity | null> {
    const rows = await this.dataSource.query<[LinkRow[], number] | LinkRow[]>(
      `UPDATE sign_in_links SET used_at = $2
       WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
       RETURNING id, organization_id, member_id, token_hash, purpose, return_to, created_at, expires_at, used_at`,
      [tokenHash, now],
    );
    const row = unwrapReturning(rows)[0];
    return row ? toEntity(row) : null;
  }

  /** A removed member's links stop working at once. */
  async expireAllOfMember(tx: Tx, memberId: string, now: Date): Promise<void> {
    await tx.query(
      `UPDATE sign_in_links SET expires_at = $2 WHERE member_id = $1 AND used_at IS NULL AND expires_at > $2`,
      [memberId, now],
    );
  }
}
