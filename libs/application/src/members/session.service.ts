import { Injectable } from '@nestjs/common';
import { MemberSessionRepository, type MemberRole, UnitOfWork } from '@retrowalk/persistence';
import { Clock } from '../clock/clock';
import { sha256 } from './sign-in-tokens';

/** A session idle (no page opened) for this long has ended; signing in again takes a new link. */
export const SESSION_IDLE_MS = 12 * 3_600_000;
/** Sessions and links this long past their use are deleted by the worker's sweep. */
export const SESSION_RECORDS_KEPT_MS = 30 * 86_400_000;
const TOUCH_EVERY_MS = 60_000;

/** The member behind a workspace request, resolved from the session cookie. */
export interface SignedInMember {
  organizationId: string;
  memberId: string;
  sessionId: string;
  role: MemberRole;
  name: string;
  email: string;
}

@Injectable()
export class SessionService {
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly sessions: MemberSessionRepository,
    private readonly clock: Clock,
  ) {}

  async authenticate(sessionToken: string): Promise<SignedInMember | null> {
    const now = this.clock.now();
    const found = await this.sessions.findUsable(
      sha256(sessionToken),
      new Date(now.getTime() - SESSION_IDLE_MS),
    );
    if (!found) return null;
    // last_seen_at is kept to the minute; skip the write while this process knows it is fresh.
    if (now.getTime() - (this.touched.get(found.session.id) ?? 0) >= TOUCH_EVERY_MS) {
      await this.sessions.touch(found.session.id, now);
      this.touched.set(found.session.id, now.getTime());
    }
    return {
      organizationId: found.member.organizationId,
      memberId: found.member.id,
      sessionId: found.session.id,
      role: found.member.role,
      name: found.member.name,
      email: found.member.email,
    };
  }

  /** Signing out ends this session at once; call inside the member's organisation's request. */
  async signOut(sessionId: string): Promise<void> {
    await this.uow.run((tx) => this.sessions.revoke(tx, sessionId, this.clock.now()));
    this.touched.delete(sessionId);
  }

  /** For the worker's sweep: forget sessions and links long dead. */
  purgeExpired(): Promise<number> {
    return this.sessions.purgeOlderThan(new Date(this.clock.now().getTime() - SESSION_RECORDS_KEPT_MS), 1000);
  }
}
