import fc from 'fast-check';
import { CsvReader } from '@retrowalk/domain';
import { csvField, spreadsheetSafe } from './spreadsheet-cell';

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠', '﹦', '﹢', '﹣', '﹫'];

describe('spreadsheetSafe', () => {
  it.each(TRIGGERS)('defuses a cell that starts with %j', (start) => {
    expect(spreadsheetSafe(`${start}HYPERLINK("https://evil.example","x")`)).toBe(
      `'${start}HYPERLINK("https://evil.example","x")`,
    );
  });

  it('keeps plain numbers, negative ones too, as numbers', () => {
    for (const value of ['0', '42', '-3', '-2.5', '12.75']) expect(spreadsheetSafe(value)).toBe(value);
    expect(spreadsheetSafe('-1+2')).toBe("'-1+2");
    expect(spreadsheetSafe('-')).toBe("'-");
  });

  it('leaves ordinary labels and empty cells alone', () => {
    for (const value of ['', ' ', 'Everyone', 'Walks with pain 4+ (%)', "'already", ' a=1']) {
      expect(spreadsheetSafe(value)).toBe(value);
    }
  });

  it('looks past leading spaces, which some imports trim before reading a formula', () => {
    expect(spreadsheetSafe(' =1+1')).toBe("' =1+1");
    expect(spreadsheetSafe('\u00A0\u3000@SUM(A1)')).toBe("'\u00A0\u3000@SUM(A1)");
  });

  it('never lets any text start with a formula character, and changes nothing else', () => {
    const unit = fc.constantFrom(...TRIGGERS, 'a', '1', '.', ' ', '\u00A0', '"', ',', "'", 'é');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), (value) => {
        const safe = spreadsheetSafe(value);
        expect(safe === value || safe === `'${value}`).toBe(true);
        const seen = safe.replace(/^[ \u00A0\u3000]+/, '');
        if (!/^-?\d+(\.\d+)?$/.test(safe)) expect(TRIGGERS).not.toContain(seen[0]);
      }),
    );
  });
});

describe('csvField', () => {
  it('reads back, through our own CSV reader, as the defused text', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), (values) => {
        const reader = new CsvReader();
        const records = [...reader.push(`${values.map(csvField).join(',')}\r\n`), ...reader.end()];
        expect(records.map((r) => r.fields)).toEqual([values.map(spreadsheetSafe)]);
      }),
    );
  });
});
