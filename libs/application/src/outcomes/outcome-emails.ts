import { describeLocalDate, localParts, type OwnOutcomeWords } from '@retrowalk/domain';
import {
  type OutcomeChangeWords,
  renderOutcomeCheckEmail,
  renderOutcomeResultsEmail,
  type RenderedEmail,
} from '@retrowalk/mail';
import { type EnrollmentEntity } from '@retrowalk/persistence';
import { type LinkPurpose, type LinkService } from '../links/link.service';
import { type OutcomeForEmail } from './outcome-summary.service';

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

/** An outcome check's email (or its reminder): which check, its week and its last day come loaded. */
export function outcomeCheckEmail(
  common: Common,
  enrollment: EnrollmentEntity,
  outcome: OutcomeForEmail | null,
  links: LinkService,
): RenderedEmail {
  const check = outcome?.check;
  if (!check) throw new Error('An outcome check email needs its check');
  // The last whole day it can be answered, in the person's own calendar.
  const lastDay = localParts(new Date(check.closesAt.getTime() - 60_000), enrollment.timezone).date;
  return renderOutcomeCheckEmail({
    ...common,
    timepoint: check.timepoint,
    week: check.week,
    isReminder: check.reminder,
    checkUrl: links.url(OUTCOME_LINK_PURPOSE[check.timepoint], enrollment.id),
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
