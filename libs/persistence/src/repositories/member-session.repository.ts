import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type MemberEntity } from '../entities/member.entity';
import { MemberSessionEntity } from '../entities/member-session.entity';
import { unwrapReturning } from '../returning';
import { DATA_SOURCE, type Tx } from '../unit-of-work';

export interface UsableSession {
  session: MemberSessionEntity;
  member: MemberEntity;
}

interface SessionRow {
  id: string;
  organization_id: string;
  member_id: string;
  token_hash: string;
  created_at: Date;
  last_seen_at: Date;
  revoked_at: Date | null;
  email: string;
  name: string;
  role: MemberEntity['role'];
  member_created_at: Date;
  last_sign_in_at: Date | null;
}

/**
 * Workspace sessions. Like API keys, a session is looked up by its hash before anyone's
 * organisation is known, so lookups run as the connecting role; what a request then does runs
 * inside its organisation's transaction.
 */
@Injectable()
export class MemberSessionRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  create(input: { organizationId: string; memberId: string; tokenHash: string; now: Date }) {
    return this.dataSource.manager.save(
      this.dataSource.manager.create(MemberSessionEntity, {
        organizationId: input.organizationId,
        memberId: input.memberId,
        tokenHash: input.tokenHash,
        createdAt: input.now,
        lastSeenAt: input.now,
        revokedAt: null,
      }),
    );
  }

  /** The session behind a token if it still works: not revoked, not idle too long, member not removed. */
  async findUsable(tokenHash: string, seenSince: Date): Promise<UsableSession | null> {
    const rows = await this.dataSource.query<SessionRow[]>(
      `SELECT s.id, s.organization_id, s.member_id, s.token_hash, s.created_at, s.last_seen_at, s.revoked_at,
              m.email, m.name, m.role, m.created_at AS member_created_at, m.last_sign_in_at
       FROM member_sessions s JOIN members m ON m.id = s.member_id
       WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.last_seen_at > $2 AND m.removed_at IS NULL`,
      [tokenHash, seenSince],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      session: {
        id: r.id,
        organizationId: r.organization_id,
        memberId: r.member_id,
        tokenHash: r.token_hash,
        createdAt: r.created_at,
        lastSeenAt: r.last_seen_at,
        revokedAt: r.revoked_at,
      },
      member: {
        id: r.member_id,
        organizationId: r.organization_id,
        email: r.email,
        name: r.name,
        role: r.role,
        createdAt: r.member_created_at,
        lastSignInAt: r.last_sign_in_at,
        removedAt: null,
      },
    };
  }

  /** Keeps the session alive; written at most once a minute per session. */
  async touch(id: string, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE member_sessions SET last_seen_at = $2
       WHERE id = $1 AND last_seen_at < $2::timestamptz - interval '1 minute'`,
      [id, now],
    );
  }

  async revoke(tx: Tx, id: string, now: Date): Promise<void> {
    await tx.query(`UPDATE member_sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [
      id,
      now,
    ]);
  }

  /** Ends every session of a member at once (the member was removed). */
  async revokeAllOfMember(tx: Tx, memberId: string, now: Date): Promise<number> {
    const rows = await tx.query<{ id: string }[]>(
      `UPDATE member_sessions SET revoked_at = $2 WHERE member_id = $1 AND revoked_at IS NULL RETURNING id`,
      [memberId, now],
    );
    return unwrapReturning(rows).length;
  }

  /** Sessions idle for long past their limit, and used links long expired, are of no use to anyone. */
  async purgeOlderThan(before: Date, limit: number): Promise<number> {
    const sessions = await this.dataSource.query<{ id: string }[]>(
      `DELETE FROM member_sessions WHERE id IN
         (SELECT id FROM member_sessions WHERE last_seen_at < $1 LIMIT $2) RETURNING id`,
      [before, limit],
    );
    const links = await this.dataSource.query<{ id: string }[]>(
      `DELETE FROM sign_in_links WHERE id IN
         (SELECT id FROM sign_in_links WHERE expires_at < $1 LIMIT $2) RETURNING id`,
      [before, limit],
    );
    return unwrapReturning(sessions).length + unwrapReturning(links).length;
  }
}
