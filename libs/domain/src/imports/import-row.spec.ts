import { SCREENING_FIELDS } from '../screening/screening';
import {
  emailKey,
  IMPORT_COLUMNS,
  type ImportRowData,
  parseReminderDays,
  readImportHeader,
  rowDataOf,
  validateImportRow,
} from './import-row';

const rules = { isEmail: (s: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) };

const GOOD: ImportRowData = {
  email: ' Sam@Example.com ',
  firstName: 'Sam',
  timezone: 'Europe/Berlin',
  reminderDays: 'mon;wed;fri',
  reminderTime: '07:30',
  audience: 'general',
  externalId: 'crm-1',
  severeKneeInjury: 'no',
  acutePain: 'No',
  balanceDisorder: 'false',
  vertigo: '0',
  recentKneeSurgery: 'yes',
  clinicianClearance: 'TRUE',
};

const problemsOf = (data: ImportRowData) => {
  const result = validateImportRow(data, rules);
  return result.ok ? [] : result.problems;
};

describe('readImportHeader', () => {
  it('maps every known column, whatever its case and outer spaces', () => {
    const header = readImportHeader(IMPORT_COLUMNS.map((c, i) => (i % 2 ? ` ${c.toUpperCase()} ` : c)));
    expect(header).toEqual({ columns: [...IMPORT_COLUMNS] });
  });

  it('needs only email, firstName, audience and the screening answers', () => {
    expect(readImportHeader(['email', 'firstName', 'audience', ...SCREENING_FIELDS])).toHaveProperty(
      'columns',
    );
  });

  it('fails on unknown, repeated and missing columns, naming each', () => {
    const result = readImportHeader(['email', 'email', 'name', 'audience', ...SCREENING_FIELDS.slice(1)]);
    expect(result).toEqual({
      problems: [
        { field: 'header[2]', message: 'column email appears twice' },
        { field: 'header[3]', message: expect.stringContaining('is not a known column name') },
        { field: 'firstName', message: 'column is missing from the header' },
        { field: 'severeKneeInjury', message: 'column is missing from the header' },
      ],
    });
  });
});

describe('rowDataOf', () => {
  const header = { columns: ['email', 'firstName'] as const };

  it('pairs fields with columns', () => {
    expect(rowDataOf({ columns: [...header.columns] }, ['a@b.co', 'Al'])).toEqual({
      data: { email: 'a@b.co', firstName: 'Al' },
      problems: [],
    });
  });

  it('reports a row with too few or too many fields', () => {
    expect(rowDataOf({ columns: [...header.columns] }, ['a@b.co']).problems).toEqual([
      { field: 'row', message: 'has 1 field(s) where the header has 2' },
    ]);
    expect(rowDataOf({ columns: [...header.columns] }, ['a', 'b', 'c']).problems).toHaveLength(1);
  });

  it('flags a NUL character (Postgres text cannot hold one) and keeps the value without it', () => {
    expect(rowDataOf({ columns: [...header.columns] }, ['a@b.co', 'A\u0000l'])).toEqual({
      data: { email: 'a@b.co', firstName: 'Al' },
      problems: [{ field: 'firstName', message: 'must not contain a NUL character' }],
    });
  });
});

