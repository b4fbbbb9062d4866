import { type MessageKind } from '@retrowalk/domain';
import { STATUS_WORDS } from '../views/workspace-words';

/**
 * Every status a scheduled message can be in: today's, and those the delivery work introduces
 * (bounced, suppressed, expired; `failed` and `skipped` then go away). The wording covers them all
 * so the timeline reads right before and after that change.
 */
export type AnyMessageStatus =
  | 'pending'
  | 'queued'
  | 'sending'
  | 'sent'
  | 'bounced'
  | 'suppressed'
  | 'cancelled'
  | 'expired'
  | 'failed'
  | 'skipped';

export const MESSAGE_NAMES: { readonly [K in MessageKind]: string } = {
  confirm: 'Confirmation email',
  welcome: 'Welcome email',
  reminder: 'Session reminder',
  progression: 'Moving-up email',
  pain_follow_up: 'Next-morning question',
  safety_stop: 'Safety email',
  coach_alert: 'Coach alert',
  resumed: 'Restart email',
  re_engagement: '“We have not heard from you” email',
  completion: 'Programme complete email',
  weekly_summary: 'Weekly summary',
  clearance_notice: 'Clearance notice to the coach',
  member_invite: 'Workspace invitation',
  sign_in: 'Sign-in link',
  outcome_check: 'Outcome check (how the knee is)',
  outcome_results: 'How the knee changed email',
  address_confirm: 'New address confirmation',
};

const REASONS: Record<string, string> = {
  paused: 'the programme was paused',
  safety_stop: 'a safety stop',
  answered: 'already answered',
  checked_in: 'the walk was already logged',
  schedule_changed: 'the reminder days or time changed',
  rescheduled_on_resume: 'rescheduled when the programme restarted',
  activity: 'they were active again',
  unsubscribed: 'they unsubscribed',
  completed: 'the programme was complete',
  stale: 'it was too late to be useful',
  expired: 'it was too late to be useful',
  erased: 'their data was erased',
  member_removed: 'the member was removed',
  address_unconfirmed: 'the new address is not confirmed yet',
  suppressed_hard_bounce: 'the address bounced (suppressed)',
  suppressed_complaint: 'they marked an email as spam (suppressed)',
  suppressed_soft_bounces: 'the mailbox kept refusing mail (suppressed)',
};

/** Why a message did not go, in words; an SMTP answer or an unknown code is shown briefly as it is. */
export function reasonWords(reason: string | null): string {
  if (reason === null || reason === '') return 'no longer needed';
  const known = REASONS[reason];
  if (known) return known;
  const wanted = /^not_wanted_while_(\w+)$/.exec(reason);
  if (wanted) {
    const status = STATUS_WORDS[wanted[1] as keyof typeof STATUS_WORDS];
    return `no longer wanted (${status ? status.label.toLowerCase() : wanted[1]})`;
  }
  return reason.length > 120 ? `${reason.slice(0, 117)}…` : reason;
}

/** What happened to one message, e.g. "sent", "scheduled for Tue 4 Mar 2027, 07:30", "cancelled: a safety stop". */
export function messageStatusWords(
  status: AnyMessageStatus,
  reason: string | null,
  dueAtWords: string,
): { words: string; tone: 'neutral' | 'warning' | 'danger' } {
  switch (status) {
    case 'pending':
      return { words: `scheduled for ${dueAtWords}`, tone: 'neutral' };
    case 'queued':
    case 'sending':
      return { words: 'being sent', tone: 'neutral' };
    case 'sent':
      return { words: 'sent', tone: 'neutral' };
    case 'bounced':
      return { words: 'could not be delivered: the address refused it', tone: 'danger' };
    case 'suppressed':
      return { words: 'not sent: the address is on the do-not-send list', tone: 'warning' };
    case 'cancelled':
      return { words: `cancelled: ${reasonWords(reason)}`, tone: 'neutral' };
    case 'expired':
      return { words: 'not sent: it was too late to be useful', tone: 'neutral' };
    case 'failed':
      return { words: 'could not be sent', tone: 'danger' };
    case 'skipped':
      return { words: `not sent: ${reasonWords(reason)}`, tone: 'neutral' };
  }
}
