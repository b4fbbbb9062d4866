import { type EnrollmentStatus } from '../enrollment/enrollment-status';

export type MessageKind =
  | 'confirm'
  | 'welcome'
  | 'reminder'
  | 'progression'
  | 'pain_follow_up'
  | 'safety_stop'
  | 'coach_alert'
  | 'resumed'
  | 're_engagement'
  | 'completion'
  | 'weekly_summary'
  | 'outcome_check'
  | 'outcome_results'
  | 'clearance_notice'
  | 'member_invite'
  | 'sign_in'
  | 'address_confirm';

export const MESSAGE_KINDS: readonly MessageKind[] = [
  'confirm',
  'welcome',
  'reminder',
  'progression',
  'pain_follow_up',
  'safety_stop',
  'coach_alert',
  'resumed',
  're_engagement',
  'completion',
  'weekly_summary',
  'outcome_check',
  'outcome_results',
  'clearance_notice',
  'member_invite',
  'sign_in',
  'address_confirm',
];

export interface MessagePolicy {
  /** The system chose the time (follow-ups, summaries): quiet hours may hold it. */
  systemTimed: boolean;
  /** Safety messages ignore caps and marketing preferences and carry no unsubscribe link. */
  safety: boolean;
  /** Statuses in which the message is still wanted when it is about to be sent. */
  sendWhile: readonly EnrollmentStatus[];
  /** Cancelled when the participant pauses (a pause stops the programme's cadence, not replies). */
  cancelledByPause: boolean;
  /** Goes to the organisation's coach, not to the participant. */
  toCoach: boolean;
  /**
   * How late past its due time the message is still worth sending; after that it ends as `expired`
   * instead of arriving when it no longer helps. Null: never expires (safety messages are tried for
   * as long as it takes).
   */
  expiresAfterMs: number | null;
  /**
   * Goes to a workspace member (an invitation, a sign-in link): the row names a member, not a
   * participant, and `sendWhile` does not apply (there is no enrolment).
   */
  toMember?: true;
  /** Its place in the send queue when many are due at once (the morning peak): see SEND_PRIORITY. */
  priority: SendPriority;
}

/**
 * The send queue's order, lowest first (BullMQ's convention; 0 is its unprioritised list, which it
 * serves before every prioritised job). Safety first: a stop must not wait behind a morning's
 * reminders; then replies to what the person just did; then reminders, which have a time the person
 * chose; then what the system timed itself (summaries, nudges, the completion note).
 */
export const SEND_PRIORITY = { safety: 0, reply: 1, reminder: 2, bulk: 3 } as const;
export type SendPriority = (typeof SEND_PRIORITY)[keyof typeof SEND_PRIORITY];

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * A reminder this late is dropped rather than sent: "walk this morning" arriving in the evening,
 * after an outage, helps nobody. The next chosen day's reminder is already scheduled.
 */
export const REMINDER_STALE_AFTER_MS = 6 * HOUR_MS;

// Every status a person can still be reached in: nothing at all is sent about an erased person.
const EVERY_STATUS: readonly EnrollmentStatus[] = [
  'pending_confirmation',
  'active',
  'paused',
  'needs_clearance',
  'unsubscribed',
  'completed',
];

