import {
  CLEARANCE_POLICIES,
  DEFAULT_CLEARANCE_POLICY,
  isClearancePolicy,
  participantStatementOutcome,
} from './clearance-policy';

describe('clearance policy', () => {
  it('makes a coach confirm by default', () => {
    expect(DEFAULT_CLEARANCE_POLICY).toBe('coach_confirms');
    expect(participantStatementOutcome(DEFAULT_CLEARANCE_POLICY)).toBe('await_coach');
  });

  it("lets the participant's word restart the programme only when the organisation chose so", () => {
    expect(participantStatementOutcome('participant_attests')).toBe('resume');
    expect(CLEARANCE_POLICIES.map(participantStatementOutcome)).toEqual(['await_coach', 'resume']);
  });

  it('knows its own values and nothing else', () => {
    expect(CLEARANCE_POLICIES.every(isClearancePolicy)).toBe(true);
    for (const other of ['', 'COACH_CONFIRMS', 'anyone', null, 1])
      expect(isClearancePolicy(other)).toBe(false);
  });
});
