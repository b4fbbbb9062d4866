const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML element content and for quoted attribute values alike, so one helper is
 * safe everywhere we interpolate (names, organisation names and URLs all come from outside).
 */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char] ?? char);
}

export type HrefKind = 'absolute' | 'absolute-or-path';

/**
 * Escapes a URL for an href or form action after checking its scheme. Escaping alone would still let
 * a `javascript:` URL through, and emails need absolute URLs because there is no page to resolve a
 * relative one against; pages may also post to a path on their own origin.
 */
export function escapeHref(url: string, kind: HrefKind = 'absolute'): string {
  const isHttp = /^https?:\/\/[^\s/]/i.test(url);
  const isRootPath = kind === 'absolute-or-path' && url.startsWith('/') && !url.startsWith('//');
  if ((!isHttp && !isRootPath) || /\s/.test(url)) {
    throw new Error(
      kind === 'absolute' ? 'Expected an absolute http(s) URL' : 'Expected an http(s) URL or a path',
    );
  }
  return escapeHtml(url);
}