export const MESSAGE_POLICIES: { readonly [K in MessageKind]: MessagePolicy } = {
  // A reply to what the person just did: never held by quiet hours.
  confirm: {
    systemTimed: false,
    safety: false,
    sendWhile: ['pending_confirmation'],
    cancelledByPause: false,
    toCoach: false,
    // The confirm link itself lasts 14 days; a person who enrolled can wait that long.
    expiresAfterMs: 14 * DAY_MS,
    priority: SEND_PRIORITY.reply,
  },
  welcome: {
    systemTimed: false,
    safety: false,
    sendWhile: ['active', 'needs_clearance', 'paused'],
    cancelledByPause: false,
    toCoach: false,
    expiresAfterMs: 7 * DAY_MS,
    priority: SEND_PRIORITY.reply,
  },
  // The participant picked this time: quiet hours never move it.
  reminder: {
    systemTimed: false,
    safety: false,
    sendWhile: ['active'],
    cancelledByPause: true,
    toCoach: false,
    expiresAfterMs: REMINDER_STALE_AFTER_MS,
    priority: SEND_PRIORITY.reminder,
  },
  progression: {
    systemTimed: false,
    safety: false,
    sendWhile: ['active'],
    cancelledByPause: false,
    toCoach: false,
    expiresAfterMs: 3 * DAY_MS,
    priority: SEND_PRIORITY.reply,
  },
  // The system picks "tomorrow morning", so quiet hours apply.
  pain_follow_up: {
    systemTimed: true,
    safety: false,
    sendWhile: ['active'],
    cancelledByPause: true,
    toCoach: false,
    // "How is the knee this morning?" means little a day later; the second ask comes at 48 h anyway.
    expiresAfterMs: DAY_MS,
    priority: SEND_PRIORITY.reply,
  },
  // A stop is told at once, whatever the hour, the caps or the marketing preferences.
  safety_stop: {
    systemTimed: false,
    safety: true,
    sendWhile: ['needs_clearance', 'unsubscribed', 'paused'],
    cancelledByPause: false,
    toCoach: false,
    expiresAfterMs: null,
    priority: SEND_PRIORITY.safety,
  },
  coach_alert: {
    systemTimed: false,
    safety: true,
    sendWhile: EVERY_STATUS,
    cancelledByPause: false,
    toCoach: true,
    expiresAfterMs: null,
    priority: SEND_PRIORITY.safety,
  },
  resumed: {
    systemTimed: false,
    safety: false,
    sendWhile: ['active'],
    cancelledByPause: false,
    toCoach: false,
    expiresAfterMs: 3 * DAY_MS,
    priority: SEND_PRIORITY.reply,
  },
  // The system picks the moment after a quiet week, so quiet hours apply.
  re_engagement: {
    systemTimed: true,
    safety: false,
    sendWhile: ['active'],
    cancelledByPause: true,
    toCoach: false,
    expiresAfterMs: 3 * DAY_MS,
    priority: SEND_PRIORITY.bulk,
  },
  // The system picked the evening of the first chosen weekday: quiet hours apply.
  weekly_summary: {
    systemTimed: true,
    safety: false,
    sendWhile: ['active'],
    cancelledByPause: true,
    toCoach: false,
    expiresAfterMs: 2 * DAY_MS,
    priority: SEND_PRIORITY.bulk,
  },
  // A coach changed the participant's address: the new one confirms before anything else but
  // safety mail goes there, and confirming it also takes it off the suppression list.
  address_confirm: {
    systemTimed: false,
    safety: false,
    sendWhile: ['active', 'paused', 'needs_clearance', 'completed'],
    cancelledByPause: false,
    toCoach: false,
    expiresAfterMs: 14 * DAY_MS,
    priority: SEND_PRIORITY.reply,
  },
  completion: {
    systemTimed: false,
    safety: false,
    sendWhile: ['completed'],
    cancelledByPause: false,
    toCoach: false,
    expiresAfterMs: 7 * DAY_MS,
    priority: SEND_PRIORITY.bulk,
  },
  // An outcome check (and its one reminder): the system picked the moment, so quiet hours apply.
  // Asked while paused or after completing too: how the knee is doing then is what the checks are
  // for. Never while waiting for clearance (nothing is sent then but the welcome and safety mail):
  // one falling due then is skipped; a stop does not cancel the later ones.
  outcome_check: {
    systemTimed: true,
    safety: false,
    sendWhile: ['active', 'paused', 'completed'],
    cancelledByPause: false,
    toCoach: false,
    // A check stays open 14 days: a week late still leaves a week to answer.
    expiresAfterMs: 7 * DAY_MS,
    priority: SEND_PRIORITY.bulk,
  },
  // How the person's knee changed, a reply to the last check they just answered.
  outcome_results: {
    systemTimed: false,
    safety: false,
    sendWhile: ['active', 'paused', 'completed'],
    cancelledByPause: false,
    toCoach: false,
    expiresAfterMs: 7 * DAY_MS,
    priority: SEND_PRIORITY.reply,
  },
  // The participant says a professional cleared them: the coach must know whatever the status.
  clearance_notice: {
    systemTimed: false,
    safety: true,
    sendWhile: EVERY_STATUS,
    cancelledByPause: false,
    toCoach: true,
    expiresAfterMs: null,
    priority: SEND_PRIORITY.safety,
  },
  // A member's own emails: no participant, no unsubscribe (they are what lets the member in).
  member_invite: {
    systemTimed: false,
    safety: false,
    sendWhile: [],
    cancelledByPause: false,
    toCoach: false,
    toMember: true,
    // As long as the invitation's link lasts.
    expiresAfterMs: 7 * DAY_MS,
    priority: SEND_PRIORITY.reply,
  },
  sign_in: {
    systemTimed: false,
    safety: false,
    sendWhile: [],
    cancelledByPause: false,
    toCoach: false,
    toMember: true,
    // The link inside works for 15 minutes: a later email would only disappoint.
    expiresAfterMs: 15 * 60_000,
    // Someone is waiting at the sign-in page for it.
    priority: SEND_PRIORITY.reply,
  },
};

export function isStillWanted(kind: MessageKind, status: EnrollmentStatus): boolean {
  return MESSAGE_POLICIES[kind].sendWhile.includes(status);
}

/** Kinds an unsubscribe cancels: everything but safety messages (members' emails are not theirs). */
export function kindsStoppedByUnsubscribe(): MessageKind[] {
  return MESSAGE_KINDS.filter((kind) => !MESSAGE_POLICIES[kind].safety && !MESSAGE_POLICIES[kind].toMember);
}

/** The outcome checks' kinds: they ask about the knee, whatever the programme does meanwhile. */
const OUTCOME_KINDS: readonly MessageKind[] = ['outcome_check', 'outcome_results'];

/**
 * Kinds a safety stop cancels: everything that assumes the programme goes on. Not the welcome,
 * and not the outcome checks still to come (after clearance they are asked as planned).
 */
export function kindsStoppedBySafetyStop(): MessageKind[] {
  return MESSAGE_KINDS.filter(
    (kind) =>
      !MESSAGE_POLICIES[kind].safety &&
      !MESSAGE_POLICIES[kind].toMember &&
      kind !== 'welcome' &&
      kind !== 'address_confirm' &&
      !OUTCOME_KINDS.includes(kind),
  );
}

export function kindsStoppedByPause(): MessageKind[] {
  return MESSAGE_KINDS.filter((kind) => MESSAGE_POLICIES[kind].cancelledByPause);
}
