import { COHORT_METRICS, type CohortReport, type CohortRow, type ReportCell } from '@retrowalk/domain';
import { escapeHtml } from '@retrowalk/mail';
import { renderPageShell } from '../pages/page-layout';
import { cellText, groupLabel, METRIC_LABELS } from './cohort-report-labels';

export interface CohortReportPageModel {
  organizationName: string;
  report: CohortReport;
  /** When the link stops working, for the footer. */
  expiresAt: Date;
}

const STYLE = `
main { max-width: 60rem; }
h2 { margin: 32px 0 10px; font-size: 21px; line-height: 1.3; }
.lead { color: var(--muted); font-size: 16px; }
.privacy { margin: 18px 0 0; padding: 12px 14px; border-left: 5px solid var(--info); background: var(--bg); border-radius: 8px; font-size: 16px; }
.privacy p { margin: 0 0 8px; } .privacy p:last-child { margin: 0; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr)); gap: 10px; margin: 16px 0 0; padding: 0; list-style: none; }
.figures li { padding: 10px 12px; border: 2px solid var(--line); border-radius: 10px; }
.figures .n { display: block; font-size: 26px; font-weight: 700; line-height: 1.2; }
.figures .n.hidden { font-size: 18px; color: var(--muted); }
.figures .what { display: block; font-size: 15px; color: var(--muted); line-height: 1.3; }
.chart { display: block; width: 100%; height: auto; margin: 6px 0 0; }
.chart text { fill: var(--text); font-family: inherit; }
.chart .muted { fill: var(--muted); }
.chart .bar { fill: var(--accent); } .chart .track { fill: var(--bg); }
.scroll { overflow-x: auto; margin: 8px 0 0; border: 1px solid var(--line); border-radius: 8px; }
table { border-collapse: collapse; min-width: 100%; font-size: 15px; }
th, td { padding: 8px 10px; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; }
th[scope=row] { position: sticky; left: 0; background: var(--card); text-align: left; white-space: normal; min-width: 9rem; font-weight: 600; }
thead th { vertical-align: bottom; white-space: normal; min-width: 6rem; }
td.hidden { color: var(--muted); font-style: italic; }
dl { font-size: 16px; } dt { font-weight: 700; margin: 12px 0 2px; } dd { margin: 0; color: var(--muted); }
`
  .trim()
  .replace(/\n\s*/g, ' ');

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

/** Horizontal bars, each with its label on the line above: fits a phone without tiny text. */
function barChart(
  title: string,
  bars: { label: string; cell: ReportCell }[],
  max: number,
  unit: string,
  noData = 'no data',
): string {
  const rowHeight = 46;
  const width = 320;
  const height = bars.length * rowHeight + 4;
  const described = bars.map((b) => `${b.label}: ${cellText(b.cell, unit, noData)}`).join('; ');
  const rows = bars
    .map((bar, index) => {
      const y = index * rowHeight;
      const value = bar.cell.suppressed || bar.cell.value === null ? null : bar.cell.value;
      const length = value === null ? 0 : Math.max(2, Math.round((Math.min(value, max) / max) * 250));
      return (
        `<text x="0" y="${y + 15}" font-size="14">${escapeHtml(bar.label)}</text>` +
        `<rect class="track" x="0" y="${y + 22}" width="250" height="16" rx="3"/>` +
        (value === null
          ? ''
          : `<rect class="bar" x="0" y="${y + 22}" width="${length}" height="16" rx="3"/>`) +
        `<text x="${value === null ? 4 : Math.min(length + 6, 256)}" y="${y + 35}" font-size="14"${
          value === null ? ' class="muted" font-style="italic"' : ' font-weight="700"'
        }>${escapeHtml(cellText(bar.cell, unit, noData))}</text>`
      );
    })
    .join('');
  return (
    `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(`${title}. ${described}`)}">` +
    `<title>${escapeHtml(title)}</title>${rows}</svg>`
  );
}

function figure(cell: ReportCell, what: string, unit = ''): string {
  const hidden = cell.suppressed || cell.value === null;
  return `<li><span class="n${hidden ? ' hidden' : ''}">${escapeHtml(cellText(cell, unit))}</span><span class="what">${escapeHtml(what)}</span></li>`;
}

