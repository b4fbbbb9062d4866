/**
 * pending_confirmation --confirm--> active | needs_clearance
 * active <--pause/resume--> paused
 * any but unsubscribed --unsubscribe--> unsubscribed (final)
 * any --erase--> erased (final: an anonymous stub that reports still count, nothing else)
 */
export type EnrollmentStatus =
  'pending_confirmation' | 'active' | 'paused' | 'needs_clearance' | 'unsubscribed' | 'completed' | 'erased';

export const ENROLLMENT_STATUSES: readonly EnrollmentStatus[] = [
  'pending_confirmation',
  'active',
  'paused',
  'needs_clearance',
  'unsubscribed',
  'completed',
  'erased',
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
  return status !== 'unsubscribed' && status !== 'erased';
}

/** Only an active participant gets session reminders; every other status holds them. */
export function receivesReminders(status: EnrollmentStatus): boolean {
  return status === 'active';
}
