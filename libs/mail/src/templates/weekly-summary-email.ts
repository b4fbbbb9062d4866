import { EMAIL_COLOURS, FONT_STACK } from './email-blocks';
import { renderEmail, type RenderedEmail } from './email-layout';
import { escapeHtml } from './escape';

export interface WeeklySummaryEmailModel {
  firstName: string;
  organizationName: string;
  /** e.g. "Week of 1 March". */
  weekLabel: string;
  /**
   * The words of the week (the domain's weeklySummaryWords): the subject, the week in numbers,
   * how it went and, after a stop, a step back or a hold, what happens next.
   */
  words: { subject: string; numbers: string; howItWent: string; whatNext: string | null };
  /** Content id of the inline chart PNG (see renderWeeklyChartPng), used as src="cid:...". */
  chartCid: string;
  /** The chart in words, e.g. "Minutes walked each day: Mon 10, Tue none, ...". */
  chartAlt: string;
  checkInUrl: string;
  pauseUrl: string;
  unsubscribeUrl: string;
  /** "Your data" (download or delete) in the footer. */
  dataUrl?: string;
}

/** Display size of the chart; the PNG is drawn at twice this width so it is sharp on phones. */
const CHART_WIDTH_CSS = 300;

// Stands in for the chart in the block list (see below). Every model value reaches the email inside
// a longer sentence, so no other paragraph can consist of exactly this text.
const CHART_SLOT = 'rw-weekly-chart-slot';

function chartCidSrc(cid: string): string {
  // A content id is an addr-spec-like token; anything else (spaces, quotes, angle brackets) would
  // not match the attachment in any mail client, so fail loudly rather than send a broken image.
  if (!/^[A-Za-z0-9._@+-]+$/.test(cid)) {
    throw new Error('Expected a chart content id made of letters, digits and . _ @ + -');
  }
  return `cid:${escapeHtml(cid)}`;
}

/**
 * The chart row: the inline image (its alt text carries the whole chart in words) and a one-line
 * key, as the chart itself has no text.
 */
function chartRowHtml(model: WeeklySummaryEmailModel): string {
  const img =
    `<img src="${chartCidSrc(model.chartCid)}" width="${CHART_WIDTH_CSS}" alt="${escapeHtml(model.chartAlt)}" ` +
    `style="display:block;width:${CHART_WIDTH_CSS}px;max-width:100%;height:auto;border:0;border-radius:8px;outline:none;text-decoration:none;">`;
  const key = `<p class="rw-muted" style="margin:8px 0 0 0;font-family:${FONT_STACK};font-size:16px;line-height:24px;color:${EMAIL_COLOURS.muted};">Bars: minutes walked each day. Dots: knee pain, 0 to 10. A small grey dash: no walk that day.</p>`;
  return `<tr><td style="padding:0 0 24px 0;">${img}${key}</td></tr>`;
}

function replaceOnce(source: string, pattern: RegExp, replacement: string): string {
  const matches = source.match(new RegExp(pattern.source, `${pattern.flags}g`)) ?? [];
  if (matches.length !== 1) {
    throw new Error(`Expected exactly one chart slot in the weekly summary, found ${matches.length}`);
  }
  return source.replace(pattern, () => replacement);
}

export function renderWeeklySummaryEmail(model: WeeklySummaryEmailModel): RenderedEmail {
  const { words } = model;
  const summary = `${model.weekLabel}: ${words.numbers}`;
  const email = renderEmail({
    subject: words.subject,
    preheader: words.whatNext ?? summary,
    blocks: [
      { kind: 'heading', text: `Your week, ${model.firstName}` },
      { kind: 'paragraph', text: summary },
      // EmailBlock has no image kind and no raw-HTML kind, and email-blocks.ts is shared by every
      // template, so the chart goes in through this placeholder paragraph instead: after rendering,
      // its HTML row is swapped for the image row and its plain-text line for the chart in words.
      // Both parts keep the chart at the same place in the message.
      { kind: 'paragraph', text: CHART_SLOT },
      { kind: 'paragraph', text: words.howItWent },
      ...(words.whatNext === null
        ? []
        : [
            {
              kind: 'callout' as const,
              tone: 'info' as const,
              title: 'What happens next',
              lines: [words.whatNext],
            },
          ]),
      { kind: 'button', label: 'Log a walk', url: model.checkInUrl },
      {
        kind: 'paragraph',
        text: 'Walk backwards only on flat, clear ground. Stop at once if you fall, feel sharp pain or dizziness, or your knee swells or gives way, and tell us in your check-in.',
        muted: true,
      },
      { kind: 'link', lead: 'Need a break?', label: 'Pause reminders', url: model.pauseUrl },
    ],
    footer: {
      organizationName: model.organizationName,
      reason: `You get this weekly summary because you joined the retro walking programme from ${model.organizationName}.`,
      unsubscribeUrl: model.unsubscribeUrl,
      dataUrl: model.dataUrl,
    },
  });
  return {
    subject: email.subject,
    html: replaceOnce(
      email.html,
      new RegExp(`<tr><td[^>]*><p[^>]*>${CHART_SLOT}</p></td></tr>`),
      chartRowHtml(model),
    ),
    text: replaceOnce(email.text, new RegExp(`^${CHART_SLOT}$`, 'm'), model.chartAlt),
  };
}
