import { type EmailBlock } from './email-blocks';
import { renderEmail, type RenderedEmail } from './email-layout';

export interface SafetyStopEmailModel {
  firstName: string;
  organizationName: string;
  /** Plain sentences of what the person reported, e.g. "You said your knee gave way." */
  reasons: string[];
  /** The domain's stop advice (SAFETY_STOP_ADVICE), passed in so the wording has one source. */
  advice: string;
  /** Page where the person confirms that a healthcare professional has cleared them. */
  clearedUrl: string;
}

/**
 * Sent at once on a red flag. It ignores unsubscribe and frequency caps, so it has no unsubscribe link,
 * and it never invites the person to walk: the only link is the one to use after a professional's yes.
 */
export function renderSafetyStopEmail(model: SafetyStopEmailModel): RenderedEmail {
  const reasons: EmailBlock[] =
    model.reasons.length === 0
      ? []
      : [
          { kind: 'paragraph', text: 'This is what you told us:' },
          { kind: 'list', items: model.reasons },
        ];

  return renderEmail({
    subject: 'Please stop retro walking for now and get your knee checked',
    preheader:
      'Do not walk backwards again until a GP or physiotherapist has checked your knee. Your reminders are paused.',
    blocks: [
      { kind: 'heading', text: `${model.firstName}, please stop retro walking for now` },
      {
        kind: 'paragraph',
        text: 'Please do not walk backwards again until a GP or physiotherapist has checked your knee. We have paused your programme and your reminders.',
      },
      {
        kind: 'callout',
        tone: 'safety',
        title: 'If it is severe, get help now',
        lines: [
          'Go to urgent care or call your local emergency number if your knee swells badly, you cannot put weight on it, or you hit your head or feel faint after a fall.',
        ],
      },
      ...reasons,
      { kind: 'heading', text: 'What to do now' },
      // One sentence a paragraph: this is read by someone shaken, often on a small screen.
      ...model.advice
        .split(/(?<=\.)\s+/)
        .filter((sentence) => sentence.length > 0)
        .map((sentence) => ({ kind: 'paragraph' as const, text: sentence })),
      {
        kind: 'paragraph',
        text: 'Book a check with your GP or a physiotherapist and tell them what happened. It can help to show them this email.',
      },
      { kind: 'heading', text: 'Starting again later' },
      {
        kind: 'list',
        ordered: true,
        items: [
          'Wait until a GP or physiotherapist has told you it is fine to walk backwards again.',
          'Then tell us with the link below.',
          'We restart your programme gently and let you know when your reminders begin again.',
        ],
      },
      {
        kind: 'link',
        lead: 'Only after a professional has said yes.',
        label: 'I have been cleared to start again',
        url: model.clearedUrl,
      },
      {
        kind: 'paragraph',
        text: 'Stopping is a normal precaution, not a judgement about you. We will be glad to have you back once your knee is ready.',
        muted: true,
      },
    ],
    footer: {
      organizationName: model.organizationName,
      reason: `You get this safety message because of what you reported in the retro walking programme from ${model.organizationName}. Safety messages are sent even if you turned other emails off.`,
    },
  });
}
