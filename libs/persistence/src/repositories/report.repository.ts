import { Inject, Injectable } from '@nestjs/common';
import {
  type CohortGroupFacts,
  type CohortGrouping,
  emptyOutcomeFacts,
  type OutcomeTimepoint,
  type OutcomeTimepointFacts,
  type Weekday,
} from '@retrowalk/domain';
import { DataSource } from 'typeorm';
import { currentManager, DATA_SOURCE } from '../unit-of-work';

/** Enrolments of one ISO week (UTC), split by what a report may group by. */
export interface EnrolmentWeekRow {
  week: string;
  audience: string;
  level: number;
  people: number;
}

export interface CohortSelection {
  groupBy: CohortGrouping;
  /** Mondays of the enrolment weeks in the report, and the block each belongs to. */
  weeks: readonly string[];
  blockOfWeek: readonly string[];
  /** Walks and stops counted from `from` (inclusive) to `until` (exclusive), UTC dates. */
  from: string;
  until: string;
  retentionWeeks: number;
}

/** One group's counts as the database returns them; the service adds plans, retention and blocks. */
export type CohortGroupRow = Omit<
  CohortGroupFacts,
  'plans' | 'retained' | 'observed' | 'blockPeople' | 'outcomes'
>;

export interface OutcomeSelection {
  /** Weeks after a block's end when each check is reported for the whole block. */
  observationWeeks: Readonly<Record<OutcomeTimepoint, number>>;
  /** Only blocks observed before this day (a Monday, exclusive) count; and only what came before. */
  until: string;
}

interface OutcomeCountRow {
  key: string;
  timepoint: OutcomeTimepoint;
  kind: 'counts' | 'pain' | 'psfs' | 'pair' | 'psfs_change';
  a: number | null;
  b: number | null;
  people: number;
  asked: number;
  answered: number;
}

export interface PlanRow {
  key: string;
  reminderDays: Weekday[];
  confirmedOn: string | null;
  stoppedOn: string | null;
  people: number;
}

export interface WeekCountRow {
  key: string;
  week: number;
  people: number;
}

const GROUP_KEY: Record<CohortGrouping, string> = {
  week: 'inc.block',
  audience: 'e.audience',
  level: 'e.level::text',
};

// The report's people: enrolled in one of the chosen weeks. When they stopped expecting reminders
// (for planned sessions): the pause, the unsubscription, or the last status change for a safety
// stop, completion or erasure.
// `block_end`: the Monday after the block's last enrolment week.
const COHORT = (groupBy: CohortGrouping) => `
  inc AS (
    SELECT week, block, max(week) OVER (PARTITION BY block) + 7 AS block_end
    FROM unnest($2::date[], $3::text[]) AS u(week, block)
  ),
  cohort AS (
    SELECT e.id, e.created_at, e.level, e.confirmed_at, e.reminder_days, ${GROUP_KEY[groupBy]} AS key,
      inc.block_end,
      CASE e.status
        WHEN 'active' THEN NULL
        WHEN 'pending_confirmation' THEN NULL
        WHEN 'paused' THEN e.paused_at
        WHEN 'unsubscribed' THEN e.unsubscribed_at
        ELSE e.updated_at
      END AS stopped_at
    FROM enrollments e
    -- Every enrolment in the range below is in one of the chosen weeks (a week with nobody in it is
    -- in no block, and the range ends before the current week). LEFT lets Postgres count the
    -- cohort from the range (it misjudges this join by a factor of ten and then loops per person).
    LEFT JOIN inc ON date_trunc('week', e.created_at AT TIME ZONE 'UTC')::date = inc.week
    WHERE e.organization_id = $1
      -- Implied by the join (the weeks come in order); gives the planner the range to estimate.
      AND e.created_at >= (($2::date[])[1])::timestamp AT TIME ZONE 'UTC'
      AND e.created_at < (($2::date[])[cardinality($2::date[])] + 7)::timestamp AT TIME ZONE 'UTC'
  )`;

