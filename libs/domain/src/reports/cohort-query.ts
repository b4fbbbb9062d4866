import { DomainError, type FieldProblem } from '../errors';
import { addDays, isLocalDate, type LocalDate } from '../schedule/local-time';
import { daysBetween } from './adherence';
import { weekStartOf } from './enrolment-blocks';

export const COHORT_GROUPINGS = ['week', 'audience', 'level'] as const;
export type CohortGrouping = (typeof COHORT_GROUPINGS)[number];

/** Longest period one report may cover, in days (a year, leap day included). */
export const MAX_REPORT_DAYS = 366;

/** A validated report query, widened to whole ISO weeks (Monday to Sunday, UTC calendar). */
export interface CohortQuery {
  /** Monday of the first week. */
  from: LocalDate;
  /** Sunday of the last week. */
  to: LocalDate;
  groupBy: CohortGrouping;
}

export interface RawCohortQuery {
  from?: unknown;
  to?: unknown;
  groupBy?: unknown;
}

/**
 * Checks the query parameters and widens the period to whole weeks: fixed, coarse boundaries mean
 * two reports can never be made to differ by a single day's enrolments or walks.
 */
export function parseCohortQuery(raw: RawCohortQuery): CohortQuery {
  const problems: FieldProblem[] = [];
  const from = dateParam(raw.from, 'from', problems);
  const to = dateParam(raw.to, 'to', problems);
  const groupBy = raw.groupBy === undefined || raw.groupBy === '' ? 'week' : raw.groupBy;
  if (typeof groupBy !== 'string' || !(COHORT_GROUPINGS as readonly string[]).includes(groupBy)) {
    problems.push({ field: 'groupBy', message: `must be one of ${COHORT_GROUPINGS.join(', ')}` });
  }
  if (from !== null && to !== null) {
    const span = daysBetween(from, to);
    if (span < 0) problems.push({ field: 'to', message: 'must not be before from' });
    else if (span + 1 > MAX_REPORT_DAYS) {
      problems.push({
        field: 'to',
        message: `must be at most ${MAX_REPORT_DAYS} days after from, counting both`,
      });
    }
  }
  if (problems.length > 0 || from === null || to === null) {
    throw new DomainError('validation_failed', 'The report query is not valid.', problems);
  }
  return { from: weekStartOf(from), to: addDays(weekStartOf(to), 6), groupBy: groupBy as CohortGrouping };
}

function dateParam(value: unknown, field: string, problems: FieldProblem[]): LocalDate | null {
  if (value === undefined || value === '') {
    problems.push({ field, message: 'is required, as a date like 2027-03-01' });
    return null;
  }
  if (typeof value !== 'string' || !isLocalDate(value)) {
    problems.push({ field, message: 'must be a date like 2027-03-01 (YYYY-MM-DD)' });
    return null;
  }
  return value;
}
