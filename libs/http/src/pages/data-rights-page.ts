import { escapeHref, escapeHtml } from '@retrowalk/mail';
import { renderPageShell } from './page-layout';

export interface DataRightsPageModel {
  organizationName: string;
  firstName: string;
  /** Where "Download my data" POSTs (a path with the signed token). */
  exportAction: string;
  /** The page that asks to confirm the deletion (a GET: opening it changes nothing). */
  eraseConfirmHref: string;
}

export interface EraseConfirmPageModel {
  organizationName: string;
  /** Where "Yes, delete my data" POSTs. */
  eraseAction: string;
  /** Back to the "your data" page, to download first or change one's mind. */
  backHref: string;
}

const path = (url: string) => escapeHref(url, 'absolute-or-path');

/**
 * "Your data", behind the link in every email's footer: download everything, or have it deleted.
 * The download is a POST (a mail scanner fetching the link must not receive the person's data);
 * "delete" only leads to a page that explains and asks again.
 */
export function renderDataRightsPage(model: DataRightsPageModel): string {
  const greeting = model.firstName.trim() === '' ? 'Hello.' : `Hi ${model.firstName}.`;
  return renderPageShell({
    title: 'Your data',
    organizationName: model.organizationName,
    tone: 'neutral',
    bodyHtml: [
      `<h1>Your data</h1>`,
      `<p>${escapeHtml(greeting)} Here you can download everything ${escapeHtml(model.organizationName)} holds about you for this programme, or have it deleted.</p>`,
      `<section class="choice-block">`,
      `<h2>Download my data</h2>`,
      `<p>One file with your details, your answers to the health questions, every walk you logged and what the programme decided after each one.</p>`,
      `<form method="post" action="${path(model.exportAction)}">`,
      `<button type="submit" class="button">Download my data</button>`,
      `</form>`,
      `</section>`,
      `<section class="choice-block">`,
      `<h2>Delete my data</h2>`,
      `<p>Removes your details and everything you told us, and stops all emails. We will ask you to confirm first.</p>`,
      `<a class="button secondary" href="${path(model.eraseConfirmHref)}">Delete my data</a>`,
      `</section>`,
    ].join('\n'),
  });
}

/** The one, calm explanation before an erasure: what goes, what stays, and that it is final. */
export function renderEraseConfirmPage(model: EraseConfirmPageModel): string {
  return renderPageShell({
    title: 'Delete your data?',
    organizationName: model.organizationName,
    tone: 'warning',
    bodyHtml: [
      `<h1>Delete your data?</h1>`,
      `<p>If you go ahead, we will:</p>`,
      `<ul>`,
      `<li>stop all emails from this programme, straight away</li>`,
      `<li>delete your name, email address and answers to the health questions</li>`,
      `<li>delete what you told us about each walk, such as pain and notes</li>`,
      `</ul>`,
      `<p>We keep only anonymous numbers, such as how many walks were logged, so the programme's statistics stay right. They cannot be linked back to you.</p>`,
      `<p><strong>This cannot be undone.</strong> To take part again later, you would enrol again. Emails already sent to you stay in your inbox.</p>`,
      `<form method="post" action="${path(model.eraseAction)}">`,
      `<button type="submit" class="button danger">Yes, delete my data</button>`,
      `</form>`,
      `<a class="button secondary" href="${path(model.backHref)}">No, go back</a>`,
      `<p class="note">Want a copy first? Go back and choose "Download my data".</p>`,
    ].join('\n'),
  });
}
