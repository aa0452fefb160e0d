/**
 * CSV as RFC 4180 writes it (comma, double-quote quoting, quotes doubled), which is also what
 * `neo4j-admin database import` reads with its default delimiter and quote character.
 */

export function csvField(value: string | number | undefined | null): string {
  if (value === undefined || value === null) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(fields: (string | number | undefined | null)[]): string {
  return fields.map(csvField).join(',');
}

export interface CsvRow {
  /** The 1-based line on which the row starts (a quoted field may span lines). */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** Parses CSV text into rows with their starting line; blank lines are skipped. */
export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let fieldStarted = false;
  let quoteOpenedAt = 0;
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const endRow = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0]!.trim() === '' && !fieldStarted)) rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
    fieldStarted = false;
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field.trim() === '') {
      quoted = true;
      fieldStarted = true;
      quoteOpenedAt = line;
      field = '';
    } else if (c === '"') {
      throw new CsvSyntaxError(
        line,
        'a double quote inside an unquoted field; quote the whole field and double the quote ("")',
      );
    } else if (c === ',') {
      fields.push(field);
      field = '';
      fieldStarted = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      field += c;
    }
  }
  if (quoted) throw new CsvSyntaxError(quoteOpenedAt, 'a quoted field is never closed');
  if (field !== '' || fields.length > 0 || fieldStarted) endRow();
  return rows;
}
