import {
  compareWithBaseline,
  describeOwnOutcome,
  GLOBAL_CHANGE_LABELS,
  type GlobalChange,
  OUTCOME_TIMEPOINTS,
  outcomeAttentionRules,
  type OutcomeCheckState,
  outcomeCheckState,
  type OutcomeTimepoint,
  outcomeTimepointLabel,
  type OwnOutcomeWords,
  psfsSixths,
  type RuleHit,
  type ScoredCheck,
  sixthsToPoints,
} from '@retrowalk/domain';
import { type OutcomeCheckEntity } from '@retrowalk/persistence';

/** One check as a coach reads it beside the others. */
export interface OutcomeCheckColumn {
  timepoint: OutcomeTimepoint;
  /** "Start", "Week 6", "Week 12". */
  label: string;
  week: number;
  /** `not_planned`: outcome checks were off when the person confirmed. */
  state: OutcomeCheckState | 'not_planned';
  opensAt: string | null;
  closesAt: string | null;
  askedAt: string | null;
  answeredAt: string | null;
  /** Baseline only: answered within the first week, so later checks compare with it. */
  countsAsBaseline: boolean | null;
  pain: number | null;
  /** Scores by activity name, in the order of `OutcomeChecksView.activities`; null if not rated. */
  activityScores: (number | null)[];
  /** Mean PSFS score, one decimal. */
  psfsMean: number | null;
  globalChange: GlobalChange | null;
  globalChangeLabel: string | null;
  /** Later checks, against a baseline that counts: after minus before (negative pain is better). */
  painChange: number | null;
  psfsChange: number | null;
  painResponder: boolean | null;
  functionResponder: boolean | null;
  /** The answers that need a coach (pain 7+, "much worse"). */
  attention: RuleHit[];
}

/** The three checks of one enrolment side by side: the coach's participant page. */
export interface OutcomeChecksView {
  enrollmentId: string;
  /** Every activity the person named, in the order first named. */
  activities: string[];
  checks: OutcomeCheckColumn[];
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function scoredOf(check: OutcomeCheckEntity): ScoredCheck {
  return { pain: check.pain, activities: check.activities };
}

/** The baseline later checks compare with: answered in the first week, and not erased. */
export function countingBaseline(checks: readonly OutcomeCheckEntity[]): OutcomeCheckEntity | null {
  return (
    checks.find((c) => c.timepoint === 'baseline' && c.countsAsBaseline === true && c.pain !== null) ?? null
  );
}

/**
 * The activities a check asks about by name: those of the earliest earlier check that named any
 * (the baseline, whether or not it counts; or the first later check when the baseline named none).
 */
export function knownActivitiesFor(
  checks: readonly OutcomeCheckEntity[],
  timepoint: OutcomeTimepoint,
): string[] {
  const before = OUTCOME_TIMEPOINTS.slice(0, OUTCOME_TIMEPOINTS.indexOf(timepoint));
  const named = checks
    .filter((c) => before.includes(c.timepoint) && c.answeredAt !== null && c.activities.length > 0)
    .sort((a, b) => a.week - b.week)[0];
  return named ? named.activities.map((a) => a.name) : [];
}

/** The person's own change since the start, from the latest later check answered (up to `upTo`). */
export function ownOutcomeWords(
  checks: readonly OutcomeCheckEntity[],
  upTo: OutcomeTimepoint = 'follow_up',
): { words: OwnOutcomeWords; week: number } | null {
  const allowed = OUTCOME_TIMEPOINTS.slice(1, OUTCOME_TIMEPOINTS.indexOf(upTo) + 1);
  const latest = checks
    .filter((c) => allowed.includes(c.timepoint) && c.answeredAt !== null && c.pain !== null)
    .sort((a, b) => b.week - a.week)[0];
  if (!latest) return null;
  const baseline = countingBaseline(checks);
  return {
    week: latest.week,
    words: describeOwnOutcome({
      baseline: baseline ? scoredOf(baseline) : null,
      latest: { ...scoredOf(latest), globalChange: latest.globalChange },
    }),
  };
}

export function outcomeChecksView(
  enrollmentId: string,
  checks: readonly OutcomeCheckEntity[],
  settingsWeeks: Readonly<Record<OutcomeTimepoint, number>>,
  now: Date,
): OutcomeChecksView {
  const activities: string[] = [];
  for (const check of [...checks].sort((a, b) => a.week - b.week)) {
    for (const a of check.activities) {
      if (!activities.some((n) => n.toLocaleLowerCase('en') === a.name.toLocaleLowerCase('en')))
        activities.push(a.name);
    }
  }
  const baseline = countingBaseline(checks);
  const columns = OUTCOME_TIMEPOINTS.map((timepoint): OutcomeCheckColumn => {
    const check = checks.find((c) => c.timepoint === timepoint);
    const week = check?.week ?? settingsWeeks[timepoint];
    const label = outcomeTimepointLabel(timepoint, week);
    if (!check) {
      return {
        ...EMPTY_COLUMN,
        timepoint,
        label,
        week,
        state: 'not_planned',
        activityScores: activities.map(() => null),
      };
    }
    const answered = check.answeredAt !== null && check.pain !== null;
    const change =
      answered && timepoint !== 'baseline' && baseline
        ? compareWithBaseline(scoredOf(baseline), scoredOf(check))
        : null;
    const sixths = psfsSixths(check.activities);
    return {
      timepoint,
      label,
      week,
      state: outcomeCheckState({ ...check, now }),
      opensAt: iso(check.opensAt),
      closesAt: iso(check.closesAt),
      askedAt: iso(check.askedAt),
      answeredAt: iso(check.answeredAt),
      countsAsBaseline: timepoint === 'baseline' ? check.countsAsBaseline : null,
      pain: check.pain,
      activityScores: activities.map(
        (name) =>
          check.activities.find((a) => a.name.toLocaleLowerCase('en') === name.toLocaleLowerCase('en'))
            ?.score ?? null,
      ),
      psfsMean: sixthsOrNull(sixths),
      globalChange: check.globalChange,
      globalChangeLabel: check.globalChange ? GLOBAL_CHANGE_LABELS[check.globalChange] : null,
      painChange: change?.painChange ?? null,
      psfsChange: sixthsOrNull(change?.psfsChangeSixths ?? null),
      painResponder: change?.painResponder ?? null,
      functionResponder: change?.functionResponder ?? null,
      attention:
        answered && check.pain !== null
          ? outcomeAttentionRules(
              { pain: check.pain, activities: check.activities, globalChange: check.globalChange },
              timepoint,
            )
          : [],
    };
  });
  return { enrollmentId, activities, checks: columns };
}

const EMPTY_COLUMN: Omit<OutcomeCheckColumn, 'timepoint' | 'label' | 'week' | 'state' | 'activityScores'> = {
  opensAt: null,
  closesAt: null,
  askedAt: null,
  answeredAt: null,
  countsAsBaseline: null,
  pain: null,
  psfsMean: null,
  globalChange: null,
  globalChangeLabel: null,
  painChange: null,
  psfsChange: null,
  painResponder: null,
  functionResponder: null,
  attention: [],
};

function sixthsOrNull(sixths: number | null): number | null {
  return sixths === null ? null : sixthsToPoints(sixths);
}
