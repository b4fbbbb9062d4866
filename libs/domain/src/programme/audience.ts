// Who a programme is pitched at. The audience only changes the pace of progression and how long support
// stays on; the safety rules are the same for everyone.
export type Audience = 'knee_pain' | 'post_surgical' | 'athlete' | 'older_adult' | 'general';

export const AUDIENCES: readonly Audience[] = Object.freeze([
  'knee_pain',
  'post_surgical',
  'athlete',
  'older_adult',
  'general',
]);

export function isAudience(value: string): value is Audience {
  return (AUDIENCES as readonly string[]).includes(value);
}
