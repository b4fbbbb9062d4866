import {
  type CohortMetric,
  type CohortReport,
  type OutcomeMetric,
  type OutcomeTimepoint,
  outcomeTimepointLabel,
  type ReportCell,
} from '@retrowalk/domain';

export const METRIC_LABELS: Readonly<Record<CohortMetric, string>> = {
  enrolled: 'Enrolled',
  confirmed: 'Confirmed',
  active: 'Walked at least once',
  sessionsDone: 'Walks logged',
  sessionsPlanned: 'Walks planned',
  adherencePercent: 'Adherence (%)',
  painSessionsPercent: 'Walks with pain 4+ (%)',
  safetyStops: 'Safety stops',
};

export const OUTCOME_METRIC_LABELS: Readonly<Record<OutcomeMetric, string>> = {
  asked: 'Asked',
  answered: 'Answered',
  responseRatePercent: 'Response rate (%)',
  painMean: 'Pain, mean (0-10)',
  painMedian: 'Pain, median (0-10)',
  painChange: 'Pain, mean change since the start',
  psfsMean: 'Activities (PSFS), mean (0-10)',
  psfsMedian: 'Activities (PSFS), median (0-10)',
  psfsChange: 'Activities (PSFS), mean change since the start',
  painRespondersPercent: 'Pain responders (%)',
  functionRespondersPercent: 'Function responders (%)',
};

/** "Start", "Week 6", "Week 12", with the organisation's weeks. */
export function timepointLabel(
  report: Pick<CohortReport, 'outcomeChecks'>,
  timepoint: OutcomeTimepoint,
): string {
  return outcomeTimepointLabel(timepoint, report.outcomeChecks.weeks[timepoint]);
}

const AUDIENCE_LABELS: Readonly<Record<string, string>> = {
  knee_pain: 'Knee pain',
  post_surgical: 'After surgery',
  athlete: 'Athletes',
  older_adult: 'Older adults',
  general: 'General',
};

/** A group's name as a person reads it. */
export function groupLabel(report: Pick<CohortReport, 'groupBy'>, key: string): string {
  if (key === 'all') return 'Everyone';
  switch (report.groupBy) {
    case 'week':
      return `Enrolled from week of ${key}`;
    case 'audience':
      return AUDIENCE_LABELS[key] ?? key;
    case 'level':
      return `Level ${key} now`;
  }
}

/**
 * A suppressed cell reads "hidden", not "fewer than 5": a cell hidden so that a smaller one cannot
 * be worked out by subtraction may well describe more people, and must not be mislabelled.
 */
export function cellText(cell: ReportCell, suffix = '', noData = 'no data'): string {
  if (cell.suppressed) return 'hidden';
  return cell.value === null ? noData : `${cell.value}${suffix}`;
}
