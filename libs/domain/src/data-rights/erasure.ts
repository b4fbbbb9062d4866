import { type EnrollmentStatus } from '../enrollment/enrollment-status';

/**
 * `.invalid` is reserved (RFC 2606): no mail can ever be delivered there. The enrolment id keeps
 * the placeholder unique, so the unique index on (organisation, lower(email)) stays satisfied and
 * the person's real address is free to be enrolled again.
 */
export const ERASED_EMAIL_DOMAIN = 'erased.invalid';

export function erasedEmailFor(enrollmentId: string): string {
  return `erased-${enrollmentId}@${ERASED_EMAIL_DOMAIN}`;
}

export function isErased(status: EnrollmentStatus): boolean {
  return status === 'erased';
}

/** Why a message row was cancelled or its failure text dropped by an erasure. */
export const ERASED_REASON = 'erased';

/** The timezone an erased stub is left with: a zone name can narrow down where someone lives. */
export const ERASED_TIMEZONE = 'UTC';
