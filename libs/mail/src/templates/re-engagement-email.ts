import { renderEmail, type RenderedEmail } from './email-layout';

export interface ReEngagementEmailModel {
  firstName: string;
  organizationName: string;
  /** The level they are at, e.g. "Supported start (Level 1)". */
  levelTitle: string;
  checkInUrl: string;
  pauseUrl: string;
  unsubscribeUrl: string;
  /** "Your data" (download or delete) in the footer. */
  dataUrl?: string;
}

/** After a week with no walk logged: a warm nudge, never a guilt trip, at most once a fortnight. */
export function renderReEngagementEmail(model: ReEngagementEmailModel): RenderedEmail {
  return renderEmail({
    subject: 'A short retro walk this week?',
    preheader: 'Five easy minutes is enough to pick up where you left off.',
    blocks: [
      { kind: 'heading', text: `Hi ${model.firstName}, fancy a short walk?` },
      {
        kind: 'paragraph',
        text: `We have not heard from you for a week. That is fine: life gets busy. Five easy minutes at ${model.levelTitle} is enough to pick up again.`,
      },
      {
        kind: 'callout',
        tone: 'safety',
        title: 'Coming back after a break',
        lines: [
          'Start a little easier than last time, with support within reach.',
          'If your knee has been sore or swollen, skip the walk and tell us in your check-in.',
        ],
      },
      { kind: 'button', label: 'Log a walk', url: model.checkInUrl },
      { kind: 'link', lead: 'Need a longer break?', label: 'Pause reminders', url: model.pauseUrl },
    ],
    footer: {
      organizationName: model.organizationName,
      reason: `You get this email because you joined the retro walking programme from ${model.organizationName}.`,
      unsubscribeUrl: model.unsubscribeUrl,
      dataUrl: model.dataUrl,
    },
  });
}
