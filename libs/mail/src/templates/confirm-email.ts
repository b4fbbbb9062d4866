import { renderEmail, type RenderedEmail } from './email-layout';

export interface ConfirmEmailModel {
  firstName: string;
  organizationName: string;
  confirmUrl: string;
  unsubscribeUrl: string;
  /** "Your data" (download or delete) in the footer. */
  dataUrl?: string;
}

/** Double opt-in: nothing else is sent until the person confirms through `confirmUrl`. */
export function renderConfirmEmail(model: ConfirmEmailModel): RenderedEmail {
  return renderEmail({
    subject: 'Please confirm your retro walking reminders',
    preheader: 'One tap to confirm. If you ignore this email, we will not send you anything.',
    blocks: [
      { kind: 'heading', text: `Hi ${model.firstName}, please confirm` },
      {
        kind: 'paragraph',
        text: `You asked for retro walking reminders from ${model.organizationName}. Please confirm that this is your email address and that you want these reminders.`,
      },
      { kind: 'button', label: 'Yes, send me reminders', url: model.confirmUrl },
      {
        kind: 'paragraph',
        text: 'This link works for 14 days. If you ignore this email, we will not send you anything.',
      },
      { kind: 'paragraph', text: 'Did not sign up? Then you can simply delete this email.', muted: true },
    ],
    footer: {
      organizationName: model.organizationName,
      reason: `You get this email because this address was entered to join the retro walking programme from ${model.organizationName}.`,
      unsubscribeUrl: model.unsubscribeUrl,
      dataUrl: model.dataUrl,
    },
  });
}
