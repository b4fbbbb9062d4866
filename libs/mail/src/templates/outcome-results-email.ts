import { programmeFooter, renderEmail, type RenderedEmail } from './email-layout';
import { outcomeChangeBlocks, type OutcomeChangeWords } from './outcome-change-blocks';

export interface OutcomeResultsEmailModel {
  firstName: string;
  organizationName: string;
  /** Weeks since they started, e.g. 12. */
  week: number;
  change: OutcomeChangeWords;
  unsubscribeUrl: string;
  /** "Your data" (download or delete) in the footer. */
  dataUrl?: string;
}

/** The week-12 email: after the last check, how the person's knee changed since they started. */
export function renderOutcomeResultsEmail(model: OutcomeResultsEmailModel): RenderedEmail {
  return renderEmail({
    subject: `Your knee, ${model.week} weeks on`,
    preheader: 'How your pain and your everyday activities changed since you started.',
    blocks: [
      { kind: 'heading', text: `Thank you, ${model.firstName}` },
      {
        kind: 'paragraph',
        text: `Here is how your knee compares with when you started, ${model.week} weeks ago, from your own answers.`,
      },
      ...outcomeChangeBlocks(model.change),
      {
        kind: 'paragraph',
        text: 'Keep the same safety habits if you go on retro walking: a clear space, support within reach, controlled steps, and stop if you feel sharp pain or your knee swells or gives way.',
        muted: true,
      },
    ],
    footer: programmeFooter(model),
  });
}
