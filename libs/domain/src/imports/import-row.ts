import { type FieldProblem } from '../errors';
import { nameProblem } from '../names/name-text';
import { AUDIENCES, type Audience, isAudience } from '../programme/audience';
import { isLocalTime, type LocalTime, WEEKDAYS, type Weekday } from '../schedule/local-time';
import { canonicalTimeZone } from '../schedule/time-zone-name';
import { type Screening, SCREENING_FIELDS } from '../screening/screening';

/** The columns an import file may have. Names are matched without regard to case or outer spaces. */
export const IMPORT_COLUMNS = [
  'email',
  'firstName',
  'timezone',
  'reminderDays',
  'reminderTime',
  'audience',
  'externalId',
  ...SCREENING_FIELDS,
] as const;

export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/**
 * Without these the file cannot be imported at all. Screening answers are required because a missing
 * answer must never pass for "no": the person might be the one who should see a professional first.
 * Timezone and reminder columns may be left out; the organisation's defaults fill them.
 */
export const REQUIRED_IMPORT_COLUMNS: readonly ImportColumn[] = Object.freeze([
  'email',
  'firstName',
  'audience',
  ...SCREENING_FIELDS,
]);

/** One data row, keyed by column; only the columns the file has. */
export type ImportRowData = Partial<Record<ImportColumn, string>>;

export interface ImportHeader {
  /** The column of each field position in the file. */
  columns: ImportColumn[];
}

/**
 * Checks the header row: every name known, none repeated, every required column present. A bad
 * header fails the whole import (named columns in `problems`), since no row could be read right.
 */
export function readImportHeader(names: readonly string[]): ImportHeader | { problems: FieldProblem[] } {
  const byKey = new Map<string, ImportColumn>(IMPORT_COLUMNS.map((c) => [c.toLowerCase(), c]));
  const problems: FieldProblem[] = [];
  const columns: ImportColumn[] = [];
  const seen = new Set<ImportColumn>();
  names.forEach((raw, index) => {
    const name = raw.trim();
    const column = byKey.get(name.toLowerCase());
    if (column === undefined) {
      // Never the name itself: a file without a header row has a person's email and answers here.
      problems.push({
        field: `header[${index + 1}]`,
        message: `is not a known column name (known: ${IMPORT_COLUMNS.join(', ')})`,
      });
      return;
    }
    if (seen.has(column)) {
      problems.push({ field: `header[${index + 1}]`, message: `column ${column} appears twice` });
      return;
    }
    seen.add(column);
    columns.push(column);
  });
  for (const column of REQUIRED_IMPORT_COLUMNS) {
    if (!seen.has(column)) problems.push({ field: column, message: 'column is missing from the header' });
  }
  return problems.length > 0 ? { problems } : { columns };
}

/**
 * Pairs a record's fields with the header's columns. Extra or missing fields are a row problem, as
 * is a NUL character (no text column can store one; the value is kept without it, flagged).
 */
export function rowDataOf(
  header: ImportHeader,
  fields: readonly string[],
): { data: ImportRowData; problems: FieldProblem[] } {
  const data: ImportRowData = {};
  const problems: FieldProblem[] = [];
  header.columns.forEach((column, i) => {
    const value = fields[i];
    if (value === undefined) return;
    if (value.includes('\u0000')) {
      problems.push({ field: column, message: 'must not contain a NUL character' });
      data[column] = value.replaceAll('\u0000', '');
    } else data[column] = value;
  });
  if (fields.length !== header.columns.length) {
    problems.push({
      field: 'row',
      message: `has ${fields.length} field(s) where the header has ${header.columns.length}`,
    });
  }
  return { data, problems };
}

/** What a valid row asks for; left-out optional values are filled from the organisation's defaults later. */
export interface ImportedEnrollment {
  email: string;
  firstName: string;
  timezone: string | null;
  reminderDays: Weekday[] | null;
  reminderTime: LocalTime | null;
  audience: Audience;
  screening: Screening;
  externalId: string | null;
}

