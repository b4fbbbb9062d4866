import { type EnrollmentStatus } from '../enrollment/enrollment-status';

export type MessageKind = 'confirm' | 'welcome' | 'reminder';

export const MESSAGE_KINDS: readonly MessageKind[] = ['confirm', 'welcome', 'reminder'];

export interface MessagePolicy {
  /** The system chose the time (follow-ups, summaries): quiet hours may hold it. */
  systemTimed: boolean;
  /** Safety messages ignore caps and marketing preferences and carry no unsubscribe link. */
  safety: boolean;
  /** Statuses in which the message is still wanted when it is about to be sent. */
  sendWhile: readonly EnrollmentStatus[];
  /** Cancelled when the participant pauses (a pause stops the programme's cadence, not replies). */
  cancelledByPause: boolean;
}

export const MESSAGE_POLICIES: { readonly [K in MessageKind]: MessagePolicy } = {
  // A reply to what the person just did: never held by quiet hours.
  confirm: {
    systemTimed: false,
    safety: false,
    sendWhile: ['pending_confirmation'],
    cancelledByPause: false,
  },
  welcome: {
    systemTimed: false,
    safety: false,
    sendWhile: ['active', 'needs_clearance', 'paused'],
    cancelledByPause: false,
  },
  // The participant picked this time: quiet hours never move it.
  reminder: { systemTimed: false, safety: false, sendWhile: ['active'], cancelledByPause: true },
};

export function isStillWanted(kind: MessageKind, status: EnrollmentStatus): boolean {
  return MESSAGE_POLICIES[kind].sendWhile.includes(status);
}

/** Kinds an unsubscribe cancels: everything but safety messages. */
export function kindsStoppedByUnsubscribe(): MessageKind[] {
  return MESSAGE_KINDS.filter((kind) => !MESSAGE_POLICIES[kind].safety);
}

export function kindsStoppedByPause(): MessageKind[] {
  return MESSAGE_KINDS.filter((kind) => MESSAGE_POLICIES[kind].cancelledByPause);
}

/**
 * A reminder this late is dropped rather than sent: "walk this morning" arriving in the evening,
 * after an outage, helps nobody. The next chosen day's reminder is already scheduled.
 */
export const REMINDER_STALE_AFTER_MS = 6 * 60 * 60 * 1000;
