import { nameProblem } from './name-text';

const TEXT_DIRECTION_MARK = /[\u061c\u200e\u200f]/;

/**
 * What is wrong with a name that goes into a mail header as the display name of an address (an
 * organisation's sender name; its display name, which may become one), or null when it is fine.
 * The mail layer quotes or encodes whatever it gets, so these rules are what keeps the name honest
 * in every mail client, not what keeps the header well-formed:
 * - `=?` opens an RFC 2047 encoded word: "=?utf-8?q?Bank_<alerts@bank.test>?=" is shown decoded, as
 *   an address the message is not from, by clients that decode inside quotes too.
 * - `<`, `>`, `"` and `@` make a name read like an address or end its quoting.
 * - A backslash escapes the character after it inside quotes; one at the end of a hand-quoted name
 *   ate the closing quote and made every email of the organisation fail (SMTP 501).
 */
export function mailHeaderNameProblem(value: string): string | null {
  const problem = nameProblem(value);
  if (problem !== null) return problem;
  if (value.includes('=?')) return 'must not contain "=?" (mail clients read it as an encoded word)';
  if (/[<>"@]/.test(value)) return 'must not contain < > " or @';
  if (value.includes('\\')) return 'must not contain a backslash';
  if (TEXT_DIRECTION_MARK.test(value)) return 'must not contain text-direction marks';
  return null;
}
