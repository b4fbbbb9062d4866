import { type LinkPurpose } from '@retrowalk/application';
import { NOTHING_TO_REPORT } from '@retrowalk/domain';

/** A valid enrolment body; override what a test is about. */
export function enrollmentBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    email: `walker-${Math.random().toString(36).slice(2, 10)}@example.com`,
    firstName: 'Sam',
    timezone: 'America/New_York',
    reminder: { days: ['mon', 'wed', 'fri'], time: '07:30' },
    audience: 'knee_pain',
    screening: { ...NOTHING_TO_REPORT },
    ...overrides,
  };
}

/** A check-in body with nothing to report (the expected thigh effort, no red flag); spread and override. */
export const CLEAN_WALK = Object.freeze({
  durationMinutes: 10,
  painDuring: 1,
  painType: 'muscle_effort',
  swelling: false,
  dizziness: false,
  fall: false,
  nearFall: false,
  kneeGaveWay: false,
});

/** The first participant link of a purpose in an email's text part. */
export function linkIn(text: string, purpose: LinkPurpose): string {
  const match = new RegExp(`https?://[^\\s>)"]+/p/${purpose}/[\\w.-]+`).exec(text);
  if (!match) throw new Error(`No ${purpose} link in:\n${text}`);
  return match[0];
}
