import { escapeHtml } from '@retrowalk/mail';

/** What the fragment needs of one check (the application's `OutcomeCheckColumn` fits it). */
export interface OutcomeCheckColumnView {
  label: string;
  state: 'not_open_yet' | 'open' | 'answered' | 'closed' | 'not_planned';
  opensAt: string | null;
  closesAt: string | null;
  answeredAt: string | null;
  countsAsBaseline: boolean | null;
  pain: number | null;
  activityScores: readonly (number | null)[];
  psfsMean: number | null;
  globalChangeLabel: string | null;
  painChange: number | null;
  psfsChange: number | null;
  painResponder: boolean | null;
  functionResponder: boolean | null;
  attention: readonly { reason: string }[];
}

export interface OutcomeChecksFragmentModel {
  activities: readonly string[];
  checks: readonly OutcomeCheckColumnView[];
}

const day = (iso: string | null) =>
  iso === null
    ? ''
    : new Date(iso).toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        timeZone: 'UTC',
      });

function status(check: OutcomeCheckColumnView): string {
  switch (check.state) {
    case 'answered':
      return `Answered ${day(check.answeredAt)}${check.countsAsBaseline === false ? ' (after the first week: not compared)' : ''}`;
    case 'open':
      return `Open until ${day(check.closesAt)}`;
    case 'not_open_yet':
      return `Opens ${day(check.opensAt)}`;
    case 'closed':
      return 'Not answered';
    case 'not_planned':
      return 'Not asked';
  }
}

const number = (value: number | null) => (value === null ? '–' : String(value));
const signed = (value: number | null) => (value === null ? '–' : value > 0 ? `+${value}` : String(value));
const flag = (value: boolean | null) => (value === null ? '–' : value ? 'Yes' : 'No');

/**
 * One participant's three outcome checks side by side, for the coach's participant page: a table
 * with a column per check (start, week 6, week 12) and a row per answer, then the answers that
 * need a coach. Every value is escaped; the markup carries classes only (no style attribute, no
 * script), styled by the workspace's sheet (`outcome-checks` rules in workspace.css).
 */
export function renderOutcomeChecksFragment(model: OutcomeChecksFragmentModel): string {
  const head = model.checks.map((c) => `<th scope="col">${escapeHtml(c.label)}</th>`).join('');
  const row = (label: string, cells: readonly string[], className?: string) =>
    `<tr${className ? ` class="${className}"` : ''}><th scope="row">${escapeHtml(label)}</th>${cells
      .map((cell) => `<td>${escapeHtml(cell)}</td>`)
      .join('')}</tr>`;
  const rows = [
    row('Status', model.checks.map(status), 'status'),
    row(
      'Knee pain, last 7 days (0-10)',
      model.checks.map((c) => number(c.pain)),
    ),
    ...model.activities.map((name, i) =>
      row(
        `${name} (0-10)`,
        model.checks.map((c) => number(c.activityScores[i] ?? null)),
      ),
    ),
    row(
      'Activities, mean (PSFS)',
      model.checks.map((c) => number(c.psfsMean)),
    ),
    row(
      'Compared with before',
      model.checks.map((c) => c.globalChangeLabel ?? '–'),
    ),
    row(
      'Pain since the start',
      model.checks.map((c) => signed(c.painChange)),
    ),
    row(
      'Activities since the start',
      model.checks.map((c) => signed(c.psfsChange)),
    ),
    row(
      'Pain responder (2+ points or 30 %)',
      model.checks.map((c) => flag(c.painResponder)),
    ),
    row(
      'Function responder (PSFS 2+ points)',
      model.checks.map((c) => flag(c.functionResponder)),
    ),
  ];
  const attention = model.checks.flatMap((c) => c.attention.map((a) => `${c.label}: ${a.reason}`));
  return (
    `<section class="outcome-checks" aria-labelledby="outcome-checks-title">` +
    `<h2 id="outcome-checks-title">Outcome checks</h2>` +
    `<div class="outcome-checks-scroll" tabindex="0" role="region" aria-label="Outcome checks">` +
    `<table><thead><tr><th scope="col">Answer</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>` +
    (attention.length > 0
      ? `<div class="outcome-checks-attention"><p><strong>Needs a look</strong></p><ul>${attention
          .map((line) => `<li>${escapeHtml(line)}</li>`)
          .join('')}</ul></div>`
      : '') +
    `</section>`
  );
}
