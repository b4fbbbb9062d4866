/**
 * A character a reader can see: not whitespace, not a control or format character (zero-width
 * spaces, joiners, the BOM, soft hyphens, text-direction marks), not a default-ignorable code point
 * (the Hangul fillers render as nothing), not a combining mark on its own, and not the blank
 * Braille pattern. A name made only of the rest looks empty on a page and in an inbox.
 */
const VISIBLE = /[^\p{White_Space}\p{Cc}\p{Cf}\p{M}\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}\u2800]/u;

// Without the u flag a regular expression sees UTF-16 code units, so it can find halves of a pair.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * False for text with half of a UTF-16 surrogate pair: it has no UTF-8 form, so Postgres refuses it
 * in JSON and a mail header cannot carry it. JSON's "\ud800" escape makes one.
 */
export function isWellFormedUnicode(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

const LINE_BREAK = /[\n\r\u0085\u2028\u2029]/;
/** C0 and C1 controls and DEL: nothing a name needs, and NUL cannot be stored in a text column. */
const CONTROL = /\p{Cc}/u;
/** Embeddings, overrides and isolates re-order the text around them (the "evil‮moc.knab" trick). */
const DIRECTION_OVERRIDE = /[\u202a-\u202e\u2066-\u2069]/;

/**
 * What is wrong with a name a person typed (a first name, a key label, an organisation's display or
 * sender name), as a message that follows the field name, or null when it is fine. Length limits
 * are the caller's: they differ per field.
 */
export function nameProblem(value: string): string | null {
  if (!isWellFormedUnicode(value)) return 'must be valid Unicode text';
  if (LINE_BREAK.test(value)) return 'must not contain line breaks';
  if (CONTROL.test(value)) return 'must not contain control characters';
  if (value.trim() === '') return 'must not be blank';
  if (!VISIBLE.test(value)) return 'must contain visible characters, not only invisible ones';
  if (DIRECTION_OVERRIDE.test(value)) return 'must not contain text-direction override characters';
  return null;
}
