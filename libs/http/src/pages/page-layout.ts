import { escapeHtml } from '@retrowalk/mail';

export type PageTone = 'neutral' | 'success' | 'info' | 'warning' | 'error';

/** Paragraphs as a list, or one string with paragraphs separated by blank lines. */
export type PageMessage = string | readonly string[];

export interface PageShell {
  title: string;
  organizationName?: string;
  tone: PageTone;
  /** Already-escaped HTML for the inside of the card. */
  bodyHtml: string;
  /** More rules for one kind of page (a report's tables and charts); trusted, never user input. */
  extraStyle?: string;
}

// Everything lives in this one stylesheet: the pages load no fonts, images or scripts, so they open
// fast on a weak phone signal and reveal nothing about the visitor to third parties.
const STYLE = `
:root {
  color-scheme: light dark;
  --bg: #f3f1ec; --card: #ffffff; --text: #1f2933; --muted: #4b5563;
  --accent: #1d6b57; --accent-hover: #15503f; --accent-text: #ffffff; --focus: #b7590b;
  --success: #1d6b57; --info: #1a5c8a; --warning: #8a5a00; --error: #b42318; --neutral: #1d6b57;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #14181c; --card: #1f252b; --text: #eef0f2; --muted: #c3c9cf;
    --accent: #6fd3b2; --accent-hover: #97e2c9; --accent-text: #0b1f18; --focus: #f0b429;
    --success: #6fd3b2; --info: #8cc4ef; --warning: #f0b429; --error: #ff9b8f; --neutral: #6fd3b2;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--text);
  font-family: -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, system-ui, sans-serif;
  font-size: 18px; line-height: 1.55;
}
main { max-width: 36rem; margin: 0 auto; padding: 20px 14px 48px; }
.card { overflow: hidden; background: var(--card); border-radius: 14px; padding: 0 20px 28px; }
.card::before { content: ''; display: block; height: 6px; margin: 0 -20px 24px; background: var(--tone); }
.org { margin: 0 0 10px; color: var(--muted); font-size: 16px; font-weight: 600; }
.icon {
  display: flex; align-items: center; justify-content: center; width: 48px; height: 48px;
  margin: 0 0 14px; border-radius: 50%; background: var(--tone); color: var(--card);
  font-size: 26px; font-weight: 700; line-height: 1;
}
h1 { margin: 0 0 16px; font-size: 26px; line-height: 1.25; }
p { margin: 0 0 16px; overflow-wrap: anywhere; }
form { margin: 24px 0 0; }
.button {
  display: block; width: 100%; min-height: 56px; margin: 0; padding: 14px 20px;
  border: 0; border-radius: 12px; background: var(--accent); color: var(--accent-text);
  font: inherit; font-size: 20px; font-weight: 700; cursor: pointer;
}
.button:hover { background: var(--accent-hover); }
.button.alternative { background: #b42318; }
.button.alternative:hover { background: #912018; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 3px; }
.note { margin: 20px 0 0; color: var(--muted); font-size: 16px; }
.tone-neutral { --tone: var(--neutral); } .tone-success { --tone: var(--success); }
.tone-info { --tone: var(--info); } .tone-warning { --tone: var(--warning); } .tone-error { --tone: var(--error); }
:root { --line: #7b8591; --picked: #e3f1ec; }
@media (prefers-color-scheme: dark) { :root { --line: #7d8893; --picked: #1d3a32; } }
.level { color: var(--muted); }
.level strong { display: block; color: var(--text); }
fieldset { min-width: 0; margin: 32px 0 0; padding: 0; border: 0; }
.field { margin: 32px 0 0; }
legend, .field-label { display: block; margin: 0 0 12px; padding: 0; font-size: 20px; font-weight: 700; line-height: 1.3; }
.optional { color: var(--muted); font-weight: normal; }
.hint { margin: -4px 0 14px; color: var(--muted); font-size: 16px; }
.minutes { display: flex; align-items: center; gap: 12px; }
.minutes input, textarea {
  border: 2px solid var(--line); border-radius: 10px; background: var(--card); color: var(--text); font: inherit;
}
.minutes input { width: 7rem; min-height: 56px; padding: 8px 12px; font-size: 22px; font-weight: 700; text-align: center; }
textarea { display: block; width: 100%; min-height: 104px; padding: 10px 12px; resize: vertical; }
.scale { display: grid; grid-template-columns: repeat(6, 1fr); gap: 8px; }
@media (max-width: 379px) { .scale { grid-template-columns: repeat(4, 1fr); } }
.scale label { position: relative; display: block; }
.scale input { position: absolute; inset: 0; width: 100%; height: 100%; margin: 0; opacity: 0; cursor: pointer; }
.scale span {
  display: flex; align-items: center; justify-content: center; min-height: 52px;
  border: 2px solid var(--line); border-radius: 10px; font-size: 20px; font-weight: 700;
}
.scale input:checked + span { border-color: var(--accent); background: var(--accent); color: var(--accent-text); }
.scale input:focus-visible + span { outline: 3px solid var(--focus); outline-offset: 2px; }
.choices { display: grid; gap: 10px; }
.choice {
  display: flex; align-items: center; gap: 14px; min-height: 56px; padding: 10px 14px;
  border: 2px solid var(--line); border-radius: 10px; line-height: 1.35; cursor: pointer;
}
.choice input { flex: none; width: 26px; height: 26px; margin: 0; accent-color: var(--accent); cursor: pointer; }
.choice:has(input:checked) { border-color: var(--accent); background: var(--picked); }
.button.send { margin: 36px 0 0; }
h2 { margin: 0 0 10px; font-size: 21px; line-height: 1.3; }
ul { margin: 0 0 16px; padding-left: 1.3em; } li { margin: 0 0 8px; }
.choice-block { margin: 28px 0 0; padding: 24px 0 0; border-top: 1px solid var(--line); }
.choice-block form { margin: 16px 0 0; }
a.button { display: flex; align-items: center; justify-content: center; text-align: center; text-decoration: none; }
.button.secondary { margin: 16px 0 0; border: 2px solid var(--line); background: transparent; color: var(--text); font-weight: 600; }
.button.secondary:hover { background: var(--picked); }
.button.danger { background: var(--error); color: var(--card); }
.button.danger:hover { background: #912018; }
`
  .trim()
  .replace(/\n\s*/g, ' ');

/** The text of a page's one `<style>` element: the shared rules, then the page kind's own. */
export function pageStyleOf(extraStyle?: string): string {
  return `${STYLE}${extraStyle ?? ''}`;
}

export function paragraphsOf(message: PageMessage): string[] {
  const parts = typeof message === 'string' ? message.split(/\n\s*\n/) : message;
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

export function paragraphsHtml(message: PageMessage, className?: string): string {
  const attr = className === undefined ? '' : ` class="${className}"`;
  return paragraphsOf(message)
    .map((part) => `<p${attr}>${escapeHtml(part)}</p>`)
    .join('\n');
}

export function renderPageShell(page: PageShell): string {
  const org = page.organizationName;
  const title = org === undefined ? page.title : `${page.title} - ${org}`;
  const orgLine = org === undefined ? '' : `<p class="org">${escapeHtml(org)}</p>\n`;
  // Participant links carry their signed token in the URL: no-referrer keeps it from leaking to any
  // other site, and noindex keeps these one-person pages out of search engines.
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)}</title>
<style>${pageStyleOf(page.extraStyle)}</style>
</head>
<body>
<main>
<div class="card tone-${page.tone}">
${orgLine}${page.bodyHtml}
</div>
</main>
</body>
</html>
`;
}
