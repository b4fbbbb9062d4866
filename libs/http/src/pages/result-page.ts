import { escapeHtml } from '@retrowalk/mail';
import { paragraphsHtml, renderPageShell, type PageMessage } from './page-layout';

export type ResultTone = 'success' | 'info' | 'warning' | 'error';

export interface ResultPageModel {
  organizationName: string;
  title: string;
  heading: string;
  message: PageMessage;
  tone: ResultTone;
  /** Points under their own headings after the message, e.g. "What to do now". */
  sections?: readonly { title: string; items: readonly string[] }[];
}

// The symbol repeats what the colour says, so the tone does not depend on seeing colour; it is
// hidden from screen readers because the heading already says the same thing in words.
const TONE_SYMBOL: Readonly<Record<ResultTone, string>> = {
  success: '&#10003;',
  info: 'i',
  warning: '!',
  error: '&#215;',
};

/** Shown after the POST of an action page, or when the action had already been done. */
export function renderResultPage(model: ResultPageModel): string {
  return renderTonedPage(model);
}

/** Like a result page, for callers that may not know the organisation (a broken link). */
export function renderTonedPage(
  model: Omit<ResultPageModel, 'organizationName'> & { organizationName?: string },
): string {
  return renderPageShell({
    title: model.title,
    ...(model.organizationName === undefined ? {} : { organizationName: model.organizationName }),
    tone: model.tone,
    bodyHtml:
      `<div class="icon" aria-hidden="true">${TONE_SYMBOL[model.tone]}</div>\n` +
      `<h1>${escapeHtml(model.heading)}</h1>\n${paragraphsHtml(model.message)}` +
      (model.sections ?? [])
        .map(
          (section) =>
            `\n<h2>${escapeHtml(section.title)}</h2>\n<ul>\n` +
            section.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('\n') +
            '\n</ul>',
        )
        .join(''),
  });
}
