/**
 * Who may end a safety stop, per organisation. `coach_confirms` (the default): the participant's
 * "a professional has cleared me" is recorded and a coach confirms it before anything restarts.
 * `participant_attests`: the participant's word restarts the programme, and a coach is told.
 */
export type ClearancePolicy = 'coach_confirms' | 'participant_attests';

export const CLEARANCE_POLICIES: readonly ClearancePolicy[] = Object.freeze([
  'coach_confirms',
  'participant_attests',
]);

export const DEFAULT_CLEARANCE_POLICY: ClearancePolicy = 'coach_confirms';

/** What the participant's own statement does: restart now, or wait for a coach to confirm it. */
export function participantStatementOutcome(policy: ClearancePolicy): 'resume' | 'await_coach' {
  switch (policy) {
    case 'coach_confirms':
      return 'await_coach';
    case 'participant_attests':
      return 'resume';
  }
}

export function isClearancePolicy(value: unknown): value is ClearancePolicy {
  return typeof value === 'string' && (CLEARANCE_POLICIES as readonly string[]).includes(value);
}
