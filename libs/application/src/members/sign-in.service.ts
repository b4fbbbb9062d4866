import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import {
  type MemberEntity,
  MemberRepository,
  MemberSessionRepository,
  SignInLinkRepository,
  type SignInLinkEntity,
  UnitOfWork,
} from '@retrowalk/persistence';
import { Clock } from '../clock/clock';
import { DispatchNudge } from '../messages/dispatch-nudge';
import { MemberService } from './member.service';
import { sha256, SignInTokens } from './sign-in-tokens';

/** A sign-in link works for a quarter of an hour, once. */
export const SIGN_IN_LINK_MS = 15 * 60_000;
/** At most this many links per member per quarter-hour: the page cannot be used to flood an inbox. */
export const SIGN_IN_LINKS_PER_WINDOW = 5;
/**
 * Asking for a link always takes at least this long, member or not, so the time the answer takes
 * says no more than its words (which are the same either way). The real work is a few
 * milliseconds of reads and inserts, well inside it.
 */
export const SIGN_IN_REQUEST_FLOOR_MS = 300;
/** One person may belong to a few organisations; each gets its own link and email. */
const MEMBERSHIPS_PER_ADDRESS = 10;

export interface SignedIn {
  member: MemberEntity;
  sessionId: string;
  /** For the cookie: shown once, stored only as a hash. */
  sessionToken: string;
  returnTo: string | null;
}

/** What following a link would do, for the page that shows the "Sign in" button (GET). */
export type LinkState =
  { usable: true; link: SignInLinkEntity } | { usable: false; why: 'unknown' | 'used' | 'expired' };

/**
 * Passwordless sign-in. The page asks for an address and always answers the same, after the same
 * time; a member gets an email with a one-time link. Following the link shows a button (mail
 * scanners fetch links, and a GET never signs anyone in); the button's POST uses the link and
 * opens a session.
 */
@Injectable()
export class SignInService {
  private readonly logger = new Logger(SignInService.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly members: MemberRepository,
    private readonly memberService: MemberService,
    private readonly links: SignInLinkRepository,
    private readonly sessions: MemberSessionRepository,
    private readonly tokens: SignInTokens,
    private readonly dispatch: DispatchNudge,
    private readonly clock: Clock,
  ) {}

  /** Sends a link to every membership of the address, if any; answers nothing either way. */
  async requestLink(email: string, returnTo: string | null): Promise<void> {
    const started = Date.now();
    try {
      await this.sendLinks(email.trim(), returnTo);
    } catch (error) {
      // Never a different answer for a member: the failure is logged, the page reads the same.
      this.logger.error(`A sign-in link could not be scheduled: ${(error as Error).message}`);
    }
    const left = SIGN_IN_REQUEST_FLOOR_MS - (Date.now() - started);
    if (left > 0) await sleep(left);
  }

  private async sendLinks(email: string, returnTo: string | null): Promise<void> {
    if (email === '' || email.length > 254) return;
    const memberships = await this.members.findActiveByEmail(email, MEMBERSHIPS_PER_ADDRESS);
    if (memberships.length === 0) return;
    const now = this.clock.now();
    await this.uow.run(async (tx) => {
      for (const member of memberships) {
        const recent = await this.links.countSince(tx, member.id, new Date(now.getTime() - SIGN_IN_LINK_MS));
        if (recent >= SIGN_IN_LINKS_PER_WINDOW) continue;
        await this.memberService.scheduleLink(
          tx,
          member,
          'sign_in',
          returnTo,
          new Date(now.getTime() + SIGN_IN_LINK_MS),
          now,
        );
      }
    });
    await this.dispatch.soon();
  }

  /** Reads a link without using it. */
  async inspect(token: string): Promise<LinkState> {
    const link = await this.links.findByTokenHash(sha256(token));
    if (!link) return { usable: false, why: 'unknown' };
    if (link.usedAt !== null) return { usable: false, why: 'used' };
    if (link.expiresAt.getTime() <= this.clock.now().getTime()) return { usable: false, why: 'expired' };
    return { usable: true, link };
  }

  /** Uses the link (once) and opens a session; null when it is unknown, used, expired or its member gone. */
  async signIn(token: string): Promise<SignedIn | null> {
    const now = this.clock.now();
    const link = await this.links.consume(sha256(token), now);
    if (!link) return null;
    const member = await this.members.findById(link.memberId);
    if (!member || member.removedAt !== null) return null;
    const sessionToken = this.tokens.newSessionToken();
    const session = await this.sessions.create({
      organizationId: member.organizationId,
      memberId: member.id,
      tokenHash: sha256(sessionToken),
      now,
    });
    await this.members.recordSignIn(member.id, now);
    return { member, sessionId: session.id, sessionToken, returnTo: link.returnTo };
  }
}
