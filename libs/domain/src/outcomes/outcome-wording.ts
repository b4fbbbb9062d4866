import { type GlobalChange } from './outcome-answer';
import { OUTCOME_ATTENTION_PAIN } from './outcome-attention';
import { compareWithBaseline, type ScoredCheck, sixthsToPoints } from './outcome-scoring';

/** How a person's own change reads in their emails and on the page after a check. */
export interface OwnOutcomeWords {
  /** better: a responder on pain or function and nothing worse; same; worse; unknown: no baseline. */
  overall: 'better' | 'same' | 'worse' | 'unknown';
  /** The pain sentence: before, now, and the difference when it is a real one. */
  pain: string;
  /** Introduces the list of activities; null when no activity was rated at both checks. */
  activitiesIntro: string | null;
  /** One line per activity rated at both checks ("Climbing stairs: 3 when you started, 7 now."). */
  activities: string[];
  /** The mean change of the activities, when it is a real one (2 points or more). */
  activitiesSummary: string | null;
  closing: string | null;
  /** Suggest seeing a GP or physiotherapist (worse than at the start, or pain still 7 or more). */
  seeProfessional: boolean;
}

const WORSE_ANSWERS: readonly GlobalChange[] = ['much_worse', 'worse', 'a_little_worse'];
const SEE_SOMEONE = 'Please have your knee checked by a GP or physiotherapist.';

const points = (n: number) => `${n} ${Math.abs(n) === 1 ? 'point' : 'points'}`;

/**
 * Plain words about how someone's knee changed since they started. States the numbers; praises
 * only a real change (a responder by the same rules the reports use); when things stayed the same
 * says just that, and when they got worse says so and suggests seeing a professional.
 */
export function describeOwnOutcome(input: {
  /** Their baseline, or null when none counts (not answered in the first week). */
  baseline: ScoredCheck | null;
  latest: ScoredCheck & { globalChange: GlobalChange | null };
}): OwnOutcomeWords {
  const { baseline, latest } = input;
  const saidWorse = latest.globalChange !== null && WORSE_ANSWERS.includes(latest.globalChange);
  const highPain = latest.pain !== null && latest.pain >= OUTCOME_ATTENTION_PAIN;
  if (baseline === null || baseline.pain === null) {
    const seeProfessional = saidWorse || highPain;
    return {
      overall: 'unknown',
      pain:
        'We cannot compare with when you started, because we did not get your answers in your first week. ' +
        (latest.pain === null ? '' : `Your average knee pain now is ${latest.pain} out of 10.`),
      activitiesIntro: null,
      activities: [],
      activitiesSummary: null,
      closing: seeProfessional ? SEE_SOMEONE : null,
      seeProfessional,
    };
  }
  const change = compareWithBaseline(baseline, latest);
  const painChange = change.painChange ?? 0;
  const psfsChange = change.psfsChangeSixths ?? 0;
  const worse = painChange >= 2 || psfsChange <= -12 || saidWorse;
  const better = !worse && (change.painResponder === true || change.functionResponder === true);

  let pain = `Your average knee pain: ${change.painBefore} out of 10 when you started, ${change.painAfter} now.`;
  if (change.painResponder === true) pain += ` That is ${points(-painChange)} lower.`;
  else if (painChange >= 2) pain += ` That is ${points(painChange)} higher.`;

  const activities = change.activities.map((a) => `${a.name}: ${a.before} when you started, ${a.after} now.`);
  const activitiesIntro =
    activities.length === 0
      ? null
      : 'How well you can do the activities you named, from 0 (not at all) to 10 (as well as before your knee trouble):';
  const mean = sixthsToPoints(Math.abs(psfsChange));
  const activitiesSummary =
    change.functionResponder === true
      ? `On average that is ${mean} points better.`
      : psfsChange <= -12
        ? `On average that is ${mean} points lower.`
        : null;

  const seeProfessional = worse || highPain;
  let closing: string | null = null;
  if (worse) closing = `Your knee is worse than when you started. ${SEE_SOMEONE}`;
  else if (highPain) closing = `Your knee pain is still high. ${SEE_SOMEONE}`;
  else if (better) closing = 'Well done: that is a real change.';
  return {
    overall: worse ? 'worse' : better ? 'better' : 'same',
    pain,
    activitiesIntro,
    activities,
    activitiesSummary,
    closing,
    seeProfessional,
  };
}
