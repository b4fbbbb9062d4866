const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * A moment in time written in ISO 8601 / RFC 3339 with its UTC offset: `2027-03-03T13:00:00Z`,
 * `2027-03-03T08:00-05:00`. A date alone (`2027-03-03`) or a time without an offset is refused
 * rather than guessed: JavaScript would read the first as midnight UTC and the second in the
 * server's own timezone, and either would file the walk on the wrong day.
 */
export function parseInstant(text: string): Date | null {
  const match = INSTANT.exec(text);
  if (match === null) return null;
  const [, year, month, day, hour, minute, second, fraction, zulu, sign, offsetHour, offsetMinute] = match;
  const n = (s: string | undefined) => Number(s ?? '0');
  if (n(hour) > 23 || n(minute) > 59 || n(second) > 59) return null;
  if (zulu === undefined && (n(offsetHour) > 23 || n(offsetMinute) > 59)) return null;
  const local = Date.UTC(n(year), n(month) - 1, n(day), n(hour), n(minute), n(second));
  const check = new Date(local);
  // Date.UTC rolls 31 April over to 1 May; a date that does not exist is a typo, not a moment.
  if (
    check.getUTCFullYear() !== n(year) ||
    check.getUTCMonth() !== n(month) - 1 ||
    check.getUTCDate() !== n(day)
  ) {
    return null;
  }
  const offsetMs =
    zulu === undefined ? (sign === '-' ? -1 : 1) * (n(offsetHour) * 60 + n(offsetMinute)) * 60_000 : 0;
  const ms = Number(`0.${fraction ?? '0'}`) * 1000;
  return new Date(local - offsetMs + Math.floor(ms));
}
