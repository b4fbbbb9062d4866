import {
  COHORT_METRICS,
  type CohortMetric,
  type CohortReport,
  type CohortRow,
  OUTCOME_CHANGE_METRICS,
  OUTCOME_METRICS,
  OUTCOME_TIMEPOINTS,
  type OutcomeTimepoint,
} from '@retrowalk/domain';
import { escapeHtml } from '@retrowalk/mail';
import { renderPageShell } from '../pages/page-layout';
import { groupLabel, timepointLabel } from './cohort-report-labels';
import { REPORT_EXTRA_STYLE } from './report-page-style';
import {
  barChart,
  barChartWithoutEmpties,
  figuresTable,
  labelRange,
  type TableColumn,
  type TableRow,
  tiles,
} from './report-page-parts';

export interface CohortReportPageModel {
  organizationName: string;
  report: CohortReport;
  /** When the link stops working, for the footer. */
  expiresAt: Date;
}

function formatDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

function lastDay(exclusive: string): string {
  const date = new Date(`${exclusive}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/** Short headings: the table's column groups say what they are about. */
const PROGRAMME_COLUMNS: Readonly<Record<CohortMetric, string>> = {
  enrolled: 'Enrolled',
  confirmed: 'Confirmed',
  active: 'Walked at least once',
  sessionsDone: 'Walks logged',
  sessionsPlanned: 'Walks planned',
  adherencePercent: 'Adherence',
  painSessionsPercent: 'Walks with pain 4+',
  safetyStops: 'Safety stops',
};

const OUTCOME_COLUMNS: readonly TableColumn[] = [
  { label: 'Asked', group: 'People' },
  { label: 'Answered', group: 'People' },
  { label: 'Response rate', group: 'People', unit: ' %' },
  { label: 'Mean', group: 'Knee pain, 0-10' },
  { label: 'Median', group: 'Knee pain, 0-10' },
  { label: 'Change', group: 'Knee pain, 0-10', signed: true },
  { label: 'Mean', group: 'Activities (PSFS), 0-10' },
  { label: 'Median', group: 'Activities (PSFS), 0-10' },
  { label: 'Change', group: 'Activities (PSFS), 0-10', signed: true },
  { label: 'Pain', group: 'Responders', unit: ' %' },
  { label: 'Function', group: 'Responders', unit: ' %' },
];

const GROUPING_WORDS = { week: 'enrolment weeks', audience: 'audience', level: 'current level' } as const;
const unitOf = (metric: CohortMetric) => (metric.endsWith('Percent') ? ' %' : '');

function header(report: CohortReport): string {
  return (
    `<h1>Cohort report</h1>` +
    `<p class="period">People who enrolled ${formatDate(report.from)} to ${formatDate(report.to)}, by ${GROUPING_WORDS[report.groupBy]}.</p>` +
    `<p class="period">Walks counted up to ${formatDate(lastDay(report.activityUntil))}; outcome checks up to ${formatDate(lastDay(report.outcomeChecks.until))}.</p>` +
    `<div class="privacy"><p><strong>Privacy:</strong> no figure here is about fewer than ${report.threshold} people, and that includes counts: where it would be, you see “hidden”. ` +
    `Some figures about larger groups are hidden too, so that a smaller group’s cannot be worked out by subtraction.</p>` +
    (report.recentEnrolmentsHeldBack
      ? `<p>The newest enrolments appear once at least ${report.threshold} people have joined since the last group.</p>`
      : '') +
    (report.currentWeekLeftOut
      ? `<p>This week is not in the figures yet: people who enrolled and walks logged this week are added once the week is over, on Monday.</p>`
      : '') +
    `</div>`
  );
}

function summaryTiles(report: CohortReport): string {
  const total = report.total;
  const doseEnd = timepointLabel(report, 'dose_end');
  return tiles([
    { cell: total.metrics.enrolled, what: 'Enrolled', sub: 'people in these weeks' },
    { cell: total.metrics.active, what: 'Walked at least once', sub: 'logged a walk in the period' },
    { cell: total.metrics.adherencePercent, what: 'Adherence', sub: 'of planned walks done', unit: ' %' },
    {
      cell: total.outcomes.dose_end.painRespondersPercent,
      what: `Pain responders, ${doseEnd.toLowerCase()}`,
      sub: 'pain down 2+ points (or 30 %) since the start',
      unit: ' %',
      noData: 'not yet',
    },
  ]);
}

function programmeSection(report: CohortReport, rows: readonly CohortRow[]): string {
  const { groups, total } = report;
  const parts = [
    `<section class="block" aria-labelledby="s-walking"><h2 id="s-walking">Walking</h2><div class="columns">`,
  ];
  parts.push(
    groups.length > 1
      ? barChartWithoutEmpties(
          'Planned walks done, by group',
          groups.map((row) => ({ label: groupLabel(report, row.key), cell: row.metrics.adherencePercent })),
          100,
          ' %',
          (labels) => `${labelRange(labels)}: no walks planned yet.`,
        )
      : barChart(
          'Planned walks done',
          [{ label: 'Everyone', cell: total.metrics.adherencePercent }],
          100,
          ' %',
        ),
  );
  parts.push(
    barChartWithoutEmpties(
      'Still walking, by week since enrolling',
      total.retention.map((cell, week) => ({ label: `Week ${week + 1}`, cell })),
      100,
      ' %',
      (labels) => `${labelRange(labels)}: too soon to tell.`,
    ),
  );
  const levels = total.levels.map((cell, level) => ({ label: `Level ${level + 1}`, cell }));
  parts.push(
    levels.every((b) => b.cell.suppressed)
      ? `<h3>Where people are now</h3><p class="empty">Every level is hidden: too few people at each.</p>`
      : barChart(
          'Where people are now',
          levels,
          Math.max(1, ...total.levels.map((cell) => cell.value ?? 0)),
          '',
        ),
  );
  parts.push(`</div>`);
  const rowOf = (row: CohortRow, cells: CohortRow['levels']) => ({
    head: [{ text: groupLabel(report, row.key) }],
    cells,
    className: row.key === 'all' ? 'total' : undefined,
  });
  parts.push(
    figuresTable(
      'Walking, by group',
      ['Group'],
      COHORT_METRICS.map((m) => ({ label: PROGRAMME_COLUMNS[m], unit: unitOf(m) })),
      rows.map((row) =>
        rowOf(
          row,
          COHORT_METRICS.map((m) => row.metrics[m]),
        ),
      ),
    ),
  );
  parts.push(
    `<details class="screen-only"><summary>Levels and weeks since enrolling, by group</summary>` +
      figuresTable(
        'Levels and weeks since enrolling, by group',
        ['Group'],
        [
          ...total.levels.map((_, l) => ({ label: `${l + 1}`, group: 'People now at level' })),
          ...total.retention.map((_, w) => ({ label: `${w + 1}`, group: 'Walked in week (%)', unit: ' %' })),
        ],
        rows.map((row) => rowOf(row, [...row.levels, ...row.retention])),
      ) +
      `</details>`,
  );
  parts.push(`</section>`);
  return parts.join('');
}

/** The checks anyone was asked (as far as shown); the others are named in one line. */
function reportedTimepoints(rows: readonly CohortRow[]): {
  shown: OutcomeTimepoint[];
  empty: OutcomeTimepoint[];
} {
  const asked = (t: OutcomeTimepoint) =>
    rows.some((row) => row.outcomes[t].asked.suppressed || (row.outcomes[t].asked.value ?? 0) > 0);
  return { shown: OUTCOME_TIMEPOINTS.filter(asked), empty: OUTCOME_TIMEPOINTS.filter((t) => !asked(t)) };
}

function outcomeCells(row: CohortRow, timepoint: OutcomeTimepoint) {
  return OUTCOME_METRICS.map((m) =>
    timepoint === 'baseline' && OUTCOME_CHANGE_METRICS.has(m)
      ? { value: null, suppressed: false as const }
      : row.outcomes[timepoint][m],
  );
}

function outcomesSection(report: CohortReport): string {
  const { total, groups } = report;
  const { shown, empty } = reportedTimepoints([total, ...groups]);
  const weeks = report.outcomeChecks.weeks;
  const parts = [
    `<section class="block" aria-labelledby="s-outcomes"><h2 id="s-outcomes">Did the programme help?</h2>`,
    `<p>Outcome checks at the start, in week ${weeks.dose_end} and in week ${weeks.follow_up}: average knee pain over the last 7 days (0-10) and how well people can do everyday activities they named (PSFS, 0-10). Changes compare each person with their own start.</p>`,
  ];
  if (shown.length === 0) {
    parts.push(
      `<p class="empty">No outcome figures yet: each check is reported for a whole group of enrolments at once, two to three weeks after it was due.</p></section>`,
    );
    return parts.join('');
  }
  const doseEnd = total.outcomes.dose_end;
  parts.push(
    `<div class="columns">` +
      barChart(
        `Responders by week ${weeks.dose_end}`,
        [
          { label: 'Pain down 2+ points (or 30 %)', cell: doseEnd.painRespondersPercent },
          { label: 'Activities up 2+ points', cell: doseEnd.functionRespondersPercent },
        ],
        100,
        ' %',
      ) +
      barChart(
        'Answered',
        shown.map((t) => ({ label: timepointLabel(report, t), cell: total.outcomes[t].responseRatePercent })),
        100,
        ' %',
      ) +
      `</div>`,
  );
  parts.push(
    `<h3>Everyone</h3>` +
      figuresTable(
        'Outcomes, everyone',
        ['Check'],
        OUTCOME_COLUMNS,
        shown.map((t) => ({ head: [{ text: timepointLabel(report, t) }], cells: outcomeCells(total, t) })),
      ),
  );
  if (report.outcomeChecks.splitByGroup && groups.length > 1) {
    const rows: TableRow[] = groups.flatMap((row) =>
      shown.map((t, i) => ({
        head: [
          ...(i === 0 ? [{ text: groupLabel(report, row.key), rowspan: shown.length }] : []),
          { text: timepointLabel(report, t), className: 'check' },
        ],
        cells: outcomeCells(row, t),
        className: i === 0 ? 'first-of-group' : undefined,
      })),
    );
    parts.push(
      `<h3>By group</h3>` + figuresTable('Outcomes, by group', ['Group', 'Check'], OUTCOME_COLUMNS, rows),
    );
  } else if (!report.outcomeChecks.splitByGroup) {
    parts.push(
      `<p class="empty">Not split by current level: people change level, so comparing two reports could give away one person’s answers.</p>`,
    );
  }
  if (empty.length > 0) {
    parts.push(
      `<p class="empty">${escapeHtml(labelRange(empty.map((t) => timepointLabel(report, t))))}: too soon, reported for each group of enrolments two to three weeks after the check.</p>`,
    );
  }
  parts.push(`</section>`);
  return parts.join('');
}

const DEFINITIONS = (report: CohortReport) =>
  `<section class="block" aria-labelledby="s-terms"><h2 id="s-terms">What the figures mean</h2><dl>` +
  `<div><dt>Adherence</dt><dd>Walks logged divided by walks planned. Planned walks are each person's chosen reminder days, from the day after they confirmed until the day before they paused, stopped or unsubscribed, within these weeks.</dd></div>` +
  `<div><dt>Walks with pain 4+</dt><dd>Share of logged walks where the person rated their knee pain during the walk 4 or more out of 10.</dd></div>` +
  `<div><dt>Safety stops</dt><dd>Times the programme stopped someone and advised them to see a professional (a fall, sharp pain, swelling and similar).</dd></div>` +
  `<div><dt>Outcome checks</dt><dd>Sent at the start (counted only if answered in the first week), in week ${report.outcomeChecks.weeks.dose_end} and in week ${report.outcomeChecks.weeks.follow_up}; each stays open two weeks. Response rate: people who answered in time, of those asked.</dd></div>` +
  `<div><dt>Pain responders</dt><dd>Of the people who answered both the start and this check, those whose average knee pain fell by 2 points or more, or by 30 % or more.</dd></div>` +
  `<div><dt>Function responders</dt><dd>Of the people who rated the same activities at the start and at this check, those whose mean activity score (PSFS) rose by 2 points or more.</dd></div>` +
  `<div><dt>Weeks</dt><dd>Whole weeks, Monday to Sunday. The current week is added once it is over.</dd></div>` +
  `</dl></section>`;

/**
 * The cohort report behind a signed link, laid out for a manager at a desk: a one-screen summary
 * (headline tiles), then walking, outcomes and definitions; charts are HTML text with small SVG
 * bars; empty figures collapse into a line; it prints to clean A4 pages. No script, no request
 * to anywhere, no style attribute.
 */
export function renderCohortReportPage(model: CohortReportPageModel): string {
  const { report } = model;
  const empty = report.total.metrics.enrolled.value === 0 || report.groups.length === 0;
  const parts: string[] = [header(report)];
  if (empty) {
    parts.push(
      `<section class="block"><h2>Nobody to report yet</h2><p>No group of at least ${report.threshold} people enrolled in these weeks.</p></section>`,
    );
  } else {
    parts.push(summaryTiles(report));
    parts.push(
      programmeSection(report, report.groups.length > 1 ? [...report.groups, report.total] : [report.total]),
    );
    parts.push(outcomesSection(report));
  }
  parts.push(DEFINITIONS(report));
  const expires = escapeHtml(model.expiresAt.toISOString().slice(0, 16).replace('T', ' '));
  parts.push(
    `<p class="note screen-only">This link stops working at ${expires} UTC. Ask for a new one through the API.</p>`,
    `<p class="print-only">${escapeHtml(model.organizationName)} · Retrowalk cohort report · printed from a link valid until ${expires} UTC.</p>`,
  );
  return renderPageShell({
    title: 'Cohort report',
    organizationName: model.organizationName,
    tone: 'info',
    bodyHtml: parts.join('\n'),
    extraStyle: REPORT_EXTRA_STYLE,
  });
}
