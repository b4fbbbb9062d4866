import { renderEmail, type RenderedEmail } from './email-layout';

export interface AddressConfirmEmailModel {
  firstName: string;
  organizationName: string;
  confirmUrl: string;
  unsubscribeUrl: string;
  dataUrl?: string;
}

/**
 * The participant's coach changed their address: until this one is confirmed, it gets nothing but
 * this email and safety messages, so a mistyped address never receives someone else's programme.
 */
export function renderAddressConfirmEmail(model: AddressConfirmEmailModel): RenderedEmail {
  return renderEmail({
    subject: 'Please confirm your new email address',
    preheader: 'One tap and your retro walking reminders come here.',
    blocks: [
      { kind: 'heading', text: `Hi ${model.firstName}, is this your address now?` },
      {
        kind: 'paragraph',
        text: `${model.organizationName} changed the address for your retro walking reminders to this one. Please confirm it is yours, and your reminders will come here.`,
      },
      { kind: 'button', label: 'Yes, this is my address', url: model.confirmUrl },
      {
        kind: 'paragraph',
        text: 'This link works for 14 days. Until you confirm, we only send safety messages here.',
      },
      {
        kind: 'paragraph',
        text: `Not you? Ignore this email and let ${model.organizationName} know.`,
        muted: true,
      },
    ],
    footer: {
      organizationName: model.organizationName,
      reason: `You get this email because ${model.organizationName} entered this address for the retro walking programme.`,
      unsubscribeUrl: model.unsubscribeUrl,
      dataUrl: model.dataUrl,
    },
  });
}
