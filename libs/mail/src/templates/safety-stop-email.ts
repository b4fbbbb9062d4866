import { renderEmail, type RenderedEmail } from './email-layout';

export interface SafetyStopEmailModel {
  firstName: string;
  organizationName: string;
  /**
   * What they told us and why it means stopping, in one paragraph (the domain's `stopWords`):
   * "You told us you fell. That means your knee should be checked by a doctor ...".
   */
  told: string;
  /** The domain's SAFETY_STOP words, passed in so the wording has one source. */
  stop: {
    paused: string;
    whatToDo: readonly string[];
    urgentTitle: string;
    /** The signs, each a clause ending the title's sentence ("your knee swells badly"). */
    urgent: readonly string[];
    restart: readonly string[];
  };
  /** Page where the person confirms that a healthcare professional has cleared them. */
  clearedUrl: string;
}

/**
 * Sent at once on a red flag. It ignores unsubscribe and frequency caps, so it has no unsubscribe link,
 * and it never invites the person to walk: the only link is the one to use after a professional's yes.
 * Read by someone shaken, often on a phone: each thing is said once, the most urgent first.
 */
export function renderSafetyStopEmail(model: SafetyStopEmailModel): RenderedEmail {
  const { stop } = model;
  return renderEmail({
    subject: 'Please stop retro walking for now and get your knee checked',
    preheader: stop.paused,
    blocks: [
      { kind: 'heading', text: `${model.firstName}, please stop retro walking for now` },
      { kind: 'paragraph', text: model.told },
      { kind: 'paragraph', text: stop.paused },
      {
        kind: 'callout',
        tone: 'safety',
        title: `${stop.urgentTitle}:`,
        // One sign a line, as the page lists them: quicker to scan for someone shaken.
        lines: stop.urgent.map((sign) => `• ${sign}`),
      },
      { kind: 'heading', text: 'What to do now' },
      { kind: 'list', items: [...stop.whatToDo, 'It can help to show them this email.'] },
      { kind: 'heading', text: 'Starting again later' },
      { kind: 'list', ordered: true, items: stop.restart },
      { kind: 'link', label: 'A professional has cleared me to start again', url: model.clearedUrl },
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
