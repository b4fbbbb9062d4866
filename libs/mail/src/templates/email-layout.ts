import {
  EMAIL_COLOURS,
  FONT_STACK,
  renderBlocksHtml,
  renderBlocksText,
  type EmailBlock,
} from './email-blocks';
import { escapeHref, escapeHtml } from './escape';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/**
 * Who sent the email and why the person gets it. `unsubscribeUrl` is optional because safety
 * messages must reach people who unsubscribed from everything else; leave it out only for those.
 */
export interface EmailFooter {
  organizationName: string;
  reason: string;
  unsubscribeUrl?: string;
  /** The participant's "your data" page (download or delete everything held about them). */
  dataUrl?: string;
}

export interface EmailContent {
  subject: string;
  /** The preview line inbox lists show after the subject. */
  preheader: string;
  blocks: readonly EmailBlock[];
  footer: EmailFooter;
}

type ShellSlot = 'title' | 'preheader' | 'body' | 'footer';
type CompiledShell = (slots: Readonly<Record<ShellSlot, string>>) => string;

const SHELL_SLOTS: readonly string[] = ['title', 'preheader', 'body', 'footer'];

function isShellSlot(name: string): name is ShellSlot {
  return SHELL_SLOTS.includes(name);
}

/**
 * Splits the shell at its `{{slot}}` markers once; rendering an email then only concatenates the
 * static pieces with the slot values, with no parsing or layout work per message.
 */
function compileShell(source: string): CompiledShell {
  const pieces = source.split(/\{\{(\w+)\}\}/);
  const statics: string[] = [];
  const slots: ShellSlot[] = [];
  pieces.forEach((piece, index) => {
    if (index % 2 === 0) {
      statics.push(piece);
    } else if (isShellSlot(piece)) {
      slots.push(piece);
    } else {
      throw new Error(`Unknown slot {{${piece}}} in the email shell`);
    }
  });
  return (values) => {
    let out = statics[0] ?? '';
    slots.forEach((slot, index) => {
      out += values[slot] + (statics[index + 1] ?? '');
    });
    return out;
  };
}

const C = EMAIL_COLOURS;

// Invisible characters after the preheader stop inbox previews from pulling in the body text.
const PREHEADER_FILLER = '&#8199;&#847; '.repeat(60);

// The layout plays the role an MJML template would: written and compiled ONCE, at module load, never
// per email. It is a single 600px column of nested tables (what Outlook and Gmail render reliably),
// fluid below 600px, with every style inline because many clients strip <style>. The <style> block
// only adds a dark palette for clients that honour prefers-color-scheme; without it the email still
// reads correctly.
const renderShell = compileShell(`<!DOCTYPE html>
<html lang="en" xmlns="http://www.w3.org/1999/xhtml" xmlns:o="urn:schemas-microsoft-com:office:office">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="x-apple-disable-message-reformatting">
<meta name="format-detection" content="telephone=no, date=no, address=no, email=no">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>{{title}}</title>
<style>
  :root { color-scheme: light dark; supported-color-schemes: light dark; }
  a.rw-button:focus-visible, a.rw-link:focus-visible { outline: 3px solid #f0b429; outline-offset: 2px; }
  @media (prefers-color-scheme: dark) {
    .rw-page { background-color: #14181c !important; }
    .rw-card { background-color: #1f252b !important; }
    .rw-text, .rw-text p, .rw-text li, .rw-text h1, .rw-text h2 { color: #eef0f2 !important; }
    .rw-muted, .rw-text .rw-muted, .rw-text p.rw-muted { color: #c3c9cf !important; }
    .rw-link { color: #8cc4ef !important; }
    .rw-callout-safety { background-color: #3a2e12 !important; color: #fbeecb !important; }
    .rw-callout-info { background-color: #15314a !important; color: #dcebf7 !important; }
    .rw-button-plain { background-color: #1f252b !important; color: #6fd3b2 !important; border-color: #6fd3b2 !important; }
  }
</style>
<!--[if mso]><xml><o:OfficeDocumentSettings><o:PixelsPerInch>96</o:PixelsPerInch></o:OfficeDocumentSettings></xml><![endif]-->
</head>
<body class="rw-page" style="margin:0;padding:0;width:100%;background-color:${C.page};-webkit-text-size-adjust:100%;-ms-text-size-adjust:100%;">
<div style="display:none;font-size:1px;line-height:1px;max-height:0;max-width:0;opacity:0;overflow:hidden;mso-hide:all;">{{preheader}}${PREHEADER_FILLER}</div>
<table role="presentation" class="rw-page" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="${C.page}" style="border-collapse:collapse;background-color:${C.page};">
<tr><td align="center" style="padding:16px 8px;">
<!--[if mso]><table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;max-width:600px;table-layout:fixed;">
<tr><td class="rw-card" bgcolor="${C.card}" style="background-color:${C.card};border-radius:12px;padding:28px 20px 8px 20px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;table-layout:fixed;">
{{body}}
</table>
</td></tr>
{{footer}}
</table>
<!--[if mso]></td></tr></table><![endif]-->
</td></tr>
</table>
</body>
</html>
`);

