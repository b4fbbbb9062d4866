import { type FieldProblem } from '../errors';
import { type OutcomeTimepoint } from './outcome-schedule';

/** The 7-point global rating of change, asked from the end-of-dose check on. */
export const GLOBAL_CHANGE_ANSWERS = [
  'much_worse',
  'worse',
  'a_little_worse',
  'same',
  'a_little_better',
  'better',
  'much_better',
] as const;
export type GlobalChange = (typeof GLOBAL_CHANGE_ANSWERS)[number];

/** Plain words, as the person reads them on the page. */
export const GLOBAL_CHANGE_LABELS: Readonly<Record<GlobalChange, string>> = {
  much_worse: 'Much worse',
  worse: 'Worse',
  a_little_worse: 'A little worse',
  same: 'About the same',
  a_little_better: 'A little better',
  better: 'Better',
  much_better: 'Much better',
};

/** -3 (much worse) to +3 (much better). */
export function globalChangeScore(answer: GlobalChange): number {
  return GLOBAL_CHANGE_ANSWERS.indexOf(answer) - 3;
}

export function isGlobalChange(value: unknown): value is GlobalChange {
  return typeof value === 'string' && (GLOBAL_CHANGE_ANSWERS as readonly string[]).includes(value);
}

/** Patient-Specific Functional Scale: up to three activities, each 0 (cannot do) to 10 (as before). */
export const MAX_ACTIVITIES = 3;
export const MAX_ACTIVITY_LENGTH = 60;

export interface ActivityScore {
  name: string;
  /** Null when the person left this activity unrated (never at a check taken through the page). */
  score: number | null;
}

export interface OutcomeAnswer {
  /** Average knee pain over the last 7 days, 0-10 (numeric rating scale). */
  pain: number;
  activities: readonly ActivityScore[];
  /** Null at the baseline, where nothing has changed yet. */
  globalChange: GlobalChange | null;
}

export interface RawOutcomeAnswer {
  pain?: unknown;
  /** New activities (named at the baseline, or when no activity was named before). */
  activities?: readonly { name?: unknown; score?: unknown }[];
  /** Scores for the activities named earlier, in their order. */
  scores?: readonly unknown[];
  globalChange?: unknown;
}

// Characters that change how text around them is shown (bidirectional overrides and isolates), and
// control characters: never part of an activity anyone does.
const CONTROL = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;
// What is left when everything invisible (format characters, spaces, combining marks) is removed.
const INVISIBLE = /[\p{Cf}\p{Z}\p{M}\s]/gu;

/**
 * An activity as the person typed it, cleaned the way every participant text is: spaces and line
 * breaks collapsed, no control or direction-changing characters, something visible in it, and short.
 */
export function readActivityName(raw: unknown): { name: string } | { problem: string } {
  if (typeof raw !== 'string') return { problem: 'must be text' };
  const name = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (CONTROL.test(name)) return { problem: 'must not contain control characters' };
  if (name.replace(INVISIBLE, '') === '') return { problem: 'must name an activity' };
  if ([...name].length > MAX_ACTIVITY_LENGTH) {
    return { problem: `must be at most ${MAX_ACTIVITY_LENGTH} characters` };
  }
  return { name };
}

function readScore(raw: unknown): number | null {
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 10 ? value : null;
}

/**
 * Checks one check's answers. At the baseline, or when no activity was named before, the person may
 * name up to three activities and must score each; later, the activities named before are scored
 * again by name (`scores`, in their order), and the global rating of change is required.
 */
export function readOutcomeAnswer(
  raw: RawOutcomeAnswer,
  context: { timepoint: OutcomeTimepoint; knownActivities: readonly string[] },
): { answer: OutcomeAnswer } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const pain = readScore(raw.pain);
  if (pain === null) problems.push({ field: 'pain', message: 'must be a whole number from 0 to 10' });

  const activities: ActivityScore[] = [];
  if (context.knownActivities.length > 0) {
    context.knownActivities.forEach((name, index) => {
      const score = readScore(raw.scores?.[index]);
      if (score === null) {
        problems.push({ field: `scores[${index}]`, message: 'must be a whole number from 0 to 10' });
      }
      activities.push({ name, score });
    });
  } else {
    const named = (raw.activities ?? []).filter(
      (a) => !(isBlank(a.name) && (a.score === undefined || isBlank(a.score))),
    );
    if (named.length > MAX_ACTIVITIES) {
      problems.push({ field: 'activities', message: `must list at most ${MAX_ACTIVITIES} activities` });
    }
    const seen = new Set<string>();
    named.slice(0, MAX_ACTIVITIES).forEach((activity, index) => {
      const read = readActivityName(activity.name);
      const score = readScore(activity.score);
      if ('problem' in read) {
        problems.push({ field: `activities[${index}].name`, message: read.problem });
      } else if (seen.has(read.name.toLocaleLowerCase('en'))) {
        problems.push({ field: `activities[${index}].name`, message: 'is already in the list' });
      } else {
        seen.add(read.name.toLocaleLowerCase('en'));
        activities.push({ name: read.name, score });
      }
      if (score === null) {
        problems.push({
          field: `activities[${index}].score`,
          message: 'must be a whole number from 0 to 10',
        });
      }
    });
  }

  let globalChange: GlobalChange | null = null;
  if (context.timepoint !== 'baseline') {
    if (isGlobalChange(raw.globalChange)) globalChange = raw.globalChange;
    else {
      problems.push({ field: 'globalChange', message: `must be one of ${GLOBAL_CHANGE_ANSWERS.join(', ')}` });
    }
  }
  if (problems.length > 0 || pain === null) return { problems };
  return { answer: { pain, activities, globalChange } };
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}
