import { type EmailBlock } from './email-blocks';
import { renderEmail, type RenderedEmail } from './email-layout';

export interface CoachAlertEmailModel {
  coachOrganizationName: string;
  participantName: string;
  participantEmail: string;
  /** Already formatted in the coach's local time, e.g. "Tuesday 11 March, 18:40 (Europe/Berlin)". */
  reportedAt: string;
  /** The programme level the participant was at when they reported the red flag. */
  level: number;
  /** Plain sentences about the participant, e.g. "Sam's knee gave way." (never "you"). */
  reasons: string[];
  /** The rest of the check-in, e.g. { label: 'Pain during', value: '7 of 10' }. */
  details: { label: string; value: string }[];
  /** Their page in the workspace, where the coach reads the story and clears them (sign-in first if needed). */
  participantUrl: string;
  /** For integrations: the API call that clears them. */
  clearanceApiHint: string;
  /** The organisation's clearance policy lets the participant restart on their own word. */
  participantMayRestart: boolean;
}

/** Tells the coach about a red flag. A safety message, so it has no unsubscribe link. */
export function renderCoachAlertEmail(model: CoachAlertEmailModel): RenderedEmail {
  const reasons =
    model.reasons.length === 0 ? ['A red flag was reported; see the details below.'] : model.reasons;
  const details: EmailBlock[] = [
    {
      kind: 'list',
      items: [
        `Participant: ${model.participantName}, ${model.participantEmail}`,
        `Reported: ${model.reportedAt}`,
        `Level at the time: Level ${model.level}`,
        ...model.details.map((detail) => `${detail.label}: ${detail.value}`),
      ],
    },
  ];

  return renderEmail({
    subject: `Safety stop: programme paused for ${model.participantName}`,
    preheader: `${model.participantName} reported a red flag. Their programme is stopped and reminders are cancelled.`,
    blocks: [
      { kind: 'heading', text: `Safety stop: ${model.participantName}` },
      {
        kind: 'paragraph',
        text: `${model.participantName} reported a red flag. We have stopped their retro walking programme and cancelled their pending reminders.`,
      },
      { kind: 'callout', tone: 'safety', title: 'What they reported', lines: reasons },
      { kind: 'button', label: `Open ${model.participantName}'s page`, url: model.participantUrl },
      { kind: 'heading', text: 'Details' },
      ...details,
      {
        kind: 'paragraph',
        text: 'We have sent them a safety email: stop retro walking, get the knee checked by a GP or physiotherapist, and get urgent help if it is severe. Nothing else is sent to them until they are cleared.',
      },
      { kind: 'heading', text: 'Letting them resume' },
      {
        kind: 'paragraph',
        text: 'Only clear them once a doctor or physiotherapist has checked the knee and said it is fine to carry on. Clear them on their page, with a note saying who cleared them and when.',
      },
      {
        kind: 'paragraph',
        text: model.participantMayRestart
          ? `Your organisation lets participants restart on their own word: if ${model.participantName} tells us a professional has cleared them, the programme restarts and you get an email.`
          : `If ${model.participantName} tells us a professional has cleared them, you get an email; the programme stays stopped until you confirm.`,
      },
      {
        kind: 'paragraph',
        text: `From an integration: ${model.clearanceApiHint}`,
        muted: true,
      },
      {
        kind: 'paragraph',
        text: 'This email contains health information about a participant. Please keep it confidential.',
        muted: true,
      },
    ],
    footer: {
      organizationName: model.coachOrganizationName,
      reason: `You get this alert because you are a coach for the retro walking programme from ${model.coachOrganizationName}. Safety alerts cannot be turned off.`,
    },
  });
}