function table(report: CohortReport, rows: readonly CohortRow[]): string {
  const header = rows
    .map((row) => `<th scope="col">${escapeHtml(groupLabel(report, row.key))}</th>`)
    .join('');
  const line = (label: string, cells: ReportCell[]) =>
    `<tr><th scope="row">${escapeHtml(label)}</th>${cells
      .map((cell) => `<td${cell.suppressed ? ' class="hidden"' : ''}>${escapeHtml(cellText(cell))}</td>`)
      .join('')}</tr>`;
  const body = [
    ...COHORT_METRICS.map((metric) =>
      line(
        METRIC_LABELS[metric],
        rows.map((row) => row.metrics[metric]),
      ),
    ),
    ...rows[0]!.levels.map((_, level) =>
      line(
        `Now at level ${level + 1}`,
        rows.map((row) => row.levels[level]!),
      ),
    ),
    ...rows[0]!.retention.map((_, week) =>
      line(
        `Walked in week ${week + 1} (%)`,
        rows.map((row) => row.retention[week]!),
      ),
    ),
  ].join('');
  return `<div class="scroll" tabindex="0" role="region" aria-label="All figures by group"><table><thead><tr><th scope="row">Figure</th>${header}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/**
 * The cohort report behind a signed link: headline figures, three small charts (inline SVG, no
 * scripts or external requests) and every figure in a table. Hidden cells say "fewer than 5".
 */
export function renderCohortReportPage(model: CohortReportPageModel): string {
  const { report } = model;
  const total = report.total;
  const groups = report.groups;
  const empty = total.metrics.enrolled.value === 0 || groups.length === 0;
  const parts: string[] = [
    `<h1>Cohort report</h1>`,
    `<p class="lead">People who enrolled between ${formatDate(report.from)} and ${formatDate(report.to)}. ` +
      `Walks counted up to ${formatDate(lastDay(report.activityUntil))}.</p>`,
    `<div class="privacy"><p><strong>Privacy:</strong> no figure here is about fewer than ${report.threshold} people. ` +
      `Where it would be, you see “hidden” instead of a number.</p>` +
      `<p>Some figures about larger groups are hidden too, so that a smaller group’s figures cannot be worked out by subtracting them from a total.</p>` +
      (report.recentEnrolmentsHeldBack
        ? `<p>The newest enrolments appear once at least ${report.threshold} people have joined since the last group.</p>`
        : '') +
      (report.currentWeekLeftOut
        ? `<p>This week is not in the figures yet: people who enrolled and walks logged this week are added once the week is over, on Monday.</p>`
        : '') +
      `</div>`,
  ];
  if (empty) {
    parts.push(
      `<h2>Nobody to report yet</h2><p>No group of at least ${report.threshold} people enrolled in these weeks.</p>`,
    );
  } else {
    parts.push(
      `<h2>Everyone at a glance</h2><ul class="figures">` +
        figure(total.metrics.enrolled, 'enrolled') +
        figure(total.metrics.confirmed, 'confirmed their email') +
        figure(total.metrics.active, 'walked at least once') +
        figure(total.metrics.adherencePercent, 'of planned walks done', '%') +
        figure(total.metrics.painSessionsPercent, 'of walks with pain 4 or more', '%') +
        figure(total.metrics.safetyStops, 'safety stops') +
        `</ul>`,
      `<h2>Planned walks done, by group</h2>`,
      barChart(
        'Adherence by group',
        groups.map((row) => ({ label: groupLabel(report, row.key), cell: row.metrics.adherencePercent })),
        100,
        '%',
      ),
      `<h2>Still walking, week by week after enrolling</h2>`,
      `<p class="lead">Share of everyone who logged at least one walk in that week.</p>`,
      barChart(
        'Retention by week since enrolment',
        total.retention.map((cell, week) => ({ label: `Week ${week + 1}`, cell })),
        100,
        '%',
        'too soon to tell',
      ),
      `<h2>Where people are in the programme now</h2>`,
      barChart(
        'People by current level',
        total.levels.map((cell, level) => ({ label: `Level ${level + 1}`, cell })),
        Math.max(1, ...total.levels.map((cell) => cell.value ?? 0)),
        '',
      ),
      `<h2>All figures</h2>`,
      `<p class="lead">Scroll sideways on a small screen.</p>`,
      table(report, [...groups, total]),
    );
  }
  parts.push(
    `<h2>What the figures mean</h2><dl>` +
      `<dt>Adherence</dt><dd>Walks logged divided by walks planned. Planned walks are each person's chosen reminder days, from the day after they confirmed until the day before they paused, stopped or unsubscribed, within these weeks.</dd>` +
      `<dt>Walks with pain 4+</dt><dd>Share of logged walks where the person rated their knee pain during the walk 4 or more out of 10.</dd>` +
      `<dt>Safety stops</dt><dd>Times the programme stopped someone and advised them to see a professional (a fall, sharp pain, swelling and similar).</dd>` +
      `<dt>Weeks</dt><dd>Whole weeks, Monday to Sunday. The current week is added once it is over.</dd>` +
      `</dl>`,
    `<p class="note">This link stops working at ${escapeHtml(model.expiresAt.toISOString().slice(0, 16).replace('T', ' '))} UTC. Ask for a new one through the API.</p>`,
  );
  return renderPageShell({
    title: 'Cohort report',
    organizationName: model.organizationName,
    tone: 'info',
    bodyHtml: parts.join('\n'),
    extraStyle: ` ${STYLE}`,
  });
}
