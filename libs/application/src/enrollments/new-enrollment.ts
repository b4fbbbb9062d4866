import {
  type Audience,
  canonicalTimeZone,
  FIRST_LEVEL,
  type Screening,
  type Weekday,
} from '@retrowalk/domain';
import { type NewEnrollment, type OrganizationEntity } from '@retrowalk/persistence';

/** A person to enrol, as the API or an import row gives them; blanks are filled from defaults. */
export interface PersonToEnrol {
  email: string;
  firstName: string;
  timezone?: string | null;
  reminderDays?: readonly Weekday[] | null;
  reminderTime?: string | null;
  audience: Audience;
  screening: Screening;
  externalId?: string | null;
}

/** Said when neither the person nor the organisation names a timezone. */
export const TIMEZONE_REQUIRED = 'is required (the organisation sets no default timezone)';

/**
 * The enrolment row for a new person: waiting for confirmation, at level 1, with the organisation's
 * default timezone and reminder for whatever the input leaves out. Null when there is no timezone
 * to use, which the caller reports against the `timezone` field.
 */
export function newPendingEnrollment(
  organization: OrganizationEntity,
  person: PersonToEnrol,
  now: Date,
): NewEnrollment | null {
  const given = person.timezone ?? organization.defaultTimezone;
  if (!given) return null;
  // Callers have validated the name; a default stored before names were checked is kept as it is.
  const timezone = canonicalTimeZone(given) ?? given;
  return {
    organizationId: organization.id,
    email: person.email,
    firstName: person.firstName,
    timezone,
    reminderDays: [...(person.reminderDays ?? organization.defaultReminderDays)],
    reminderTime: person.reminderTime ?? organization.defaultReminderTime,
    audience: person.audience,
    screening: person.screening,
    externalId: person.externalId ?? null,
    status: 'pending_confirmation',
    level: FIRST_LEVEL,
    levelBeforeStop: null,
    lastWalkAt: null,
    confirmedAt: null,
    addressUnconfirmedSince: null,
    pausedAt: null,
    unsubscribedAt: null,
    erasedAt: null,
    createdAt: now,
    updatedAt: now,
  };
}
