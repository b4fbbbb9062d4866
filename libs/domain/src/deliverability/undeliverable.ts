import { MESSAGE_POLICIES, type MessageKind } from '../messages/message-kind';

/**
 * Why a message may not reach its reader: it went to an address on the suppression list, or the
 * receiving server refused it (at once, or later by a bounce event or DSN).
 */
export type UndeliverableCause = 'sent_to_suppressed_address' | 'bounced';

/** An `undeliverable` attention item for the coach: the safety email cannot be counted on. */
export interface UndeliverableItem {
  rule: 'safety_email_undeliverable' | 'coach_alert_undeliverable';
  kind: MessageKind;
  cause: UndeliverableCause;
  /** For the coach, in plain words. */
  reason: string;
}

const CAUSE_TEXT: Record<UndeliverableCause, string> = {
  sent_to_suppressed_address: 'its address is on the suppression list, so it may not arrive',
  bounced: 'the receiving server refused it',
};

/**
 * Whether a message that may not arrive opens an `undeliverable` attention item: only safety mail
 * (the stop email and the coach alert), since only that must reach a person whatever happens. A
 * reminder that bounces ends as bounced and suppresses the address; nobody needs to act on it.
 */
export function undeliverableItemFor(kind: MessageKind, cause: UndeliverableCause): UndeliverableItem | null {
  if (!MESSAGE_POLICIES[kind].safety) return null;
  if (kind === 'coach_alert') {
    return {
      rule: 'coach_alert_undeliverable',
      kind,
      cause,
      reason: `The coach alert could not be delivered: ${CAUSE_TEXT[cause]}. Read the participant's timeline.`,
    };
  }
  return {
    rule: 'safety_email_undeliverable',
    kind,
    cause,
    reason: `The safety email telling the participant to stop could not be delivered: ${CAUSE_TEXT[cause]}. Contact them another way.`,
  };
}

/**
 * Where a coach alert goes: the coach address, or the organisation's other coach address when the
 * first is suppressed (or has just bounced). `undeliverable` when neither can be counted on.
 */
export function coachAlertRoute(input: {
  coachEmail: string;
  backupCoachEmail: string | null;
  isSuppressed: (email: string) => boolean;
}): { to: string; rerouted: boolean; undeliverable: boolean } {
  const { coachEmail, backupCoachEmail, isSuppressed } = input;
  if (!isSuppressed(coachEmail)) return { to: coachEmail, rerouted: false, undeliverable: false };
  if (backupCoachEmail && !isSuppressed(backupCoachEmail)) {
    return { to: backupCoachEmail, rerouted: true, undeliverable: false };
  }
  return { to: coachEmail, rerouted: false, undeliverable: true };
}
