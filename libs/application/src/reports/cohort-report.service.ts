import { Injectable } from '@nestjs/common';
import {
  addDays,
  blocksInPeriod,
  buildCohortReport,
  type CohortGroupFacts,
  type CohortQuery,
  type CohortReport,
  DEFAULT_OUTCOME_SETTINGS,
  type EnrolmentBlock,
  OUTCOME_TIMEPOINTS,
  outcomeObservationWeeks,
  type OutcomeTimepoint,
  poolEnrolmentWeeks,
  RETENTION_WEEKS,
  weekOfTimepoint,
  weekStartOf,
} from '@retrowalk/domain';
import { type EnrolmentWeekRow, OrganizationRepository, ReportRepository } from '@retrowalk/persistence';
import { Clock } from '../clock/clock';
import { outcomeSettingsOf } from '../outcomes/outcome-settings';
import { withObservedPeople } from './report-outcomes';

/**
 * Cohort reports for managers and coaches. Runs inside the organisation's transaction (the caller's
 * API key, or the organisation named by a signed report link), so row-level security applies.
 *
 * Only complete ISO weeks are reported (the current week appears once it is over), and people are
 * taken in whole enrolment blocks of at least five (see poolEnrolmentWeeks), so no two reports can
 * be subtracted to reveal fewer than five people.
 */
@Injectable()
export class CohortReportService {
  constructor(
    private readonly reports: ReportRepository,
    private readonly organizations: OrganizationRepository,
    private readonly clock: Clock,
  ) {}

  async cohort(organizationId: string, query: CohortQuery): Promise<CohortReport> {
    const thisWeek = weekStartOf(this.clock.now().toISOString().slice(0, 10));
    const weekRows = await this.reports.enrolmentWeeks(organizationId, thisWeek);
    const { blocks, filling } = poolEnrolmentWeeks(sumWeeks(weekRows));
    const included = blocksInPeriod(blocks, query.from, query.to);
    const lastBlockEnd = included.length > 0 ? addDays(included.at(-1)!.lastWeek, 7) : query.from;
    const periodEnd = maxDate(addDays(query.to, 1), lastBlockEnd);
    const activityUntil = periodEnd < thisWeek ? periodEnd : thisWeek;

    const weeks: string[] = [];
    const blockOfWeek: string[] = [];
    for (const block of included) {
      for (let week = block.start; week <= block.lastWeek; week = addDays(week, 7)) {
        weeks.push(week);
        blockOfWeek.push(block.start);
      }
    }
    const facts = await this.reports.cohort(organizationId, {
      groupBy: query.groupBy,
      weeks,
      blockOfWeek,
      from: query.from,
      until: maxDate(activityUntil, query.from),
      retentionWeeks: RETENTION_WEEKS,
    });
    // Outcome checks are reported block by block once final, up to the start of this week, for
    // the period's people (a block's figures never change afterwards, so nothing else limits them).
    const organization = await this.organizations.findById(organizationId);
    const settings = organization ? outcomeSettingsOf(organization) : DEFAULT_OUTCOME_SETTINGS;
    const perTimepoint = <T>(f: (t: OutcomeTimepoint) => T) =>
      Object.fromEntries(OUTCOME_TIMEPOINTS.map((t) => [t, f(t)])) as Record<OutcomeTimepoint, T>;
    const observationWeeks = perTimepoint((t) => outcomeObservationWeeks(t, settings));
    const groupOf = (row: EnrolmentWeekRow): string =>
      query.groupBy === 'audience' ? row.audience : query.groupBy === 'level' ? String(row.level) : '';
    // By level only the total has outcomes: everything is counted under "all".
    const outcomeKeyOf = (row: EnrolmentWeekRow) => (query.groupBy === 'level' ? 'all' : groupOf(row));
    const outcomes = withObservedPeople({
      counts: await this.reports.outcomes(organizationId, {
        groupBy: query.groupBy,
        weeks,
        blockOfWeek,
        observationWeeks,
        until: thisWeek,
      }),
      keys: query.groupBy === 'level' ? ['all'] : facts.groups.map((g) => g.key),
      blocks: included,
      observationWeeks,
      until: thisWeek,
      peopleIn: (key, block) =>
        query.groupBy === 'week'
          ? key === block.start
            ? block.people
            : 0
          : weekRows
              .filter(
                (row) => outcomeKeyOf(row) === key && row.week >= block.start && row.week <= block.lastWeek,
              )
              .reduce((sum, row) => sum + row.people, 0),
    });
    const groups = facts.groups.map((group): CohortGroupFacts => ({
      ...group,
      plans: facts.plans.filter((p) => p.key === group.key),
      retained: facts.retained.filter((r) => r.key === group.key),
      observed: facts.observed
        .filter((o) => o.key === group.key)
        .map((o) => ({ weeks: o.week, people: o.people })),
      blockPeople:
        query.groupBy === 'week'
          ? [group.enrolled]
          : peoplePerBlock(
              included,
              weekRows.filter((row) => groupOf(row) === group.key),
            ),
      outcomes: query.groupBy === 'level' ? [] : (outcomes.get(group.key) ?? []),
    }));
    return buildCohortReport({
      from: query.from,
      to: query.to,
      activityUntil: maxDate(activityUntil, query.from),
      groupBy: query.groupBy,
      groups,
      recentEnrolmentsHeldBack: filling > 0 && query.to >= (blocks.at(-1)?.lastWeek ?? query.from),
      currentWeekLeftOut: query.to >= thisWeek,
      outcomeWeeks: perTimepoint((t) => weekOfTimepoint(t, settings)),
      outcomesTotal: query.groupBy === 'level' ? (outcomes.get('all') ?? []) : undefined,
      outcomesUntil: thisWeek,
    });
  }
}

function sumWeeks(rows: readonly EnrolmentWeekRow[]): { week: string; people: number }[] {
  const weeks = new Map<string, number>();
  for (const row of rows) weeks.set(row.week, (weeks.get(row.week) ?? 0) + row.people);
  return [...weeks].map(([week, people]) => ({ week, people }));
}

function peoplePerBlock(blocks: readonly EnrolmentBlock[], rows: readonly EnrolmentWeekRow[]): number[] {
  return blocks.map((block) =>
    rows
      .filter((row) => row.week >= block.start && row.week <= block.lastWeek)
      .reduce((sum, row) => sum + row.people, 0),
  );
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}
