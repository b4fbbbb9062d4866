import { type EmailBlock } from './email-blocks';
import { renderEmail, type EmailFooter, type RenderedEmail } from './email-layout';

export interface WelcomeEmailModel {
  firstName: string;
  organizationName: string;
  /** Localised, e.g. "Mondays, Wednesdays and Fridays at 07:30, Europe/Berlin time". */
  reminderSummary: string;
  level: { number: number; name: string; instructions: string[]; safetyPoint: string };
  safetyBasics: { title: string; text: string }[];
  /** True when screening found a reason to see a professional before walking backwards. */
  needsClearance: boolean;
  clearanceReasons: string[];
  pauseUrl: string;
  unsubscribeUrl: string;
  /** "Your data" (download or delete) in the footer. */
  dataUrl?: string;
}

export function renderWelcomeEmail(model: WelcomeEmailModel): RenderedEmail {
  const footer: EmailFooter = {
    organizationName: model.organizationName,
    reason: `You get this email because you joined the retro walking programme from ${model.organizationName}.`,
    unsubscribeUrl: model.unsubscribeUrl,
    dataUrl: model.dataUrl,
  };
  return model.needsClearance ? renderClearanceWelcome(model, footer) : renderReadyWelcome(model, footer);
}

// While clearance is pending the person must not be nudged into exercising: this version leaves out
// the level, the instructions and the pause link (there is nothing to pause yet) on purpose.
function renderClearanceWelcome(model: WelcomeEmailModel, footer: EmailFooter): RenderedEmail {
  const reasons: EmailBlock[] =
    model.clearanceReasons.length === 0
      ? []
      : [
          { kind: 'paragraph', text: 'This is what you told us:' },
          { kind: 'list', items: model.clearanceReasons },
        ];
  return renderEmail({
    subject: 'Retro walking: one check with your GP or physio first',
    preheader: 'Thanks for joining. Before any reminders, we need a yes from a health professional.',
    blocks: [
      { kind: 'heading', text: `Welcome, ${model.firstName}` },
      {
        kind: 'paragraph',
        text: `Thank you for joining the retro walking programme from ${model.organizationName}.`,
      },
      {
        kind: 'callout',
        tone: 'info',
        title: 'First, a check with a health professional',
        lines: [
          'Because of what you told us when you signed up, we will not send you session reminders yet.',
          'We will wait until a healthcare professional, such as your GP or a physiotherapist, has said that retro walking is OK for you.',
        ],
      },
      ...reasons,
      { kind: 'heading', text: 'What happens next' },
      {
        kind: 'list',
        ordered: true,
        items: [
          'Talk to your GP or physiotherapist about walking backwards as exercise.',
          `If they say it is OK for you, your coach or ${model.organizationName} will confirm this with us.`,
          `After that, your reminders begin: ${model.reminderSummary}. The first one explains exactly what to do.`,
        ],
      },
      {
        kind: 'paragraph',
        text: 'Until then, please hold off on retro walking. There is nothing else you need to do with this email.',
      },
      {
        kind: 'paragraph',
        text: 'This is a normal precaution, not a judgement about you. Some knees and some balance problems simply need a professional to look first.',
        muted: true,
      },
    ],
    footer,
  });
}

function renderReadyWelcome(model: WelcomeEmailModel, footer: EmailFooter): RenderedEmail {
  const levelTitle = `${model.level.name} (Level ${model.level.number})`;
  return renderEmail({
    subject: 'Welcome to retro walking: how to begin safely',
    preheader: `Your first level is ${levelTitle}. Your reminders: ${model.reminderSummary}.`,
    blocks: [
      { kind: 'heading', text: `Welcome, ${model.firstName}` },
      {
        kind: 'paragraph',
        text: `Thank you for joining the retro walking programme from ${model.organizationName}.`,
      },
      {
        kind: 'paragraph',
        text: 'Walking backwards gives the muscles at the front of your thighs extra work. Strong thigh muscles help to steady the knee. We start small and build up slowly.',
      },
      { kind: 'heading', text: 'Safety basics' },
      { kind: 'definitions', items: model.safetyBasics },
      { kind: 'heading', text: `Your first level: ${levelTitle}` },
      { kind: 'list', items: model.level.instructions, ordered: true },
      { kind: 'callout', tone: 'safety', title: 'Remember', lines: [model.level.safetyPoint] },
      { kind: 'heading', text: 'When reminders come' },
      {
        kind: 'paragraph',
        text: `Your reminders: ${model.reminderSummary}. Each one has the plan for that day and a quick way to tell us how it went.`,
      },
      { kind: 'link', lead: 'Need a break at any time?', label: 'Pause reminders', url: model.pauseUrl },
    ],
    footer,
  });
}
