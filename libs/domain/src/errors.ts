/**
 * Errors the domain and the services raise on purpose. Each has a stable code; the API maps codes
 * to HTTP statuses in one place, so a service never thinks in status codes.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'email_already_enrolled'
  | 'external_id_taken'
  | 'member_exists'
  | 'invalid_state'
  | 'link_invalid'
  | 'link_expired'
  | 'link_gone'
  | 'clock_backwards'
  | 'test_clock_timeout'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'service_unavailable';

export interface FieldProblem {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: FieldProblem[] | Record<string, unknown> | null = null,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
