import { type EmailBlock } from './email-blocks';
import { renderEmail, type RenderedEmail } from './email-layout';

export interface ReminderEmailModel {
  firstName: string;
  organizationName: string;
  /** Localised date of the session, e.g. "Wednesday 10 March". */
  dayLabel: string;
  level: { number: number; name: string; instructions: string[] };
  safetyPoint: string;
  /** Absent when the programme collects check-ins another way; the button is then left out. */
  checkInUrl?: string;
  pauseUrl: string;
  unsubscribeUrl: string;
  /** "Your data" (download or delete) in the footer. */
  dataUrl?: string;
}

export function renderReminderEmail(model: ReminderEmailModel): RenderedEmail {
  const levelTitle = `${model.level.name} (Level ${model.level.number})`;
  // The red flags are spelled out in every reminder, whatever the day's safety point is, because they
  // are the signs that must stop the programme and the check-in is where we learn about them.
  const stopLine =
    model.checkInUrl === undefined
      ? 'Stop at once if you fall, feel sharp pain or dizziness, or your knee swells or gives way, and tell your coach.'
      : 'Stop at once if you fall, feel sharp pain or dizziness, or your knee swells or gives way, and tell us in your check-in.';

  const checkIn: EmailBlock[] =
    model.checkInUrl === undefined
      ? []
      : [
          { kind: 'paragraph', text: 'After your walk, tell us how it went. It takes about a minute.' },
          { kind: 'button', label: "Log today's walk", url: model.checkInUrl },
        ];

  return renderEmail({
    subject: `Today's retro walk: ${levelTitle}`,
    preheader: `${model.dayLabel}. ${model.safetyPoint}`,
    blocks: [
      { kind: 'paragraph', text: model.dayLabel, muted: true },
      { kind: 'heading', text: `Hi ${model.firstName}, today is a walking day` },
      { kind: 'paragraph', text: `Today's level: ${levelTitle}.` },
      { kind: 'list', items: model.level.instructions, ordered: true },
      { kind: 'callout', tone: 'safety', title: 'Safety first', lines: [model.safetyPoint, stopLine] },
      ...checkIn,
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
