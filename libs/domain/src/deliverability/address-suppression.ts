import { MESSAGE_POLICIES, type MessageKind } from '../messages/message-kind';
import { type BounceType, type DeliveryEventType } from './delivery-report';

/** Why an organisation no longer sends to an address. */
export type SuppressionReason = 'hard_bounce' | 'complaint' | 'soft_bounces';
export const SUPPRESSION_REASONS: readonly SuppressionReason[] = ['hard_bounce', 'complaint', 'soft_bounces'];

/** Three soft bounces (a full mailbox, a deferral that gave up) within seven days suppress too. */
export const SOFT_BOUNCES_TO_SUPPRESS = 3;
export const SOFT_BOUNCE_WINDOW_MS = 7 * 86_400_000;

/** One thing that happened at an address, as the rules need it. */
export interface AddressEvent {
  type: DeliveryEventType;
  bounceType: BounceType | null;
  occurredAt: Date;
}

/**
 * Whether what happened at an address (since it was last lifted from the list) suppresses it: a
 * hard bounce or a complaint at once; soft bounces when three fall within any seven days with no
 * delivery between them (a delivery shows the mailbox works again, so the count starts over).
 */
export function suppressionReasonFor(history: readonly AddressEvent[]): SuppressionReason | null {
  if (history.some((e) => e.type === 'complaint')) return 'complaint';
  if (history.some((e) => e.type === 'bounce' && e.bounceType === 'hard')) return 'hard_bounce';
  const ordered = [...history].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  let run: number[] = [];
  for (const event of ordered) {
    if (event.type === 'delivered') run = [];
    if (event.type !== 'bounce' || event.bounceType !== 'soft') continue;
    const at = event.occurredAt.getTime();
    run = [...run.filter((t) => at - t < SOFT_BOUNCE_WINDOW_MS), at];
    if (run.length >= SOFT_BOUNCES_TO_SUPPRESS) return 'soft_bounces';
  }
  return null;
}

/**
 * What the sender does with a message to a suppressed address. Reminders, summaries, nudges and
 * the rest are not sent (`skip`: the row ends as suppressed). A safety email is still attempted
 * (`send_and_warn`): it may well not arrive, so the coach is told at once. The confirmation of a
 * new address is how an address gets off the list, so it goes (`send`).
 */
export type SuppressedAddressAction = 'send' | 'skip' | 'send_and_warn';

export function actionForSuppressedAddress(kind: MessageKind): SuppressedAddressAction {
  if (MESSAGE_POLICIES[kind].safety) return 'send_and_warn';
  return kind === 'address_confirm' ? 'send' : 'skip';
}
