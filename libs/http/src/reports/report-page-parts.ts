import { type ReportCell } from '@retrowalk/domain';
import { escapeHtml } from '@retrowalk/mail';
import { cellText } from './cohort-report-labels';

export interface Bar {
  label: string;
  cell: ReportCell;
}

/**
 * Horizontal bars as ordinary HTML text beside a tiny SVG bar, so labels and values are body text
 * at any width (an SVG scaled to the column would grow its text with it). The bar's length is an
 * SVG attribute, not an inline style: nothing here needs a style attribute or a script.
 */
export function barChart(title: string, bars: readonly Bar[], max: number, unit: string, after = ''): string {
  const items = bars.map((bar) => {
    const value = bar.cell.value;
    const length = value === null ? 0 : Math.max(0.5, Math.min(100, (Math.min(value, max) / max) * 100));
    const fill = value === null ? '' : `<rect class="fill" width="${length.toFixed(1)}" height="1"/>`;
    return (
      `<li><span class="label">${escapeHtml(bar.label)}</span>` +
      `<svg viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect class="track" width="100" height="1"/>${fill}</svg>` +
      `<span class="value${value === null ? ' hidden' : ''}">${escapeHtml(cellText(bar.cell, unit))}</span></li>`
    );
  });
  return `<div class="chart"><h3>${escapeHtml(title)}</h3><ul class="bars">${items.join('')}</ul>${after}</div>`;
}

/**
 * Bars for the labels that have a figure; the ones with no data yet are collapsed into a single
 * line ("Weeks 4 to 8: too soon to tell") instead of a row of empty bars each.
 */
export function barChartWithoutEmpties(
  title: string,
  bars: readonly Bar[],
  max: number,
  unit: string,
  emptyLine: (labels: string[]) => string,
): string {
  const shown = bars.filter((b) => b.cell.suppressed || b.cell.value !== null);
  const empty = bars.filter((b) => !b.cell.suppressed && b.cell.value === null).map((b) => b.label);
  const line = empty.length > 0 ? `<p class="empty">${escapeHtml(emptyLine(empty))}</p>` : '';
  if (shown.length === 0) return `<div class="chart"><h3>${escapeHtml(title)}</h3>${line}</div>`;
  return barChart(title, shown, max, unit, line);
}

/** "Week 4 to Week 8", "Week 3 and Week 5", "Week 2". */
export function labelRange(labels: readonly string[]): string {
  if (labels.length <= 1) return labels.join('');
  if (labels.length === 2) return `${labels[0]} and ${labels[1]}`;
  return `${labels[0]} to ${labels.at(-1)}`;
}

export interface TableColumn {
  label: string;
  /** Columns with the same group share a heading above them. */
  group?: string;
  unit?: string;
  /** Changes: "+1.3", "-0.9". */
  signed?: boolean;
}

export interface TableRow {
  /** The row's heading cells; one with `rowspan` heads the rows below it too. */
  head: readonly { text: string; rowspan?: number; className?: string }[];
  cells: readonly ReportCell[];
  className?: string;
}

function cellHtml(cell: ReportCell, column: TableColumn | undefined): string {
  if (cell.suppressed) return '<td class="hidden">hidden</td>';
  if (cell.value === null) return '<td class="none">-</td>';
  const sign = column?.signed === true && cell.value > 0 ? '+' : '';
  return `<td>${escapeHtml(`${sign}${cell.value}${column?.unit ?? ''}`)}</td>`;
}

/**
 * A table of figures: "hidden" for a suppressed cell, "-" for no data. Column groups get a
 * heading row of their own, so each column's own heading can stay one short word.
 */
export function figuresTable(
  caption: string,
  rowHeads: readonly string[],
  columns: readonly TableColumn[],
  rows: readonly TableRow[],
): string {
  const grouped = columns.some((c) => c.group !== undefined);
  const groupRow: string[] = [];
  for (let i = 0; i < columns.length;) {
    const group = columns[i]!.group;
    let span = 1;
    while (i + span < columns.length && group !== undefined && columns[i + span]!.group === group) span++;
    groupRow.push(
      `<th scope="colgroup"${span > 1 ? ` colspan="${span}"` : ''} class="group">${escapeHtml(group ?? '')}</th>`,
    );
    i += span;
  }
  const heads = rowHeads
    .map((h) => `<th scope="col"${grouped ? ' rowspan="2"' : ''}>${escapeHtml(h)}</th>`)
    .join('');
  const head = grouped
    ? `<thead><tr>${heads}${groupRow.join('')}</tr><tr>${columns.map((c) => `<th scope="col">${escapeHtml(c.label)}</th>`).join('')}</tr></thead>`
    : `<thead><tr>${heads}${columns.map((c) => `<th scope="col">${escapeHtml(c.label)}</th>`).join('')}</tr></thead>`;
  const body = rows
    .map(
      (row) =>
        `<tr${row.className ? ` class="${row.className}"` : ''}>${row.head
          .map(
            (h) =>
              `<th scope="row"${h.rowspan && h.rowspan > 1 ? ` rowspan="${h.rowspan}"` : ''}${h.className ? ` class="${h.className}"` : ''}>${escapeHtml(h.text)}</th>`,
          )
          .join('')}${row.cells.map((cell, i) => cellHtml(cell, columns[i])).join('')}</tr>`,
    )
    .join('');
  return `<div class="scroll" tabindex="0" role="region" aria-label="${escapeHtml(caption)}"><table>${head}<tbody>${body}</tbody></table></div>`;
}

export interface Tile {
  cell: ReportCell;
  what: string;
  sub: string;
  unit?: string;
  /** What to say instead of "no data". */
  noData?: string;
}

export function tiles(items: readonly Tile[]): string {
  return `<ul class="tiles">${items
    .map((t) => {
      const empty = t.cell.value === null;
      return (
        `<li><span class="n${empty ? ' hidden' : ''}">${escapeHtml(cellText(t.cell, t.unit ?? '', t.noData ?? 'no data'))}</span>` +
        `<span class="what">${escapeHtml(t.what)}</span><span class="sub">${escapeHtml(t.sub)}</span></li>`
      );
    })
    .join('')}</ul>`;
}
