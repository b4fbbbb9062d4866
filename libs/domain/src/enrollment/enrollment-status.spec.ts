import {
  isStillWanted,
  kindsStoppedByPause,
  kindsStoppedBySafetyStop,
  kindsStoppedByUnsubscribe,
  MESSAGE_POLICIES,
} from '../messages/message-kind';
import {
  canPause,
  canResume,
  canUnsubscribe,
  ENROLLMENT_STATUSES,
  receivesReminders,
  statusAfterConfirmation,
} from './enrollment-status';

describe('enrollment status', () => {
  it('confirms into active, or needs_clearance when screening says so', () => {
    expect(statusAfterConfirmation(false)).toBe('active');
    expect(statusAfterConfirmation(true)).toBe('needs_clearance');
  });

  it('only pauses an active programme and only resumes a paused one', () => {
    expect(ENROLLMENT_STATUSES.filter(canPause)).toEqual(['active']);
    expect(ENROLLMENT_STATUSES.filter(canResume)).toEqual(['paused']);
  });

  it('lets anyone unsubscribe once (an erased person has nothing left to unsubscribe from)', () => {
    expect(ENROLLMENT_STATUSES.filter((s) => !canUnsubscribe(s))).toEqual(['unsubscribed', 'erased']);
  });

  it('sends reminders to active participants only', () => {
    expect(ENROLLMENT_STATUSES.filter(receivesReminders)).toEqual(['active']);
  });

  it('never sends a reminder to someone who has not confirmed, paused, or needs clearance', () => {
    for (const status of ['pending_confirmation', 'paused', 'needs_clearance', 'unsubscribed'] as const) {
      expect(isStillWanted('reminder', status)).toBe(false);
    }
  });

  it('sends the welcome that explains a clearance wait', () => {
    expect(isStillWanted('welcome', 'needs_clearance')).toBe(true);
    expect(isStillWanted('welcome', 'unsubscribed')).toBe(false);
  });

  it('stops reminders on pause and everything non-safety on unsubscribe', () => {
    expect(kindsStoppedByPause()).toEqual(['reminder', 'pain_follow_up', 're_engagement', 'weekly_summary']);
    expect(kindsStoppedByUnsubscribe()).not.toContain('safety_stop');
    expect(kindsStoppedByUnsubscribe()).not.toContain('coach_alert');
    expect(kindsStoppedByUnsubscribe()).toEqual(
      expect.arrayContaining(['confirm', 'welcome', 'reminder', 'pain_follow_up']),
    );
  });

  it('tells a stop at once and alerts the coach whatever the status, unless the person was erased', () => {
    expect(isStillWanted('safety_stop', 'needs_clearance')).toBe(true);
    expect(isStillWanted('safety_stop', 'active')).toBe(false);
    expect(MESSAGE_POLICIES.safety_stop.systemTimed).toBe(false);
    expect(ENROLLMENT_STATUSES.filter((s) => !isStillWanted('coach_alert', s))).toEqual(['erased']);
    expect(kindsStoppedBySafetyStop()).toEqual([
      'confirm',
      'reminder',
      'progression',
      'pain_follow_up',
      'resumed',
      're_engagement',
      'completion',
      'weekly_summary',
    ]);
  });

  it('asks outcome checks while active, paused or completed, never while waiting for clearance', () => {
    for (const kind of ['outcome_check', 'outcome_results'] as const) {
      expect(ENROLLMENT_STATUSES.filter((s) => isStillWanted(kind, s))).toEqual([
        'active',
        'paused',
        'completed',
      ]);
      expect(MESSAGE_POLICIES[kind].safety).toBe(false);
      // A stop or a pause leaves the checks still to come in the schedule; an unsubscribe cancels them.
      expect(kindsStoppedBySafetyStop()).not.toContain(kind);
      expect(kindsStoppedByPause()).not.toContain(kind);
      expect(kindsStoppedByUnsubscribe()).toContain(kind);
    }
    expect(MESSAGE_POLICIES.outcome_check.systemTimed).toBe(true);
  });
});