const FOOTER_CELL = `font-family:${FONT_STACK};font-size:16px;line-height:24px;color:${C.muted};overflow-wrap:break-word;word-wrap:break-word;word-break:break-word;`;

function footerHtml(footer: EmailFooter): string {
  const unsubscribe =
    footer.unsubscribeUrl === undefined
      ? ''
      : `<p style="margin:4px 0 0 0;"><a href="${escapeHref(footer.unsubscribeUrl)}" target="_blank" class="rw-link" style="color:${C.link};text-decoration:underline;display:inline-block;padding:10px 0;font-size:16px;">Unsubscribe from these emails</a></p>`;
  const data =
    footer.dataUrl === undefined
      ? ''
      : `<p style="margin:0;"><a href="${escapeHref(footer.dataUrl)}" target="_blank" class="rw-link" style="color:${C.link};text-decoration:underline;display:inline-block;padding:10px 0;font-size:16px;">Your data: download or delete</a></p>`;
  return (
    `<tr><td class="rw-muted" style="${FOOTER_CELL}padding:20px 20px 28px 20px;">` +
    `<p style="margin:0 0 6px 0;font-weight:700;">${escapeHtml(footer.organizationName)}</p>` +
    `<p style="margin:0;">${escapeHtml(footer.reason)}</p>${unsubscribe}${data}</td></tr>`
  );
}

function footerText(footer: EmailFooter): string {
  const lines = ['-- ', footer.organizationName, footer.reason];
  if (footer.unsubscribeUrl !== undefined) {
    lines.push('', `Unsubscribe from these emails:\n${footer.unsubscribeUrl}`);
  }
  if (footer.dataUrl !== undefined) {
    lines.push('', `Your data (download or delete):\n${footer.dataUrl}`);
  }
  return lines.join('\n');
}

/** The footer of a programme email to a participant: who sends it, why, and their links. */
export function programmeFooter(model: {
  organizationName: string;
  unsubscribeUrl: string;
  dataUrl?: string;
}): EmailFooter {
  return {
    organizationName: model.organizationName,
    reason: `You get this email because you joined the retro walking programme from ${model.organizationName}.`,
    unsubscribeUrl: model.unsubscribeUrl,
    dataUrl: model.dataUrl,
  };
}

/** Emails show the subject in a single line; this keeps it one line and within a phone's width. */
export function subjectLine(text: string, maxLength = 69): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if (oneLine.length <= maxLength) return oneLine;
  const cut = oneLine.slice(0, maxLength - 1);
  const atWord = cut.lastIndexOf(' ');
  return `${(atWord > maxLength / 2 ? cut.slice(0, atWord) : cut).replace(/[\s,:;.-]+$/, '')}…`;
}

export function renderEmail(content: EmailContent): RenderedEmail {
  const subject = subjectLine(content.subject);
  const html = renderShell({
    title: escapeHtml(subject),
    preheader: escapeHtml(content.preheader),
    body: renderBlocksHtml(content.blocks),
    footer: footerHtml(content.footer),
  });
  const text = `${renderBlocksText(content.blocks)}\n\n${footerText(content.footer)}\n`;
  return { subject, text, html };
}
