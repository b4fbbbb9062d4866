import { renderEmail, type RenderedEmail } from './email-layout';

export interface ProgressionEmailModel {
  firstName: string;
  organizationName: string;
  /** The level the person moves up to. */
  level: { number: number; name: string; instructions: string[]; safetyPoint: string };
  unsubscribeUrl: string;
  /** "Your data" (download or delete) in the footer. */
  dataUrl?: string;
  pauseUrl: string;
}

export function renderProgressionEmail(model: ProgressionEmailModel): RenderedEmail {
  const levelTitle = `${model.level.name} (Level ${model.level.number})`;
  return renderEmail({
    subject: `Well done! Next up: ${levelTitle}`,
    preheader: `You are ready for ${levelTitle}. Take the first sessions gently.`,
    blocks: [
      { kind: 'heading', text: `Well done, ${model.firstName}!` },
      {
        kind: 'paragraph',
        text: `Your last sessions went well, so you move up to ${levelTitle}. Your next reminder has the new plan.`,
      },
      { kind: 'heading', text: `Your new level: ${levelTitle}` },
      { kind: 'list', items: model.level.instructions, ordered: true },
      {
        kind: 'callout',
        tone: 'safety',
        title: 'Go gently',
        lines: [
          model.level.safetyPoint,
          'A new level can feel harder at first. Go slowly and rest whenever you need to.',
          'Stop at once if you fall, feel sharp pain or dizziness, or your knee swells or gives way, and tell us in your check-in.',
        ],
      },
      {
        kind: 'paragraph',
        text: 'Feeling the front of your thighs working is normal. That is the muscle doing its work.',
        muted: true,
      },
      { kind: 'link', lead: 'Need a break?', label: 'Pause reminders', url: model.pauseUrl },
    ],
    footer: {
      organizationName: model.organizationName,
      reason: `You get this email because you joined the retro walking programme from ${model.organizationName}.`,
      unsubscribeUrl: model.unsubscribeUrl,
      dataUrl: model.dataUrl,
    },
  });
}
