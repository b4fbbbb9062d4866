import { renderEmail, type RenderedEmail } from './email-layout';

export interface MemberInviteEmailModel {
  memberName: string;
  organizationName: string;
  /** What they will do there, in a few words: "see who needs attention and read their progress". */
  roleDescription: string;
  signInUrl: string;
  /** The sign-in page, for when this link has run out. */
  signInPageUrl: string;
  /** How long the link works, e.g. "7 days". */
  linkLifetime: string;
}

/** Invites a member to the workspace with a one-time sign-in link. */
export function renderMemberInviteEmail(model: MemberInviteEmailModel): RenderedEmail {
  return renderEmail({
    subject: `You are invited to the ${model.organizationName} coaching workspace`,
    preheader: 'One tap to sign in. No password to remember.',
    blocks: [
      { kind: 'heading', text: `Hi ${model.memberName}` },
      {
        kind: 'paragraph',
        text: `${model.organizationName} has added you to its Retrowalk workspace, where you can ${model.roleDescription}.`,
      },
      { kind: 'button', label: 'Sign in to the workspace', url: model.signInUrl },
      {
        kind: 'paragraph',
        text: `This link works once, for ${model.linkLifetime}. There is no password: whenever you want to sign in later, enter your email address on the sign-in page and we send you a fresh link.`,
      },
      { kind: 'link', lead: 'The sign-in page:', label: model.signInPageUrl, url: model.signInPageUrl },
      {
        kind: 'paragraph',
        text: 'Not expecting this? You can delete this email; nobody can sign in without opening it.',
        muted: true,
      },
    ],
    footer: {
      organizationName: model.organizationName,
      reason: `You get this email because ${model.organizationName} added this address to its coaching workspace.`,
    },
  });
}