describe('validateImportRow', () => {
  it('turns a good row into an enrolment, trimming text and reading yes/no answers', () => {
    expect(validateImportRow(GOOD, rules)).toEqual({
      ok: true,
      value: {
        email: 'Sam@Example.com',
        firstName: 'Sam',
        timezone: 'Europe/Berlin',
        reminderDays: ['mon', 'wed', 'fri'],
        reminderTime: '07:30',
        audience: 'general',
        externalId: 'crm-1',
        screening: {
          severeKneeInjury: false,
          acutePain: false,
          balanceDisorder: false,
          vertigo: false,
          recentKneeSurgery: true,
          clinicianClearance: true,
        },
      },
    });
  });

  it('stores the timezone as the tz database spells it', () => {
    const result = validateImportRow({ ...GOOD, timezone: ' europe/berlin ' }, rules);
    expect(result.ok && result.value.timezone).toBe('Europe/Berlin');
  });

  it('leaves empty optional cells to the organisation defaults', () => {
    const result = validateImportRow(
      { ...GOOD, timezone: '', reminderDays: ' ', reminderTime: undefined, externalId: '' },
      rules,
    );
    expect(result.ok && result.value).toMatchObject({
      timezone: null,
      reminderDays: null,
      reminderTime: null,
      externalId: null,
    });
  });

  it.each([
    [{ email: '' }, 'email', 'is required'],
    [{ email: 'not-an-email' }, 'email', 'must be a valid email address'],
    [{ firstName: '' }, 'firstName', 'is required'],
    [{ firstName: 'x'.repeat(101) }, 'firstName', 'must be at most 100 characters'],
    [{ firstName: '\u200b\u200b' }, 'firstName', 'must contain visible characters, not only invisible ones'],
    [{ firstName: 'Sam\u0007' }, 'firstName', 'must not contain control characters'],
    [{ timezone: 'Mars/Olympus' }, 'timezone', 'must be an IANA timezone name such as Europe/Berlin'],
    [{ timezone: '+02:00' }, 'timezone', 'must be an IANA timezone name such as Europe/Berlin'],
    [{ timezone: 'Etc/GMT+5' }, 'timezone', 'must be an IANA timezone name such as Europe/Berlin'],
    [{ reminderDays: 'mon;funday' }, 'reminderDays', expect.stringContaining('mon, tue, wed')],
    [{ reminderDays: 'mon mon' }, 'reminderDays', 'must not repeat a day'],
    [{ reminderTime: '7:30' }, 'reminderTime', expect.stringContaining('HH:MM')],
    [{ reminderTime: '24:00' }, 'reminderTime', expect.stringContaining('HH:MM')],
    [{ audience: 'kids' }, 'audience', expect.stringContaining('knee_pain')],
    [{ audience: '' }, 'audience', 'is required'],
    [{ vertigo: '' }, 'vertigo', 'is required: answer yes or no'],
    [{ acutePain: 'maybe' }, 'acutePain', 'must be yes or no (or true/false, 1/0)'],
    [{ externalId: 'a\nb' }, 'externalId', 'must not contain line breaks'],
  ])('refuses %j', (change, field, message) => {
    expect(problemsOf({ ...GOOD, ...change })).toEqual([{ field, message }]);
  });

  it('never treats a missing screening answer as "no"', () => {
    const { vertigo: _, ...withoutVertigo } = GOOD;
    expect(problemsOf(withoutVertigo)).toEqual([
      { field: 'vertigo', message: 'is required: answer yes or no' },
    ]);
  });

  it('never repeats a health answer in its message', () => {
    const problems = problemsOf({ ...GOOD, acutePain: 'severe since Monday' });
    expect(JSON.stringify(problems)).not.toContain('Monday');
  });

  it('reports every problem of a row at once', () => {
    expect(problemsOf({ ...GOOD, email: 'x', audience: 'x', vertigo: '' }).map((p) => p.field)).toEqual([
      'email',
      'audience',
      'vertigo',
    ]);
  });
});

describe('parseReminderDays', () => {
  it.each([
    ['mon;wed;fri', ['mon', 'wed', 'fri']],
    ['mon wed fri', ['mon', 'wed', 'fri']],
    ['Mon, Wed,  Fri', ['mon', 'wed', 'fri']],
    ['sun', ['sun']],
  ])('reads %s', (value, days) => {
    expect(parseReminderDays(value)).toEqual(days);
  });

  it('refuses an empty list', () => {
    expect(parseReminderDays(';;')).toBe('must name at least one day');
  });
});

describe('emailKey', () => {
  it('compares emails without case or outer spaces', () => {
    expect(emailKey(' Sam@Example.COM ')).toBe(emailKey('sam@example.com'));
  });
});