/**
 * Cohort aggregates for reports: a handful of grouped queries over the organisation's rows, never a
 * query per person. Every query filters by organisation and runs in the caller's transaction, so
 * row-level security applies as well. Rows come back as counts of distinct people per group.
 */
@Injectable()
export class ReportRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Enrolments per complete ISO week before `before` (a Monday), from the organisation's first. */
  async enrolmentWeeks(organizationId: string, before: string): Promise<EnrolmentWeekRow[]> {
    const rows: { week: string; audience: string; level: number; people: number }[] = await currentManager(
      this.dataSource,
    ).query(
      `SELECT to_char(date_trunc('week', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS week,
              audience, level::int AS level, count(*)::int AS people
       FROM enrollments
       WHERE organization_id = $1 AND created_at < $2::timestamptz
       GROUP BY 1, 2, 3`,
      [organizationId, `${before}T00:00:00Z`],
    );
    return rows;
  }

  async cohort(
    organizationId: string,
    selection: CohortSelection,
  ): Promise<{
    groups: CohortGroupRow[];
    plans: PlanRow[];
    retained: WeekCountRow[];
    observed: WeekCountRow[];
  }> {
    if (selection.weeks.length === 0) return { groups: [], plans: [], retained: [], observed: [] };
    const manager = currentManager(this.dataSource);
    // For this transaction only: room for a year's walks to be sorted and grouped in memory, and
    // no JIT (compiling these plans took over a second, far longer than running them).
    await manager.query(`SET LOCAL work_mem = '32MB'`);
    await manager.query(`SET LOCAL jit = off`);
    const params = [
      organizationId,
      selection.weeks,
      selection.blockOfWeek,
      `${selection.from}T00:00:00Z`,
      `${selection.until}T00:00:00Z`,
    ];
    const cohort = COHORT(selection.groupBy);
    const groups: (Omit<CohortGroupRow, 'levels'> & { levels: number[] })[] = await manager.query(
      `WITH ${cohort},
       walks AS (
         SELECT c.enrollment_id, count(*) AS done,
           count(*) FILTER (WHERE jsonb_typeof(c.report->'painDuring') = 'number') AS with_pain,
           count(*) FILTER (WHERE jsonb_typeof(c.report->'painDuring') = 'number'
                              AND (c.report->>'painDuring')::numeric >= 4) AS pain
         FROM check_ins c JOIN cohort ON cohort.id = c.enrollment_id
         WHERE c.organization_id = $1 AND c.performed_at >= $4::timestamptz AND c.performed_at < $5::timestamptz
         GROUP BY c.enrollment_id
       ),
       stops AS (
         SELECT d.enrollment_id, count(*) AS stops
         FROM decisions d JOIN cohort ON cohort.id = d.enrollment_id
         WHERE d.organization_id = $1 AND d.action = 'stop'
           AND d.created_at >= $4::timestamptz AND d.created_at < $5::timestamptz
         GROUP BY d.enrollment_id
       )
       SELECT cohort.key,
         count(*)::int AS enrolled,
         count(cohort.confirmed_at)::int AS confirmed,
         count(walks.enrollment_id)::int AS active,
         coalesce(sum(walks.done), 0)::int AS "sessionsDone",
         coalesce(sum(walks.with_pain), 0)::int AS "sessionsWithPain",
         coalesce(sum(walks.pain), 0)::int AS "painSessions",
         count(*) FILTER (WHERE walks.pain > 0)::int AS "peopleWithPain",
         coalesce(sum(stops.stops), 0)::int AS "safetyStops",
         count(stops.enrollment_id)::int AS "peopleStopped",
         ARRAY[${[1, 2, 3, 4, 5, 6].map((l) => `count(*) FILTER (WHERE cohort.level = ${l})::int`).join(', ')}] AS levels
       FROM cohort
       LEFT JOIN walks ON walks.enrollment_id = cohort.id
       LEFT JOIN stops ON stops.enrollment_id = cohort.id
       GROUP BY cohort.key
       ORDER BY cohort.key`,
      params,
    );
    const plans: PlanRow[] = await manager.query(
      `WITH ${cohort}
       SELECT key, reminder_days AS "reminderDays",
         to_char(confirmed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "confirmedOn",
         to_char(stopped_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "stoppedOn",
         count(*)::int AS people
       FROM cohort WHERE confirmed_at IS NOT NULL
       GROUP BY 1, 2, 3, 4`,
      params.slice(0, 3),
    );
    // Retention is observed per enrolment block, never per person: week k of a block counts once
    // the whole block has had k weeks (k weeks after the block's end). Moving the period then adds
    // or removes whole blocks of 5+ people, never the one person who joined in a given week.
    // Week 1 is the first 7 days after enrolling; a person counts once per week they walked in.
    const retained: WeekCountRow[] = await manager.query(
      `WITH ${cohort}
       SELECT key, week, count(*)::int AS people
       FROM (
         SELECT cohort.key, c.enrollment_id,
           (floor(extract(epoch FROM c.performed_at - cohort.created_at) / 604800) + 1)::int AS week,
           min(cohort.block_end) AS block_end
         FROM check_ins c JOIN cohort ON cohort.id = c.enrollment_id
         WHERE c.organization_id = $1 AND c.performed_at >= cohort.created_at
           AND c.performed_at >= $7::timestamptz
           AND c.performed_at < $4::timestamptz
           AND c.performed_at < cohort.created_at + make_interval(weeks => $5::int)
         GROUP BY 1, 2, 3
       ) walked
       WHERE week <= ($6::date - block_end) / 7
       GROUP BY 1, 2`,
      // $7, the period's first day, is implied (nobody in the cohort enrolled before it): it lets
      // Postgres read the period's walks by (organization_id, performed_at), not person by person.
      [...params.slice(0, 3), params[4], selection.retentionWeeks, selection.until, params[3]],
    );
    // How many whole weeks the period has seen since each block's end (capped).
    const observed: WeekCountRow[] = await manager.query(
      `WITH ${cohort}
       SELECT key, LEAST($4::int, GREATEST(0, ($5::date - block_end) / 7))::int AS week, count(*)::int AS people
       FROM cohort
       GROUP BY 1, 2`,
      [...params.slice(0, 3), selection.retentionWeeks, selection.until],
    );
    return { groups, plans, retained, observed };
  }

  /**
   * The outcome checks of the report's people, per group and check. A check is counted for a
   * whole enrolment block at once, a fixed number of weeks after the block's end, and only what was
   * asked and answered before that moment counts: once published, a block's figures never change.
   * Values come back as counts of people per value (a pain score, a PSFS mean in sixths...), so
   * the domain computes means, medians and responders without a row per person. The checks carry
   * their enrolment's time and audience, so this reads one index and joins no enrolment. With
   * `groupBy=level` everything is counted under `all` (outcomes are not split by current level).
   * `observed` is left at 0: the service knows the blocks' sizes.
   */
  async outcomes(
    organizationId: string,
    selection: Pick<CohortSelection, 'groupBy' | 'weeks' | 'blockOfWeek'> & OutcomeSelection,
  ): Promise<Map<string, OutcomeTimepointFacts[]>> {
    const byKey = new Map<string, OutcomeTimepointFacts[]>();
    if (selection.weeks.length === 0) return byKey;
    const timepoints = Object.keys(selection.observationWeeks) as OutcomeTimepoint[];
    const key = { week: 'obs.block', audience: 'o.audience', level: `'all'` }[selection.groupBy];
    const rows: OutcomeCountRow[] = await currentManager(this.dataSource).query(
      `WITH inc AS (
         SELECT week, block, max(week) OVER (PARTITION BY block) + 7 AS block_end
         FROM unnest($2::date[], $3::text[]) AS u(week, block)
       ),
       obs AS (
         SELECT inc.week, inc.block, u.timepoint,
           (inc.block_end + u.weeks * 7)::timestamp AT TIME ZONE 'UTC' AS cutoff
         FROM inc CROSS JOIN unnest($4::text[], $5::int[]) AS u(timepoint, weeks)
         WHERE inc.block_end + u.weeks * 7 <= $6::date
       ),
       counted AS (
         SELECT ${key} AS key, o.timepoint, o.pain, o.baseline_pain, o.psfs_sixths, o.psfs_change_sixths,
           coalesce(o.answered_at < obs.cutoff AND o.answered_at < o.closes_at
             AND (o.timepoint <> 'baseline' OR o.counts_as_baseline), false) AS answered,
           coalesce(o.asked_at < obs.cutoff, false) AS asked
         FROM outcome_checks o
         JOIN obs ON obs.week = date_trunc('week', o.enrolled_at AT TIME ZONE 'UTC')::date
           AND obs.timepoint = o.timepoint
         WHERE o.organization_id = $1
           AND o.enrolled_at >= (($2::date[])[1])::timestamp AT TIME ZONE 'UTC'
           AND o.enrolled_at < (($2::date[])[cardinality($2::date[])] + 7)::timestamp AT TIME ZONE 'UTC'
       )
       SELECT key, timepoint, 'counts' AS kind, NULL::int AS a, NULL::int AS b, 0 AS people,
         count(*) FILTER (WHERE asked OR answered)::int AS asked, count(*) FILTER (WHERE answered)::int AS answered
       FROM counted GROUP BY 1, 2
       UNION ALL
       SELECT key, timepoint, 'pain', pain, NULL, count(*)::int, 0, 0
       FROM counted WHERE answered AND pain IS NOT NULL GROUP BY 1, 2, 4
       UNION ALL
       SELECT key, timepoint, 'psfs', psfs_sixths, NULL, count(*)::int, 0, 0
       FROM counted WHERE answered AND psfs_sixths IS NOT NULL GROUP BY 1, 2, 4
       UNION ALL
       SELECT key, timepoint, 'pair', baseline_pain, pain, count(*)::int, 0, 0
       FROM counted WHERE answered AND timepoint <> 'baseline' AND baseline_pain IS NOT NULL AND pain IS NOT NULL
       GROUP BY 1, 2, 4, 5
       UNION ALL
       SELECT key, timepoint, 'psfs_change', psfs_change_sixths, NULL, count(*)::int, 0, 0
       FROM counted WHERE answered AND timepoint <> 'baseline' AND psfs_change_sixths IS NOT NULL
       GROUP BY 1, 2, 4`,
      [
        organizationId,
        selection.weeks,
        selection.blockOfWeek,
        timepoints,
        timepoints.map((t) => selection.observationWeeks[t]),
        selection.until,
      ],
    );
    for (const row of rows) {
      let facts = byKey.get(row.key);
      if (!facts) {
        facts = timepoints.map((t) => emptyOutcomeFacts(t));
        byKey.set(row.key, facts);
      }
      const at = facts.find((f) => f.timepoint === row.timepoint)!;
      switch (row.kind) {
        case 'counts':
          Object.assign(at, { asked: row.asked, answered: row.answered });
          break;
        case 'pain':
          at.pain = [...at.pain, { value: row.a!, people: row.people }];
          break;
        case 'psfs':
          at.psfs = [...at.psfs, { value: row.a!, people: row.people }];
          break;
        case 'pair':
          at.painPairs = [...at.painPairs, { before: row.a!, after: row.b!, people: row.people }];
          break;
        case 'psfs_change':
          at.psfsChanges = [...at.psfsChanges, { value: row.a!, people: row.people }];
          break;
      }
    }
    return byKey;
  }
}
