/*
 * An email address however it was written into a log line: plain (`sam@example.com`), URL-encoded
 * once or more (`sam%40example.com`, `sam%2540example.com`, `%2E` for the dots), as an HTML or
 * JavaScript escape (`&#64;`, `&#x40;`, `\u0040`, `\x40`), with a full-width or small at sign
 * (`＠`, `﹫`), or spelled out (`sam (at) example (dot) com`). The local part stops at the characters
 * that separate a query parameter from its name, so `email=sam%40example.com` keeps `email=`.
 */
const LOCAL = String.raw`[^\s@<>"'(),;:=&?/\[\]＠﹫]+`;
const AT = String.raw`(?:@|＠|﹫|%(?:25)*40|&#0*64;|&#x0*40;|\\u0040|\\x40|\s*[\[(]\s*at\s*[\])]\s*)`;
const DOT = String.raw`(?:\.|%(?:25)*2e|&#0*46;|&#x0*2e;|\s*[\[(]\s*dot\s*[\])]\s*)`;
const LABEL = String.raw`[\p{L}\p{N}_-]+`;
const EMAIL = new RegExp(`${LOCAL}${AT}${LABEL}(?:${DOT}${LABEL})+`, 'giu');

/** Email addresses never reach the logs, whoever wrote the message and however they encoded it. */
export function redact(text: string): string {
  return text.replace(EMAIL, '[email]');
}
