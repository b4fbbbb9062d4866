import { type AttentionKind, type EnrollmentStatus } from '@retrowalk/domain';

export type Tone = 'danger' | 'warning' | 'info' | 'good' | 'neutral';

interface KindWords {
  label: string;
  tone: Tone;
  /** What happened, about the participant. */
  sentence: (name: string) => string;
}

/** Each kind of attention in a coach's words: a short label and what it means. */
export const ATTENTION_WORDS: { readonly [K in AttentionKind]: KindWords } = {
  safety_stop: {
    label: 'Safety stop',
    tone: 'danger',
    sentence: (name) => `${name} reported a red flag. The programme is stopped until someone clears them.`,
  },
  clearance_requested: {
    label: 'Says they are cleared',
    tone: 'warning',
    sentence: (name) => `${name} says a doctor or physiotherapist has cleared them to walk again.`,
  },
  pain_worse: {
    label: 'Knee worse next morning',
    tone: 'warning',
    sentence: (name) =>
      `The morning after a painful walk, ${name}'s knee felt worse. The programme stepped back.`,
  },
  follow_up_unanswered: {
    label: 'No answer about the knee',
    tone: 'info',
    sentence: (name) => `${name} has not said how the knee felt the morning after a painful walk.`,
  },
  inactive: {
    label: 'No walk for a week',
    tone: 'neutral',
    sentence: (name) => `${name} has not logged a walk for a week.`,
  },
  undeliverable: {
    label: 'Emails not arriving',
    tone: 'warning',
    sentence: (name) => `Emails to ${name} cannot be delivered.`,
  },
  outcome_worse: {
    label: 'Outcome worse',
    tone: 'warning',
    sentence: (name) => `${name}'s latest outcome check is worse than at the start.`,
  },
};

export const STATUS_WORDS: { readonly [S in EnrollmentStatus]: { label: string; tone: Tone } } = {
  pending_confirmation: { label: 'Not confirmed yet', tone: 'neutral' },
  active: { label: 'Active', tone: 'good' },
  paused: { label: 'Paused', tone: 'neutral' },
  needs_clearance: { label: 'Waiting for clearance', tone: 'danger' },
  unsubscribed: { label: 'Unsubscribed', tone: 'neutral' },
  completed: { label: 'Completed', tone: 'info' },
  erased: { label: 'Erased', tone: 'neutral' },
};

export const AUDIENCE_WORDS: Record<string, string> = {
  knee_pain: 'Knee pain',
  post_surgical: 'After surgery',
  athlete: 'Athlete',
  older_adult: 'Older adult',
  general: 'General',
};

/** A name to show: erased people have none left. */
export function nameOf(firstName: string): string {
  return firstName.trim() === '' ? 'Someone' : firstName;
}
