import { renderEmail, type RenderedEmail } from './email-layout';

export interface ResumedEmailModel {
  firstName: string;
  organizationName: string;
  /** The level the person restarts at. */
  level: { number: number; name: string; instructions: string[]; safetyPoint: string };
  /** Localised, e.g. "Mondays, Wednesdays and Fridays at 07:30, Europe/Berlin time". */
  reminderSummary: string;
  unsubscribeUrl: string;
  /** "Your data" (download or delete) in the footer. */
  dataUrl?: string;
  pauseUrl: string;
}

/** Sent once a professional's clearance is confirmed after a safety stop. */
export function renderResumedEmail(model: ResumedEmailModel): RenderedEmail {
  const levelTitle = `${model.level.name} (Level ${model.level.number})`;
  return renderEmail({
    subject: 'Welcome back: your retro walking restarts gently',
    preheader: `You restart at ${levelTitle}. Your reminders: ${model.reminderSummary}.`,
    blocks: [
      { kind: 'heading', text: `Welcome back, ${model.firstName}` },
      {
        kind: 'paragraph',
        text: `A health professional has cleared you, so your programme is back on. You restart at ${levelTitle}, and your reminders start again: ${model.reminderSummary}.`,
      },
      { kind: 'heading', text: `Restarting at ${levelTitle}` },
      { kind: 'list', items: model.level.instructions, ordered: true },
      {
        kind: 'callout',
        tone: 'safety',
        title: 'Go gently',
        lines: [
          model.level.safetyPoint,
          'Take your first sessions back slowly, even if this level felt easy before.',
          'If your GP or physiotherapist gave you other advice, follow theirs.',
          'Stop at once if you fall, feel sharp pain or dizziness, or your knee swells or gives way, and tell us in your check-in.',
        ],
      },
      {
        kind: 'paragraph',
        text: `Thank you for getting your knee checked. The retro walking programme from ${model.organizationName} is glad to have you back.`,
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
