/**
 * The report page's own rules, on top of the shared page stylesheet: a wide, dense layout for a
 * manager at a desk that still reads on a phone, every chart label as ordinary body text, and a
 * print layout that gives clean A4 pages (the browser's "print to PDF").
 */
export const REPORT_PAGE_STYLE = `
main { max-width: 74rem; }
.card { padding: 0 28px 28px; }
.card::before { margin: 0 -28px 22px; }
body { font-size: 17px; }
h1 { margin: 0 0 6px; }
h2 { margin: 0 0 12px; font-size: 21px; line-height: 1.3; }
h3 { margin: 18px 0 8px; font-size: 18px; }
.period { margin: 0; color: var(--muted); }
.privacy { margin: 14px 0 0; padding: 10px 14px; border-left: 5px solid var(--info); background: var(--bg); border-radius: 8px; font-size: 16px; }
.privacy p { margin: 0 0 6px; } .privacy p:last-child { margin: 0; }
.tiles { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 12px; margin: 18px 0 0; padding: 0; list-style: none; }
.tiles li { margin: 0; padding: 12px 14px; border: 2px solid var(--line); border-radius: 10px; }
.tiles .n { display: block; font-size: 32px; font-weight: 700; line-height: 1.15; }
.tiles .n.hidden { font-size: 20px; color: var(--muted); font-style: italic; line-height: 1.9; }
.tiles .what { display: block; font-weight: 600; line-height: 1.3; }
.tiles .sub { display: block; color: var(--muted); font-size: 15px; line-height: 1.35; }
@media (max-width: 759px) { .tiles { grid-template-columns: repeat(2, minmax(0, 1fr)); } .tiles .n { font-size: 26px; } .card { padding: 0 16px 24px; } .card::before { margin: 0 -16px 22px; } }
.block { margin: 30px 0 0; padding: 22px 0 0; border-top: 1px solid var(--line); }
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 8px 32px; }
.bars { margin: 0; padding: 0; list-style: none; }
.bars li { display: grid; grid-template-columns: minmax(6rem, 11rem) minmax(4rem, 1fr) 4.6rem; align-items: center; gap: 10px; margin: 0 0 6px; }
.bars .label { overflow-wrap: anywhere; line-height: 1.3; }
.bars .value { font-weight: 700; text-align: right; }
.bars .value.hidden { font-weight: 400; font-style: italic; color: var(--muted); }
.bars svg { display: block; width: 100%; height: 14px; }
.bars .track { fill: var(--bg); } .bars .fill { fill: var(--accent); }
.empty { margin: 4px 0 0; color: var(--muted); }
.scroll { overflow-x: auto; margin: 8px 0 0; border: 1px solid var(--line); border-radius: 8px; }
table { border-collapse: collapse; min-width: 100%; font-size: 15px; }
caption { padding: 8px 10px; text-align: left; font-weight: 700; }
th, td { padding: 6px 9px; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; }
th[scope=row] { position: sticky; left: 0; background: var(--card); text-align: left; white-space: normal; min-width: 6.5rem; font-weight: 600; }
thead th { vertical-align: bottom; white-space: normal; min-width: 3.6rem; font-weight: 600; }
thead th.group { text-align: center; border-bottom: 1px solid var(--line); }
th.check { position: static; font-weight: 400; min-width: 4.5rem; }
td.hidden { color: var(--muted); font-style: italic; }
tr.total th, tr.total td { font-weight: 700; }
tbody tr.first-of-group th, tbody tr.first-of-group td { border-top: 2px solid var(--line); }
dl { font-size: 16px; } dt { font-weight: 700; margin: 10px 0 2px; } dd { margin: 0; color: var(--muted); }
.print-only { display: none; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  :root { color-scheme: light; --bg: #f1f1ee; --card: #fff; --text: #111; --muted: #444; --line: #999; --accent: #1d6b57; --info: #1a5c8a; }
  body { background: #fff; color: #111; font-size: 10.5pt; line-height: 1.4; }
  main { max-width: none; margin: 0; padding: 0; }
  .card { padding: 0; border-radius: 0; overflow: visible; }
  .card::before { display: none; }
  h1 { font-size: 18pt; } h2 { font-size: 13pt; } h3 { font-size: 11pt; }
  .tiles { grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 8px; }
  .tiles li { padding: 6px 8px; border-width: 1px; }
  .tiles .n { font-size: 18pt; } .tiles .sub { font-size: 9pt; }
  .privacy { font-size: 9.5pt; padding: 6px 10px; }
  .block { margin: 14px 0 0; padding: 10px 0 0; }
  .scroll { overflow: visible; border: 0; }
  table { font-size: 8.5pt; min-width: 0; width: 100%; }
  th, td { padding: 3px 4px; white-space: normal; }
  th[scope=row] { position: static; min-width: 0; }
  thead th { min-width: 0; }
  .bars li { grid-template-columns: 9rem 1fr 4rem; margin: 0 0 3px; }
  .bars svg { height: 10px; }
  .bars .track { fill: #e6e6e1; }
  .chart, .tiles, .privacy, tr, dl div { break-inside: avoid; }
  h2, h3, caption { break-after: avoid; }
  .screen-only { display: none; }
  .print-only { display: block; color: #444; font-size: 9pt; }
}
`
  .trim()
  .replace(/\n\s*/g, ' ');

/** Exactly what the report page adds after the shared stylesheet (exported for the style's CSP hash). */
export const REPORT_EXTRA_STYLE = ` ${REPORT_PAGE_STYLE}`;
