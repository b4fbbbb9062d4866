import { renderEmail, type RenderedEmail } from './email-layout';

export interface ClearanceNoticeEmailModel {
  coachOrganizationName: string;
  participantName: string;
  /** True when their statement restarted the programme (participant_attests); false when it waits. */
  resumed: boolean;
  /** The level they restart at, when resumed. */
  levelTitle: string | null;
  /** Their page in the workspace (sign-in first if needed). */
  participantUrl: string;
}

/**
 * Tells the coach that a participant says a professional cleared them after a safety stop. Under
 * `coach_confirms` the programme waits for the coach; under `participant_attests` it has restarted.
 */
export function renderClearanceNoticeEmail(model: ClearanceNoticeEmailModel): RenderedEmail {
  const name = model.participantName;
  const next = model.resumed
    ? [
        {
          kind: 'paragraph' as const,
          text: `Your organisation lets participants restart on their own word, so ${name}'s programme has restarted${model.levelTitle ? ` at ${model.levelTitle}` : ''}.`,
        },
        {
          kind: 'paragraph' as const,
          text: `Please check in with ${name}: make sure a doctor or physiotherapist really saw the knee, then mark this as seen in the workspace.`,
        },
      ]
    : [
        {
          kind: 'paragraph' as const,
          text: `${name}'s programme stays stopped until you confirm. We told ${name} that you will be in touch.`,
        },
        {
          kind: 'paragraph' as const,
          text: `Check with ${name} who cleared them and when, then clear them in the workspace with a note saying so.`,
        },
      ];
  return renderEmail({
    subject: model.resumed
      ? `${name} restarted after a safety stop`
      : `${name} says they are cleared: please confirm`,
    preheader: model.resumed
      ? `${name} says a professional cleared them; their programme has restarted.`
      : `${name} says a professional cleared them; the programme waits for you.`,
    blocks: [
      { kind: 'heading', text: `${name} says a professional has cleared them` },
      {
        kind: 'paragraph',
        text: `After their safety stop, ${name} told us that a doctor or physiotherapist has checked the knee and said retro walking is fine again.`,
      },
      ...next,
      { kind: 'button', label: `Open ${name}'s page`, url: model.participantUrl },
      {
        kind: 'paragraph',
        text: 'This email is about a participant’s health. Please keep it confidential.',
        muted: true,
      },
    ],
    footer: {
      organizationName: model.coachOrganizationName,
      reason: `You get this because you are a coach for the retro walking programme from ${model.coachOrganizationName}. Safety notices cannot be turned off.`,
    },
  });
}