export interface ImportRowRules {
  /** The API's own email check, so a row and a POST /v1/enrollments accept the same addresses. */
  isEmail: (value: string) => boolean;
}

export type ImportRowResult =
  { ok: true; value: ImportedEnrollment } | { ok: false; problems: FieldProblem[] };

const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);
const LINE_BREAK = /[\r\n]/;

/**
 * Validates one row. Messages name the field and the rule but never repeat the value: a screening
 * answer is health data, and errors are shown to wellness managers too.
 */
export function validateImportRow(data: ImportRowData, rules: ImportRowRules): ImportRowResult {
  const problems: FieldProblem[] = [];
  const text = (column: ImportColumn): string => (data[column] ?? '').trim();

  const email = text('email');
  if (email === '') problems.push({ field: 'email', message: 'is required' });
  else if (email.length > 254 || LINE_BREAK.test(email) || !rules.isEmail(email))
    problems.push({ field: 'email', message: 'must be a valid email address' });

  const firstName = text('firstName');
  if (firstName === '') problems.push({ field: 'firstName', message: 'is required' });
  else if (firstName.length > 100)
    problems.push({ field: 'firstName', message: 'must be at most 100 characters' });
  else {
    const problem = nameProblem(firstName);
    if (problem !== null) problems.push({ field: 'firstName', message: problem });
  }

  const typedTimezone = text('timezone');
  // Stored as the tz database spells it, so "europe/berlin" and "Europe/Berlin" are one zone.
  const timezone = typedTimezone === '' ? null : canonicalTimeZone(typedTimezone);
  if (typedTimezone !== '' && timezone === null)
    problems.push({ field: 'timezone', message: 'must be an IANA timezone name such as Europe/Berlin' });

  const days = text('reminderDays');
  const reminderDays = days === '' ? null : parseReminderDays(days);
  if (typeof reminderDays === 'string') problems.push({ field: 'reminderDays', message: reminderDays });

  const time = text('reminderTime');
  if (time !== '' && !isLocalTime(time))
    problems.push({ field: 'reminderTime', message: 'must be a time as HH:MM (24-hour), such as 07:30' });

  const audience = text('audience').toLowerCase();
  if (audience === '') problems.push({ field: 'audience', message: 'is required' });
  else if (!isAudience(audience))
    problems.push({ field: 'audience', message: `must be one of ${AUDIENCES.join(', ')}` });

  const screening: Partial<Screening> = {};
  for (const field of SCREENING_FIELDS) {
    const answer = text(field).toLowerCase();
    if (YES.has(answer)) screening[field] = true;
    else if (NO.has(answer)) screening[field] = false;
    else
      problems.push({
        field,
        message: answer === '' ? 'is required: answer yes or no' : 'must be yes or no (or true/false, 1/0)',
      });
  }

  const externalId = text('externalId');
  if (externalId.length > 200)
    problems.push({ field: 'externalId', message: 'must be at most 200 characters' });
  else if (LINE_BREAK.test(externalId))
    problems.push({ field: 'externalId', message: 'must not contain line breaks' });

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      email,
      firstName,
      timezone,
      reminderDays: reminderDays as Weekday[] | null,
      reminderTime: time === '' ? null : time,
      audience: audience as Audience,
      screening: screening as Screening,
      externalId: externalId === '' ? null : externalId,
    },
  };
}

/** "mon;wed;fri", "mon wed fri" or "Mon, Wed, Fri": the weekdays, or what is wrong with them. */
export function parseReminderDays(value: string): Weekday[] | string {
  const names = value
    .toLowerCase()
    .split(/[\s;,]+/)
    .filter((name) => name !== '');
  if (names.length === 0) return 'must name at least one day';
  const days: Weekday[] = [];
  for (const name of names) {
    const day = WEEKDAYS.find((d) => d === name);
    if (day === undefined)
      return 'must be days written as mon, tue, wed, thu, fri, sat or sun, such as mon;wed;fri';
    if (days.includes(day)) return 'must not repeat a day';
    days.push(day);
  }
  return days;
}

/** The key an email is unique by within an organisation (the database compares lower(email)). */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}
