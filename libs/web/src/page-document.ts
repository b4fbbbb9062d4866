import { html, type Html, url } from './html';

export interface PageDocument {
  title: string;
  body: Html;
  /** Stylesheets served by us, by path. */
  stylesheets?: readonly string[];
  /** Scripts served by us, by path: never inline, so a Content-Security-Policy can forbid inline script. */
  scripts?: readonly string[];
  bodyClass?: string;
}

/**
 * The outside of every page: language, viewport, colour scheme, no referrer (links carry tokens),
 * no indexing (every page is about someone). Participant pages, the coach workspace and the
 * report page can all build on it.
 */
export function renderPageDocument(page: PageDocument): string {
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${page.title}</title>
${(page.stylesheets ?? []).map((href) => html`<link rel="stylesheet" href="${url(href)}" /> `)}${(
    page.scripts ?? []
  ).map((src) => html`<script src="${url(src)}" defer></script> `)}</head>
<body${page.bodyClass ? html` class="${page.bodyClass}"` : ''}>
${page.body}
</body>
</html>
`.value;
}
