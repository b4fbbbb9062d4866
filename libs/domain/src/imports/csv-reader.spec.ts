import fc from 'fast-check';
import { CsvFormatError, CsvReader, type CsvRecord } from './csv-reader';

function readAll(text: string, chunkSize = text.length || 1): CsvRecord[] {
  const reader = new CsvReader();
  const out: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += chunkSize) out.push(...reader.push(text.slice(i, i + chunkSize)));
  out.push(...reader.end());
  return out;
}

const fieldsOf = (text: string, chunkSize?: number): string[][] =>
  readAll(text, chunkSize).map((r) => r.fields);

describe('CsvReader', () => {
  it('reads LF and CRLF records, with or without a final line break', () => {
    expect(fieldsOf('a,b\n1,2\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(fieldsOf('a,b\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(fieldsOf('a,b\r\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(fieldsOf('a,b\r1,2\r')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('opens a quoted field at the start of a record after a lone CR, as after LF or CRLF', () => {
    for (const end of ['\n', '\r\n', '\r']) {
      const text = [
        'email,name',
        '"sam@example.com","Smith, Jo"',
        '"ann@example.com","Ann ""Annie"""',
        '',
      ].join(end);
      expect(fieldsOf(text)).toEqual([
        ['email', 'name'],
        ['sam@example.com', 'Smith, Jo'],
        ['ann@example.com', 'Ann "Annie"'],
      ]);
    }
  });

  it('counts a lone CR inside quotes as one line, and CRLF as one', () => {
    expect(readAll('h\r"a\rb"\rnext\r').map((r) => r.line)).toEqual([1, 2, 4]);
    expect(readAll('h\r\n"a\r\nb"\r\nnext\r\n').map((r) => r.line)).toEqual([1, 2, 4]);
    expect(readAll('h\n"a\r\r\nb"\nnext').map((r) => r.line)).toEqual([1, 2, 5]);
  });

  it('drops a leading byte order mark, but only at the very start', () => {
    expect(fieldsOf('\uFEFFemail,x\n')).toEqual([['email', 'x']]);
    expect(fieldsOf('a\n\uFEFFb\n')).toEqual([['a'], ['\uFEFFb']]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    expect(fieldsOf('"Smith, Jo","say ""hi""","two\r\nlines"\n')).toEqual([
      ['Smith, Jo', 'say "hi"', 'two\r\nlines'],
    ]);
  });

  it('keeps empty fields and skips blank lines', () => {
    expect(fieldsOf('a,,c\n\n\r\n,\n')).toEqual([
      ['a', '', 'c'],
      ['', ''],
    ]);
  });

  it('numbers each record by the file line it starts on', () => {
    const records = readAll('h\n"multi\nline"\nnext\n\nlast');
    expect(records.map((r) => r.line)).toEqual([1, 2, 4, 6]);
  });

  it('numbers each record by the spreadsheet row it shows on: blank lines count, line breaks in quotes do not', () => {
    expect(readAll('h\n"multi\nline"\nnext\n\nlast').map((r) => r.row)).toEqual([1, 2, 3, 5]);
    expect(readAll('h\r\n\r\n\r\nx\r\n"a\r\nb"\r\ny').map((r) => r.row)).toEqual([1, 4, 5, 6]);
    expect(readAll('\uFEFF\nh\nx\n', 1).map((r) => r.row)).toEqual([2, 3]);
  });

  it('refuses an unclosed quote and text after a closing quote, naming the line', () => {
    expect(() => readAll('a\n"open,b\n')).toThrow(CsvFormatError);
    try {
      readAll('a\n"x"y,1\n');
      throw new Error('no error');
    } catch (error) {
      expect(error).toBeInstanceOf(CsvFormatError);
      expect((error as CsvFormatError).line).toBe(2);
    }
  });

  it('refuses a record longer than its limit instead of buffering the rest of the file', () => {
    const reader = new CsvReader(100);
    expect(() => reader.push(`"${'x'.repeat(200)}`)).toThrow(/longer than 100/);
  });

  it('reads the same records however the text is split into chunks', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', 'é') });
    const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(table, fc.integer({ min: 1, max: 7 }), fc.boolean(), (rows, chunk, crlf) => {
        const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
        // Every field quoted so empty one-field rows are not blank lines.
        const text = rows.map((r) => r.map(quote).join(',')).join(crlf ? '\r\n' : '\n');
        const records = readAll(text, chunk);
        expect(records.map((r) => r.fields)).toEqual(rows);
        expect(records.map((r) => r.row)).toEqual(rows.map((_, i) => i + 1));
      }),
    );
  });

  it('reads back any records written with any line ends, quoting and chunking', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', ',', '"', '\n', '\r', ' ', 'é', "'") });
    const record = fc.record({
      cells: fc.array(fc.record({ text, quoteAnyway: fc.boolean() }), { minLength: 1, maxLength: 4 }),
      end: fc.constantFrom('\n', '\r\n', '\r'),
    });
    const file = fc.record({
      records: fc.array(record, { minLength: 1, maxLength: 6 }),
      finalEnd: fc.boolean(),
      bom: fc.boolean(),
      chunk: fc.integer({ min: 1, max: 9 }),
    });
    const needsQuotes = (s: string) => /[",\r\n]/.test(s);
    const lineBreaks = (s: string) => (s.match(/\r\n|\r|\n/g) ?? []).length;
    fc.assert(
      fc.property(file, ({ records, finalEnd, bom, chunk }) => {
        const rows = records.map((r) => r.cells.map((c) => c.text));
        const written = records.map(({ cells }) =>
          cells
            .map(({ text: value, quoteAnyway }) =>
              // A record of one empty unquoted field would be a blank line, not a record.
              quoteAnyway || needsQuotes(value) || (cells.length === 1 && value === '')
                ? `"${value.replace(/"/g, '""')}"`
                : value,
            )
            .join(','),
        );
        const csv =
          (bom ? '\uFEFF' : '') +
          written
            .map((line, i) => line + (i < written.length - 1 || finalEnd ? records[i]!.end : ''))
            .join('');
        // A record starts one line after the previous one ended, past its quoted line breaks.
        const lines: number[] = [];
        let line = 1;
        for (const fields of rows) {
          lines.push(line);
          line += fields.reduce((n, f) => n + lineBreaks(f), 0) + 1;
        }
        const read = readAll(csv, chunk);
        expect(read.map((r) => r.fields)).toEqual(rows);
        expect(read.map((r) => r.line)).toEqual(lines);
        expect(read.map((r) => r.row)).toEqual(rows.map((_, i) => i + 1));
      }),
      { numRuns: 300 },
    );
  });
});
