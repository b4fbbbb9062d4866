/**
 * Characters that make a spreadsheet read a cell as a formula when they come first (CSV injection):
 * = + - @, the tab and the line breaks some programs skip before looking, and the full-width and
 * small forms that Excel and LibreOffice turn into their ASCII twins as the cell is read.
 */
const FORMULA_STARTS = new Set([
  '=',
  '+',
  '-',
  '@',
  '\t',
  '\r',
  '\n',
  '\uFF1D', // ＝ full-width equals
  '\uFF0B', // ＋ full-width plus
  '\uFF0D', // － full-width hyphen-minus
  '\uFF20', // ＠ full-width commercial at
  '\uFE66', // ﹦ small equals
  '\uFE62', // ﹢ small plus
  '\uFE63', // ﹣ small hyphen-minus
  '\uFE6B', // ﹫ small commercial at
]);

const LEADING_SPACES = /^[ \u00A0\u3000]+/;

/** A plain decimal number, negative ones included, is data that a spreadsheet must keep as a number. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * The cell's text as a spreadsheet will show it without running it: text that would start a
 * formula gets a leading apostrophe (OWASP's advice; spreadsheets hide it), anything else is left
 * exactly as it is.
 */
export function spreadsheetSafe(value: string): string {
  // Some imports trim leading spaces before they look, so " =1+1" counts as a formula too.
  const first = value.replace(LEADING_SPACES, '')[0] ?? value[0];
  if (first === undefined || !FORMULA_STARTS.has(first) || PLAIN_NUMBER.test(value)) return value;
  return `'${value}`;
}

/** One CSV field: always quoted, quotes doubled, formulas defused. */
export function csvField(value: string): string {
  return `"${spreadsheetSafe(value).replace(/"/g, '""')}"`;
}
