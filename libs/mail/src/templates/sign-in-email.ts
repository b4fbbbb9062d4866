import { renderEmail, type RenderedEmail } from './email-layout';

export interface SignInEmailModel {
  memberName: string;
  organizationName: string;
  signInUrl: string;
  /** How long the link works, e.g. "15 minutes". */
  linkLifetime: string;
}

/** The one-time link someone asked for on the sign-in page. */
export function renderSignInEmail(model: SignInEmailModel): RenderedEmail {
  return renderEmail({
    subject: `Your sign-in link for ${model.organizationName}`,
    preheader: `Tap to sign in. The link works once, for ${model.linkLifetime}.`,
    blocks: [
      { kind: 'heading', text: `Hi ${model.memberName}, here is your sign-in link` },
      { kind: 'button', label: 'Sign in', url: model.signInUrl },
      {
        kind: 'paragraph',
        text: `The link works once, for ${model.linkLifetime}. If it has run out, ask for a new one on the sign-in page.`,
      },
      {
        kind: 'paragraph',
        text: 'Did not ask to sign in? Then someone typed your address by mistake. You can delete this email; nobody can sign in without it.',
        muted: true,
      },
    ],
    footer: {
      organizationName: model.organizationName,
      reason: `You get this email because someone asked for a sign-in link for this address on the ${model.organizationName} workspace.`,
    },
  });
}
