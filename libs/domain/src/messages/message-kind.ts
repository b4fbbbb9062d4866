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
  | 'clearance_notice'
  | 'member_invite'
  | 'sign_in';

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
  'clearance_notice',
  'member_invite',
  'sign_in',
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
   * Goes to a workspace member (an invitation, a sign-in link): the row names a member, not a
   * participant, and `sendWhile` does not apply (there is no enrolment).
   */
  toMember?: true;
}

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
  },
  welcome: {
    systemTimed: false,
    safety: false,
    sendWhile: ['active', 'needs_clearance', 'paused'],
    cancelledByPause: false,
    toCoach: false,
  },
  // The participant picked this time: quiet hours never move it.
  reminder: {
    systemTimed: false,
    safety: false,
    sendWhile: ['active'],
    cancelledByPause: true,
    toCoach: false,
  },
  progression: {
    systemTimed: false,
    safety: false,
    sendWhile: ['active'],
    cancelledByPause: false,
    toCoach: false,
  },
  // The system picks "tomorrow morning", so quiet hours apply.
  pain_follow_up: {
    systemTimed: true,
    safety: false,
    sendWhile: ['active'],
    cancelledByPause: true,
    toCoach: false,
  },
  // A stop is told at once, whatever the hour, the caps or the marketing preferences.
  safety_stop: {
    systemTimed: false,
    safety: true,
    sendWhile: ['needs_clearance', 'unsubscribed', 'paused'],
    cancelledByPause: false,
    toCoach: false,
  },
  coach_alert: {
    systemTimed: false,
    safety: true,
    sendWhile: EVERY_STATUS,
    cancelledByPause: false,
    toCoach: true,
  },
  resumed: {
    systemTimed: false,
    safety: false,
    sendWhile: ['active'],
    cancelledByPause: false,
    toCoach: false,
  },
  // The system picks the moment after a quiet week, so quiet hours apply.
  re_engagement: {
    systemTimed: true,
    safety: false,
    sendWhile: ['active'],
    cancelledByPause: true,
    toCoach: false,
  },
  // The system picked the evening of the first chosen weekday: quiet hours apply.
  weekly_summary: {
    systemTimed: true,
    safety: false,
    sendWhile: ['active'],
    cancelledByPause: true,
    toCoach: false,
  },
  completion: {
    systemTimed: false,
    safety: false,
    sendWhile: ['completed'],
    cancelledByPause: false,
    toCoach: false,
  },
  // The participant says a professional cleared them: the coach must know whatever the status.
  clearance_notice: {
    systemTimed: false,
    safety: true,
    sendWhile: EVERY_STATUS,
    cancelledByPause: false,
    toCoach: true,
  },
  // A member's own emails: no participant, no unsubscribe (they are what lets the member in).
  member_invite: {
    systemTimed: false,
    safety: false,
    sendWhile: [],
    cancelledByPause: false,
    toCoach: false,
    toMember: true,
  },
  sign_in: {
    systemTimed: false,
    safety: false,
    sendWhile: [],
    cancelledByPause: false,
    toCoach: false,
    toMember: true,
  },
};

export function isStillWanted(kind: MessageKind, status: EnrollmentStatus): boolean {
  return MESSAGE_POLICIES[kind].sendWhile.includes(status);
}

/** Kinds an unsubscribe cancels: everything but safety messages (members' emails are not theirs). */
export function kindsStoppedByUnsubscribe(): MessageKind[] {
  return MESSAGE_KINDS.filter((kind) => !MESSAGE_POLICIES[kind].safety && !MESSAGE_POLICIES[kind].toMember);
}

/** Kinds a safety stop cancels: everything that assumes the programme goes on. */
export function kindsStoppedBySafetyStop(): MessageKind[] {
  return MESSAGE_KINDS.filter(
    (kind) => !MESSAGE_POLICIES[kind].safety && !MESSAGE_POLICIES[kind].toMember && kind !== 'welcome',
  );
}

export function kindsStoppedByPause(): MessageKind[] {
  return MESSAGE_KINDS.filter((kind) => MESSAGE_POLICIES[kind].cancelledByPause);
}

/**
 * A reminder this late is dropped rather than sent: "walk this morning" arriving in the evening,
 * after an outage, helps nobody. The next chosen day's reminder is already scheduled.
 */
export const REMINDER_STALE_AFTER_MS = 6 * 60 * 60 * 1000;
