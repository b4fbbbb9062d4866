/**
 * What can need a person's attention about one participant, most urgent first: the order the
 * workspace's "Needs attention" list shows them in. `undeliverable` and `outcome_worse` are opened
 * by the deliverability and outcomes work; they are here so that work only has to raise the event.
 */
export type AttentionKind =
  | 'safety_stop'
  | 'clearance_requested'
  | 'pain_worse'
  | 'follow_up_unanswered'
  | 'inactive'
  | 'undeliverable'
  | 'outcome_worse';

/** Most urgent first. The position is the urgency stored with each item, so lists sort in SQL. */
export const ATTENTION_KINDS: readonly AttentionKind[] = Object.freeze([
  'safety_stop',
  'clearance_requested',
  'pain_worse',
  'follow_up_unanswered',
  'inactive',
  'undeliverable',
  'outcome_worse',
]);

/** open -> acknowledged (a person saw it and wrote a note) or closed (its cause went away). */
export type AttentionStatus = 'open' | 'acknowledged' | 'closed';

export const ATTENTION_STATUSES: readonly AttentionStatus[] = Object.freeze([
  'open',
  'acknowledged',
  'closed',
]);

/** The kinds that open because time passed without something happening, not because of an event. */
export type TimedAttentionKind = Extract<AttentionKind, 'inactive' | 'follow_up_unanswered'>;

export const TIMED_ATTENTION_KINDS: readonly TimedAttentionKind[] = Object.freeze([
  'inactive',
  'follow_up_unanswered',
]);

/** 0 is the most urgent. */
export function urgencyOf(kind: AttentionKind): number {
  return ATTENTION_KINDS.indexOf(kind);
}

export function isAttentionKind(value: unknown): value is AttentionKind {
  return typeof value === 'string' && (ATTENTION_KINDS as readonly string[]).includes(value);
}

export function isTimedAttentionKind(kind: AttentionKind): kind is TimedAttentionKind {
  return (TIMED_ATTENTION_KINDS as readonly string[]).includes(kind);
}
