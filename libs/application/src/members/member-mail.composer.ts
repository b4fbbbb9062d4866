import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@retrowalk/config';
import { type MemberRole } from '@retrowalk/persistence';
import { type OutgoingEmail, renderMemberInviteEmail, renderSignInEmail } from '@retrowalk/mail';
import {
  MemberRepository,
  OrganizationRepository,
  type SendingMessage,
  SignInLinkRepository,
} from '@retrowalk/persistence';
import { organizationDisplayName } from '../organizations/organization.service';
import { messageIdOf, senderAddressOf } from '../messages/sender-address';
import { linkIdOfMemberMessage } from './member.service';
import { SignInTokens } from './sign-in-tokens';

const ROLE_WORK: Record<MemberRole, string> = {
  admin: 'see who needs attention, follow each participant and manage the programme',
  coach: 'see who needs attention, read each participant’s progress and clear them after a safety stop',
  wellness_manager: 'read the cohort reports (never one person’s health data)',
};

/** Either the email to send, or why it is no longer wanted. */
export type MemberMail =
  { email: OutgoingEmail } | { skip: 'member_removed' | 'link_used' | 'expired' | 'gone' };

/**
 * Writes a member's email (an invitation, a sign-in link) from its scheduled row. The link's token
 * is derived here, as the email is written, and exists nowhere else. A sign-in link that ran out
 * before its email could go is never sent: it would only be a dead link.
 */
@Injectable()
export class MemberMailComposer {
  private readonly fromAddress: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly members: MemberRepository,
    private readonly links: SignInLinkRepository,
    private readonly organizations: OrganizationRepository,
    private readonly tokens: SignInTokens,
  ) {
    this.fromAddress = senderAddressOf(config.mailFrom);
  }

  async prepare(message: SendingMessage, now: Date): Promise<MemberMail> {
    const linkId = linkIdOfMemberMessage(message.dedupeKey);
    const [member, link] = await Promise.all([
      message.memberId ? this.members.findById(message.memberId) : null,
      linkId ? this.links.findById(linkId) : null,
    ]);
    if (!member || !link) return { skip: 'gone' };
    if (member.removedAt !== null) return { skip: 'member_removed' };
    if (link.usedAt !== null) return { skip: 'link_used' };
    if (link.expiresAt.getTime() <= now.getTime()) return { skip: 'expired' };
    const organization = await this.organizations.findById(member.organizationId);
    if (!organization) return { skip: 'gone' };

    const organizationName = organizationDisplayName(organization);
    const signInUrl = this.tokens.linkUrl(link.id);
    const rendered =
      message.kind === 'member_invite'
        ? renderMemberInviteEmail({
            memberName: member.name,
            organizationName,
            roleDescription: ROLE_WORK[member.role],
            signInUrl,
            signInPageUrl: `${this.config.publicBaseUrl}/coach/sign-in`,
            linkLifetime: lifetime(link.expiresAt.getTime() - link.createdAt.getTime()),
          })
        : renderSignInEmail({
            memberName: member.name,
            organizationName,
            signInUrl,
            linkLifetime: lifetime(link.expiresAt.getTime() - link.createdAt.getTime()),
          });
    return {
      email: {
        to: member.email,
        from: this.config.mailFrom,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        date: now,
        messageId: messageIdOf(message.id, this.fromAddress),
        headers: { 'X-Retrowalk-Message': message.kind },
        kind: message.kind,
      },
    };
  }
}

function lifetime(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} minutes`;
  const days = Math.round(minutes / 1440);
  return days >= 1 ? `${days} day${days === 1 ? '' : 's'}` : `${Math.round(minutes / 60)} hours`;
}
