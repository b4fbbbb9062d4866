import { renderEmail, type RenderedEmail } from './email-layout';

export interface PainFollowUpEmailModel {
  firstName: string;
  organizationName: string;
  settledUrl: string;
  sameUrl: string;
  worseUrl: string;
  /** True for the second ask, sent when the first had no answer after 48 hours. */
  isReminder: boolean;
  unsubscribeUrl: string;
  /** "Your data" (download or delete) in the footer. */
  dataUrl?: string;
}

/** The morning-after question after a session with some pain; the answer decides the next level. */
export function renderPainFollowUpEmail(model: PainFollowUpEmailModel): RenderedEmail {
  const intro = model.isReminder
    ? 'We have not heard from you yet. Your knee was sore after your last walk, so one tap helps us plan your next session.'
    : 'Your knee was sore after your last walk. One tap tells us how it is now, so we can plan your next session.';
  return renderEmail({
    subject: model.isReminder ? 'Reminder: how is your knee this morning?' : 'How is your knee this morning?',
    preheader: 'One tap: settled, about the same, or worse.',
    blocks: [
      { kind: 'heading', text: `Hi ${model.firstName}, how is your knee this morning?` },
      { kind: 'paragraph', text: intro },
      // Three answers that look different (filled, outlined, amber), so a tired thumb hits the one
      // it means; "worse" goes on to ask about the warning signs before anything is decided.
      { kind: 'button', label: 'It has settled', url: model.settledUrl },
      { kind: 'button', label: 'About the same', url: model.sameUrl, tone: 'plain' },
      { kind: 'button', label: 'It is worse', url: model.worseUrl, tone: 'warning' },
      {
        kind: 'callout',
        tone: 'safety',
        title: 'Swelling, sharp pain or giving way?',
        lines: [
          'Then stop retro walking until a GP or physiotherapist has checked your knee: tap "It is worse" and say so. If it is severe, get urgent medical help.',
        ],
      },
      {
        kind: 'paragraph',
        text: 'Tired thigh muscles are normal after retro walking. We are asking about the knee itself.',
        muted: true,
      },
    ],
    footer: {
      organizationName: model.organizationName,
      reason: `You get this email because you joined the retro walking programme from ${model.organizationName}.`,
      unsubscribeUrl: model.unsubscribeUrl,
      dataUrl: model.dataUrl,
    },
  });
}
