import { type EmailBlock } from './email-blocks';
import { programmeFooter, renderEmail, type RenderedEmail } from './email-layout';
import { outcomeChangeBlocks, type OutcomeChangeWords } from './outcome-change-blocks';

export interface CompletionEmailModel {
  firstName: string;
  organizationName: string;
  sessions: number;
  levelTitle: string;
  unsubscribeUrl: string;
  /** "Your data" (download or delete) in the footer. */
  dataUrl?: string;
  /** How their knee changed since they started, from the outcome checks they answered. */
  change?: OutcomeChangeWords | null;
  /** The end-of-programme check, when it is open and not answered yet. */
  outcomeCheckUrl?: string | null;
  /** The week of one more outcome check still to come, if any. */
  laterCheckWeek?: number | null;
}

function outcomeBlocks(model: CompletionEmailModel): EmailBlock[] {
  if (model.change) {
    return [
      { kind: 'heading', text: 'Your knee since you started' },
      ...outcomeChangeBlocks(model.change),
      { kind: 'heading', text: 'Keeping it up' },
    ];
  }
  if (model.outcomeCheckUrl) {
    return [
      {
        kind: 'paragraph',
        text: 'Tell us how your knee is now (two minutes), and we will show you how it compares with when you started.',
      },
      { kind: 'button', label: 'How is my knee now?', url: model.outcomeCheckUrl },
    ];
  }
  return [];
}

/** The end of the programme: what they achieved and how to keep going safely on their own. */
export function renderCompletionEmail(model: CompletionEmailModel): RenderedEmail {
  return renderEmail({
    subject: 'You finished the retro walking programme!',
    preheader: `${model.sessions} sessions done. Here is how to keep your knees strong.`,
    blocks: [
      { kind: 'heading', text: `Congratulations, ${model.firstName}!` },
      {
        kind: 'paragraph',
        text: `You logged ${model.sessions} sessions and reached ${model.levelTitle}. Your thigh muscles and your balance have had six weeks of steady work.`,
      },
      ...outcomeBlocks(model),
      {
        kind: 'list',
        ordered: false,
        items: [
          'Keep two or three short sessions a week to hold on to what you built.',
          'Keep the same safety habits: clear space, upright posture, controlled steps.',
          'Stop and get your knee checked if you fall, feel sharp pain or your knee swells or gives way.',
        ],
      },
      {
        kind: 'paragraph',
        text:
          typeof model.laterCheckWeek === 'number'
            ? `This is the last programme email, apart from one short check on your knee in week ${model.laterCheckWeek}. Thank you for walking with us.`
            : 'This is the last programme email. Thank you for walking with us.',
        muted: true,
      },
    ],
    footer: programmeFooter(model),
  });
}
