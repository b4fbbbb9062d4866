import { programmeFooter, renderEmail, type RenderedEmail } from './email-layout';

export interface OutcomeCheckEmailModel {
  firstName: string;
  organizationName: string;
  /** Which check: before the programme, or `week` weeks after starting. */
  timepoint: 'baseline' | 'dose_end' | 'follow_up';
  week: number;
  /** The second ask, three days after the first had no answer. */
  isReminder: boolean;
  checkUrl: string;
  /** The last day the check can be answered, e.g. "Monday 18 January". */
  openUntil: string;
  unsubscribeUrl: string;
  /** "Your data" (download or delete) in the footer. */
  dataUrl?: string;
}

/**
 * An outcome check: three short questions on one page (average knee pain over the last week, a
 * few everyday activities, and later how the knee is overall). Written for a phone, in two minutes.
 */
export function renderOutcomeCheckEmail(model: OutcomeCheckEmailModel): RenderedEmail {
  const baseline = model.timepoint === 'baseline';
  const subject = baseline
    ? model.isReminder
      ? 'Reminder: two minutes on how your knee is before you start'
      : 'Before you start: how is your knee?'
    : model.isReminder
      ? `Reminder: week ${model.week}, how is your knee now?`
      : `Week ${model.week}: how is your knee now?`;
  const intro = baseline
    ? 'Before you get going, tell us how your knee is today. Later in the programme we ask again and show you how much has changed.'
    : `You started ${model.week} weeks ago. Tell us how your knee is now, and we will show you how it compares with when you started.`;
  const questions = baseline
    ? 'Two questions, about two minutes: how much your knee has hurt over the last 7 days, and how well you can do up to three everyday activities your knee makes hard.'
    : 'Three questions, about two minutes: how much your knee has hurt over the last 7 days, how well you can do the activities you named at the start, and how your knee is overall.';
  return renderEmail({
    subject,
    preheader: 'Two minutes, on your phone. It shows you what has changed.',
    blocks: [
      { kind: 'heading', text: `Hi ${model.firstName}, how is your knee?` },
      {
        kind: 'paragraph',
        text: model.isReminder ? `A gentle reminder, in case our last email got buried. ${intro}` : intro,
      },
      { kind: 'paragraph', text: questions },
      { kind: 'button', label: 'Answer the questions', url: model.checkUrl },
      { kind: 'paragraph', text: `You can answer until ${model.openUntil}.`, muted: true },
      {
        kind: 'paragraph',
        text: `Your own answers are seen by you and your coach at ${model.organizationName}. Reports for anyone else only ever show groups of at least five people.`,
        muted: true,
      },
    ],
    footer: programmeFooter(model),
  });
}
