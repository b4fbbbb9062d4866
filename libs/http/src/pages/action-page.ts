import { escapeHref, escapeHtml } from '@retrowalk/mail';
import { paragraphsHtml, renderPageShell, type PageMessage } from './page-layout';

export interface ActionPageModel {
  organizationName: string;
  title: string;
  heading: string;
  message: PageMessage;
  buttonLabel: string;
  /** Where the button POSTs: an absolute http(s) URL or a path on this site, token included. */
  formAction: string;
  secondaryNote?: string;
  /**
   * A second, different answer (e.g. "yes, one of these happened"), posted to its own signed link,
   * on a red button; `first` puts it above the main one, for the answer that matters most.
   */
  alternative?: { buttonLabel: string; formAction: string; first?: boolean };
}

/**
 * The page a participant lands on from an email link (confirm, pause, unsubscribe...). Mail
 * scanners and link previewers fetch every GET link in an email before the person ever sees it, so
 * opening the link must never change anything: the GET shows this page, and only the POST sent by
 * pressing its button acts.
 */
export function renderActionPage(model: ActionPageModel): string {
  const note =
    model.secondaryNote === undefined ? '' : `\n<p class="note">${escapeHtml(model.secondaryNote)}</p>`;
  const main =
    `<form method="post" action="${escapeHref(model.formAction, 'absolute-or-path')}">\n` +
    `<button type="submit" class="button">${escapeHtml(model.buttonLabel)}</button>\n</form>`;
  const other =
    model.alternative === undefined
      ? ''
      : `<form method="post" action="${escapeHref(model.alternative.formAction, 'absolute-or-path')}">\n` +
        `<button type="submit" class="button alternative">${escapeHtml(model.alternative.buttonLabel)}</button>\n</form>`;
  const forms = model.alternative?.first === true ? [other, main] : [main, other];
  return renderPageShell({
    title: model.title,
    organizationName: model.organizationName,
    tone: 'neutral',
    bodyHtml:
      `<h1>${escapeHtml(model.heading)}</h1>\n${paragraphsHtml(model.message)}\n` +
      forms.filter((form) => form !== '').join('\n') +
      note,
  });
}
