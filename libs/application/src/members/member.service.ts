import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError, decodeCursor, encodeCursor } from '@retrowalk/domain';
import {
  isUniqueViolation,
  type MemberEntity,
  MemberRepository,
  type MemberRole,
  MemberSessionRepository,
  MessageRepository,
  SignInLinkRepository,
  type Tx,
  UnitOfWork,
} from '@retrowalk/persistence';
import { Clock } from '../clock/clock';
import { DispatchNudge } from '../messages/dispatch-nudge';
import { sha256, SignInTokens } from './sign-in-tokens';

/** An invitation's link works for a week; after that, the sign-in page sends a fresh one. */
export const INVITE_LINK_MS = 7 * 86_400_000;

export interface MembersPage {
  members: MemberEntity[];
  nextCursor: string | null;
}

const CURSOR_ORDER = 'members';

/**
 * The people of an organisation who use the workspace. Inviting one creates the member and a
 * one-time link, and schedules the invitation email in the same transaction, through the same
 * schedule as every other email; removing one ends their sessions and links at once.
 */
@Injectable()
export class MemberService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly members: MemberRepository,
    private readonly sessions: MemberSessionRepository,
    private readonly links: SignInLinkRepository,
    private readonly messages: MessageRepository,
    private readonly tokens: SignInTokens,
    private readonly dispatch: DispatchNudge,
    private readonly clock: Clock,
  ) {}

  async invite(
    organizationId: string,
    input: { email: string; name: string; role: MemberRole },
  ): Promise<MemberEntity> {
    const now = this.clock.now();
    const member = await this.uow
      .run(async (tx) => {
        const created = await this.members.create(tx, { organizationId, ...input, now });
        await this.scheduleLink(tx, created, 'invite', null, new Date(now.getTime() + INVITE_LINK_MS), now);
        return created;
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error, 'members_org_email')) {
          throw new DomainError('member_exists', 'Someone with this email is already a member.', [
            { field: 'email', message: 'is already a member of this organisation' },
          ]);
        }
        throw error;
      });
    await this.dispatch.soon();
    return member;
  }

  async list(organizationId: string, cursor: string | null, limit: number): Promise<MembersPage> {
    const after = cursor === null ? null : decodeCursor(cursor, CURSOR_ORDER, 2);
    const rows = await this.members.listPage(
      organizationId,
      after === null ? null : [String(after[0]), String(after[1])],
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      members: page.map((r) => r.member),
      nextCursor:
        rows.length > limit && last ? encodeCursor(CURSOR_ORDER, [last.createdAtKey, last.member.id]) : null,
    };
  }

  async get(organizationId: string, id: string): Promise<MemberEntity> {
    const member = await this.members.findActiveInOrganization(organizationId, id);
    if (!member) throw new DomainError('not_found', 'No member with this id.');
    return member;
  }

  /** Removes a member: their sessions end, their links stop working, unsent emails to them are cancelled. */
  async remove(organizationId: string, id: string): Promise<void> {
    await this.uow.run(async (tx) => {
      const member = await this.members.findActiveInOrganization(organizationId, id, { tx, lock: true });
      if (!member) throw new DomainError('not_found', 'No member with this id.');
      const now = this.clock.now();
      await this.members.markRemoved(tx, member.id, now);
      await this.sessions.revokeAllOfMember(tx, member.id, now);
      await this.links.expireAllOfMember(tx, member.id, now);
      await this.messages.cancelUnsentForMember(tx, member.id, 'member_removed');
    });
  }

  /**
   * A link and the email that carries it, in one transaction. The email's dedupe key names the
   * link, which is how the sender finds the link (and derives its token) when writing the email.
   */
  async scheduleLink(
    tx: Tx,
    member: MemberEntity,
    purpose: 'invite' | 'sign_in',
    returnTo: string | null,
    expiresAt: Date,
    now: Date,
  ): Promise<void> {
    const id = randomUUID();
    await this.links.create(tx, {
      id,
      organizationId: member.organizationId,
      memberId: member.id,
      tokenHash: sha256(this.tokens.linkToken(id)),
      purpose,
      returnTo,
      createdAt: now,
      expiresAt,
      usedAt: null,
    });
    const kind = purpose === 'invite' ? 'member_invite' : 'sign_in';
    await this.messages.insertForMember(
      tx,
      {
        organizationId: member.organizationId,
        memberId: member.id,
        kind,
        dedupeKey: `${kind}:${id}`,
        dueAt: now,
      },
      now,
    );
  }
}

/** The link a member email's dedupe key names (`sign_in:<link id>`, `member_invite:<link id>`). */
export function linkIdOfMemberMessage(dedupeKey: string): string | null {
  const match = /^(?:sign_in|member_invite):([0-9a-f-]{36})$/.exec(dedupeKey);
  return match?.[1] ?? null;
}
