import { escapeHref, escapeHtml } from '@retrowalk/mail';

/**
 * HTML that is safe to put in a page as it is: built by `html`, which escapes every value put into
 * it, or vouched for with `raw`. Pages are assembled from these, never from bare strings, so a name
 * or a note typed by someone can never become markup.
 */
export class Html {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

/** What may go into `html`: text (escaped), numbers, trusted Html, lists of these; nothing for the rest. */
export type HtmlPart = string | number | Html | null | undefined | false | readonly HtmlPart[];

function render(part: HtmlPart): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return (part as readonly HtmlPart[]).map(render).join('');
  return escapeHtml(String(part));
}

/** A template of trusted markup with escaped values: html`<p>${name}</p>`. */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlPart[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** Markup written by us (a stylesheet, a chart), never by a user. */
export function raw(trusted: string): Html {
  return new Html(trusted);
}

/** An href or form action: an http(s) URL or a path on this site, never `javascript:`. */
export function url(target: string): Html {
  return new Html(escapeHref(target, 'absolute-or-path'));
}

/** A query string from parameters, leaving out the empty ones. */
export function query(params: Readonly<Record<string, string | number | null | undefined>>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
