import { escapeHref, escapeHtml } from './escape';

/**
 * The body of every email is a list of these blocks. Both the HTML and the plain-text part are
 * rendered from the same list, so the two parts cannot drift apart in what they say or link to.
 */
export type EmailBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; muted?: boolean }
  | { kind: 'list'; items: readonly string[]; ordered?: boolean }
  | { kind: 'definitions'; items: readonly { title: string; text: string }[] }
  | { kind: 'callout'; title: string; lines: readonly string[]; tone: CalloutTone }
  | { kind: 'button'; label: string; url: string; tone?: ButtonTone }
  | { kind: 'link'; lead?: string; label: string; url: string };

export type CalloutTone = 'safety' | 'info';

/**
 * `primary` (the default) is the filled green button; `plain` an outlined one for a neutral
 * answer; `warning` a filled amber-brown one for an answer that leads to a safety question. Where
 * answers sit side by side they then differ in fill and outline, not in colour alone.
 */
export type ButtonTone = 'primary' | 'plain' | 'warning';

export const FONT_STACK =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

// Colours are chosen for at least 4.5:1 contrast on their own backgrounds, and every element that
// sets a text colour also sets its background, so a client that inverts only one of them in dark
// mode cannot leave dark text on a dark surface.
export const EMAIL_COLOURS = {
  page: '#f3f1ec',
  card: '#ffffff',
  text: '#1f2933',
  muted: '#4b5563',
  link: '#1a5c8a',
  button: '#1d6b57',
  buttonText: '#ffffff',
  safetyBackground: '#fff6dd',
  safetyBorder: '#a86b00',
  infoBackground: '#e8f1f8',
  infoBorder: '#1a5c8a',
  warningButton: '#9a3412',
} as const;

const BUTTON_STYLE: Readonly<Record<ButtonTone, { background: string; text: string; border: string }>> = {
  primary: { background: EMAIL_COLOURS.button, text: EMAIL_COLOURS.buttonText, border: EMAIL_COLOURS.button },
  plain: { background: EMAIL_COLOURS.card, text: EMAIL_COLOURS.button, border: EMAIL_COLOURS.button },
  warning: {
    background: EMAIL_COLOURS.warningButton,
    text: EMAIL_COLOURS.buttonText,
    border: EMAIL_COLOURS.warningButton,
  },
};

// Long unbroken words (compound names, long organisation names) would otherwise widen the column
// past a phone's screen and make the whole email scroll sideways.
const CELL = `font-family:${FONT_STACK};font-size:18px;line-height:28px;color:${EMAIL_COLOURS.text};overflow-wrap:break-word;word-wrap:break-word;word-break:break-word;`;

function row(content: string, padding = '0 0 20px 0'): string {
  return `<tr><td class="rw-text" style="${CELL}padding:${padding};">${content}</td></tr>`;
}

function blockHtml(block: EmailBlock): string {
  switch (block.kind) {
    case 'heading':
      return row(
        `<h2 class="rw-text" style="margin:0;font-family:${FONT_STACK};font-size:22px;line-height:30px;font-weight:700;color:${EMAIL_COLOURS.text};">${escapeHtml(block.text)}</h2>`,
        '8px 0 12px 0',
      );
    case 'paragraph': {
      const colour = block.muted === true ? EMAIL_COLOURS.muted : EMAIL_COLOURS.text;
      const cls = block.muted === true ? 'rw-muted' : 'rw-text';
      return row(`<p class="${cls}" style="margin:0;color:${colour};">${escapeHtml(block.text)}</p>`);
    }
    case 'list': {
      const tag = block.ordered === true ? 'ol' : 'ul';
      const items = block.items
        .map((item) => `<li style="margin:0 0 10px 0;padding-left:4px;">${escapeHtml(item)}</li>`)
        .join('');
      return row(`<${tag} style="margin:0;padding:0 0 0 28px;">${items}</${tag}>`, '0 0 10px 0');
    }
    case 'definitions': {
      const items = block.items
        .map(
          (item) =>
            `<p style="margin:0 0 14px 0;"><strong>${escapeHtml(item.title)}.</strong> ${escapeHtml(item.text)}</p>`,
        )
        .join('');
      return row(items, '0 0 6px 0');
    }
    case 'callout': {
      const background =
        block.tone === 'safety' ? EMAIL_COLOURS.safetyBackground : EMAIL_COLOURS.infoBackground;
      const border = block.tone === 'safety' ? EMAIL_COLOURS.safetyBorder : EMAIL_COLOURS.infoBorder;
      const lines = block.lines
        .map((line) => `<p style="margin:8px 0 0 0;">${escapeHtml(line)}</p>`)
        .join('');
      return row(
        `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;">` +
          `<tr><td class="rw-callout-${block.tone}" bgcolor="${background}" style="${CELL}background-color:${background};border-left:6px solid ${border};border-radius:6px;padding:16px 18px;">` +
          `<p style="margin:0;font-weight:700;">${escapeHtml(block.title)}</p>${lines}</td></tr></table>`,
        '4px 0 24px 0',
      );
    }
    case 'button': {
      // A full-width link inside a coloured cell: the whole 56px-high bar is tappable, and clients
      // that drop padding on links (Outlook) still show the coloured cell as the button.
      const tone = block.tone ?? 'primary';
      const look = BUTTON_STYLE[tone];
      const toneClass = tone === 'primary' ? '' : ` rw-button-${tone}`;
      return row(
        `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:separate;">` +
          `<tr><td align="center" bgcolor="${look.background}" class="rw-button-cell${toneClass}" style="background-color:${look.background};border:2px solid ${look.border};border-radius:10px;">` +
          `<a href="${escapeHref(block.url)}" target="_blank" class="rw-button${toneClass}" style="display:block;padding:12px 20px;font-family:${FONT_STACK};font-size:20px;line-height:28px;font-weight:700;color:${look.text};text-decoration:none;border-radius:10px;">${escapeHtml(block.label)}</a>` +
          `</td></tr></table>`,
        '8px 0 24px 0',
      );
    }
    case 'link': {
      const lead = block.lead === undefined ? '' : `${escapeHtml(block.lead)} `;
      return row(
        `<p class="rw-muted" style="margin:0;color:${EMAIL_COLOURS.muted};font-size:16px;line-height:24px;">${lead}<a href="${escapeHref(block.url)}" target="_blank" class="rw-link" style="color:${EMAIL_COLOURS.link};text-decoration:underline;display:inline-block;padding:10px 0;">${escapeHtml(block.label)}</a></p>`,
        '0 0 12px 0',
      );
    }
  }
}

export function renderBlocksHtml(blocks: readonly EmailBlock[]): string {
  return blocks.map(blockHtml).join('\n');
}

function blockText(block: EmailBlock): string {
  switch (block.kind) {
    case 'heading':
      return `${block.text}\n${'-'.repeat(Math.min(block.text.length, 60))}`;
    case 'paragraph':
      return block.text;
    case 'list':
      return block.items
        .map((item, index) => `${block.ordered === true ? `${index + 1}.` : '-'} ${item}`)
        .join('\n');
    case 'definitions':
      return block.items.map((item) => `- ${item.title}. ${item.text}`).join('\n');
    case 'callout':
      return [`** ${block.title} **`, ...block.lines].join('\n');
    case 'button':
      return `${block.label}:\n${block.url}`;
    case 'link':
      return `${block.lead === undefined ? '' : `${block.lead} `}${block.label}:\n${block.url}`;
  }
}

export function renderBlocksText(blocks: readonly EmailBlock[]): string {
  return blocks.map(blockText).join('\n\n');
}
