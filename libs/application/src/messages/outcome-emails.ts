import {
  describeLocalDate,
  localParts,
  OUTCOME_CHECK_OPEN_DAYS,
  parseOutcomeCheckDedupeKey,
  type OwnOutcomeWords,
} from '@retrowalk/domain';
import {
  type OutcomeChangeWords,
  renderOutcomeCheckEmail,
  renderOutcomeResultsEmail,
  type RenderedEmail,
} from '@retrowalk/mail';
import { type EnrollmentEntity } from '@retrowalk/persistence';
import { type LinkPurpose, type LinkService } from '../links/link.service';
import { type OutcomeForEmail } from '../outcomes/outcome-summary.service';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

interface Common {
  firstName: string;
  organizationName: string;
  unsubscribeUrl: string;
  dataUrl: string;
}

export const OUTCOME_LINK_PURPOSE = {
  baseline: 'outcome-baseline',
  dose_end: 'outcome-dose-end',
  follow_up: 'outcome-follow-up',
} as const satisfies Record<string, LinkPurpose>;

function changeWords(words: OwnOutcomeWords): OutcomeChangeWords {
  return {
    pain: words.pain,
    activitiesIntro: words.activitiesIntro,
    activities: words.activities,
    activitiesSummary: words.activitiesSummary,
    closing: words.closing,
    seeProfessional: words.seeProfessional,
  };
}

/**
 * An outcome check's email (or its reminder). Which check it is comes from the row's dedupe key;
 * its week from how long after confirming it falls due (quiet hours and the reminder's three days
 * move it by less than a week), so sending needs nothing more than the row and the enrolment.
 */
export function outcomeCheckEmail(
  common: Common,
  enrollment: EnrollmentEntity,
  dedupeKey: string,
  dueAt: Date,
  links: LinkService,
): RenderedEmail {
  const parsed = parseOutcomeCheckDedupeKey(dedupeKey);
  if (!parsed) throw new Error(`Not an outcome check: ${dedupeKey}`);
  const start = (enrollment.confirmedAt ?? dueAt).getTime();
  const week = parsed.timepoint === 'baseline' ? 0 : Math.floor((dueAt.getTime() - start) / WEEK_MS);
  const closesAt = new Date(start + week * WEEK_MS + OUTCOME_CHECK_OPEN_DAYS * DAY_MS);
  // The last whole day it can be answered, in the person's own calendar.
  const lastDay = localParts(new Date(closesAt.getTime() - 60_000), enrollment.timezone).date;
  return renderOutcomeCheckEmail({
    ...common,
    timepoint: parsed.timepoint,
    week,
    isReminder: parsed.reminder,
    checkUrl: links.url(OUTCOME_LINK_PURPOSE[parsed.timepoint], enrollment.id),
    openUntil: describeLocalDate(lastDay),
  });
}

/** The week-12 email: the person's change since the start, from the check they just answered. */
export function outcomeResultsEmail(common: Common, outcome: OutcomeForEmail | null): RenderedEmail {
  const change = outcome?.change;
  if (!change) throw new Error('An outcome results email needs an answered check');
  return renderOutcomeResultsEmail({ ...common, week: change.week, change: changeWords(change.words) });
}

/** What the completion email says about the knee: the change so far, or the check to answer. */
export function outcomeCompletionParts(
  outcome: OutcomeForEmail | null,
  doseEndCheckUrl: string,
): { change: OutcomeChangeWords | null; outcomeCheckUrl: string | null; laterCheckWeek: number | null } {
  const laterCheckWeek = outcome?.followUpWeek ?? null;
  if (outcome?.change)
    return { change: changeWords(outcome.change.words), outcomeCheckUrl: null, laterCheckWeek };
  return {
    change: null,
    outcomeCheckUrl: outcome?.doseEndCheckOpen ? doseEndCheckUrl : null,
    laterCheckWeek,
  };
}
