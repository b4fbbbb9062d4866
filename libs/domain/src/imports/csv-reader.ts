/**
 * An incremental RFC 4180 reader: feed it text as it arrives and it hands back the records that are
 * complete, so a file of any size is read in constant memory. Quoted fields may hold commas, doubled
 * quotes and line breaks; records end with CRLF or LF, or a lone CR (old Mac exports), each of which
 * is one line break, inside quotes too; a leading byte order mark is dropped. Leniency where RFC 4180
 * is silent: a quote inside an unquoted field is kept as text.
 */
export class CsvFormatError extends Error {
  constructor(
    message: string,
    /** The file line (1-based) where the broken record starts. */
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvFormatError';
  }
}

export interface CsvRecord {
  /** The file line (1-based) where the record starts; differs from the record count after multi-line fields. */
  line: number;
  /**
   * The row a spreadsheet shows this record on (1-based): records so far, blank lines included,
   * since a spreadsheet shows a blank line as an empty row although no record comes of it.
   */
  row: number;
  fields: string[];
}

/** A record longer than this is a broken file (an unclosed quote swallowing the rest), not a row. */
export const MAX_RECORD_CHARS = 64 * 1024;

type State = 'field_start' | 'unquoted' | 'quoted' | 'quote_in_quoted' | 'after_cr';

export class CsvReader {
  private state: State = 'field_start';
  private field = '';
  private fields: string[] = [];
  private recordChars = 0;
  private line = 1;
  private recordLine = 1;
  private rows = 0;
  private started = false;
  /** A record of one empty field is a blank line unless that field was written as "". */
  private quotedField = false;
  /** Inside quotes, the previous character was a CR: a LF right after it is the same line break. */
  private crInQuotes = false;
  private ended = false;

  constructor(private readonly maxRecordChars = MAX_RECORD_CHARS) {}

  /** Reads the next piece of text; returns every record that piece completed. */
  push(text: string): CsvRecord[] {
    if (this.ended) throw new Error('CsvReader: push after end');
    let chunk = text;
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    const out: CsvRecord[] = [];
    for (let i = 0; i < chunk.length; i++) this.step(chunk[i] as string, out);
    return out;
  }

  /** The end of the input: returns the last record if the file did not end with a line break. */
  end(): CsvRecord[] {
    if (this.ended) return [];
    this.ended = true;
    if (this.state === 'quoted') {
      throw new CsvFormatError('A quoted field is never closed (a " is missing).', this.recordLine);
    }
    if (this.state === 'after_cr' || (this.state === 'field_start' && this.fields.length === 0)) return [];
    const out: CsvRecord[] = [];
    this.finishRecord(out);
    return out;
  }

  private step(c: string, out: CsvRecord[]): void {
    if (++this.recordChars > this.maxRecordChars) {
      throw new CsvFormatError(
        `A record is longer than ${this.maxRecordChars} characters; is a closing quote missing?`,
        this.recordLine,
      );
    }
    switch (this.state) {
      case 'after_cr':
        this.state = 'field_start';
        this.recordChars = 0;
        // CRLF is one line end. Anything else opens the next record and is read as its first
        // character, so a quote there opens a quoted field as it would after a LF.
        if (c !== '\n') this.step(c, out);
        return;
      case 'quoted':
        if (c === '"') this.state = 'quote_in_quoted';
        else {
          if (c === '\r' || (c === '\n' && !this.crInQuotes)) this.line++;
          this.field += c;
        }
        this.crInQuotes = c === '\r';
        return;
      case 'quote_in_quoted':
        if (c === '"') {
          this.field += '"';
          this.state = 'quoted';
          return;
        }
        if (c === ',' || c === '\n' || c === '\r') {
          this.stepOutsideQuotes(c, out);
          return;
        }
        throw new CsvFormatError(
          'Text follows a closing quote; quotes inside a field are doubled ("").',
          this.recordLine,
        );
      case 'field_start':
        if (c === '"') {
          this.state = 'quoted';
          this.quotedField = true;
          return;
        }
        this.stepOutsideQuotes(c, out);
        return;
      case 'unquoted':
        this.stepOutsideQuotes(c, out);
        return;
    }
  }

  private stepOutsideQuotes(c: string, out: CsvRecord[]): void {
    if (c === ',') {
      this.fields.push(this.field);
      this.field = '';
      this.state = 'field_start';
    } else if (c === '\n' || c === '\r') {
      this.finishRecord(out);
      this.line++;
      this.recordLine = this.line;
      this.state = c === '\r' ? 'after_cr' : 'field_start';
    } else {
      this.field += c;
      this.state = 'unquoted';
    }
  }

  private finishRecord(out: CsvRecord[]): void {
    this.fields.push(this.field);
    const fields = this.fields;
    this.fields = [];
    this.field = '';
    this.recordChars = 0;
    const blank = fields.length === 1 && fields[0] === '' && !this.quotedField;
    this.quotedField = false;
    this.rows++;
    // A blank line is no record (trailing newlines, spacing between blocks), but it is a row.
    if (!blank) out.push({ line: this.recordLine, row: this.rows, fields });
  }
}
