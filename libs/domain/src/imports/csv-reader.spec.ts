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
});
