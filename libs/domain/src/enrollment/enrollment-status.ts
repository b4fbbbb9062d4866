/**
 * pending_confirmation --confirm--> active | needs_clearance
 * active <--pause/resume--> paused
 * any but unsubscribed --unsubscribe--> unsubscribed (final)
 */
export type EnrollmentStatus =
  'pending_confirmation' | 'active' | 'paused' | 'needs_clearance' | 'unsubscribed' | 'completed';

export const ENROLLMENT_STATUSES: readonly EnrollmentStatus[] = [
  'pending_confirmation',
  'active',
  'paused',
  'needs_clearance',
  'unsubscribed',
  'completed',
];

export function statusAfterConfirmation(needsClearance: boolean): 'active' | 'needs_clearance' {
  return needsClearance ? 'needs_clearance' : 'active';
}

export function canPause(status: EnrollmentStatus): boolean {
  return status === 'active';
}

export function canResume(status: EnrollmentStatus): boolean {
  return status === 'paused';
}

export function canUnsubscribe(status: EnrollmentStatus): boolean {
  return status !== 'unsubscribed';
}

/** Only an active participant gets session reminders; every other status holds them. */
export function receivesReminders(status: EnrollmentStatus): boolean {
  return status === 'active';
}
