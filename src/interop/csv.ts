import { CsvError, parse } from 'csv-parse/sync';

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

/**
 * Parses CSV text (csv-parse) into rows with their starting line; blank lines are skipped, fields
 * trimmed, line breaks inside quoted fields read as \n.
 */
export function parseCsv(text: string): CsvRow[] {
  let lastLine = 0;
  try {
    // Line breaks as \n first: csv-parse miscounts lines around a blank \r\n line when trimming.
    const records = parse(text.replace(/\r\n?/g, '\n'), {
      bom: true,
      trim: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
      on_record: (record, context) => {
        lastLine = context.lines;
        return record;
      },
    }) as unknown as { record: string[]; raw: string; info: { lines: number } }[];
    // csv-parse gives the line a row ends on; its raw text (blank lines before it included) says how many it spans.
    return records.map(({ record, raw, info }) => {
      const own = raw.replace(/^(?:[ \t]*\r?\n)+/, '').replace(/\n$/, '');
      return { line: info.lines - (own.match(/\n/g)?.length ?? 0), fields: record };
    });
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') throw new CsvSyntaxError(lastLine + 1, 'a quoted field is never closed');
    if (e.code === 'INVALID_OPENING_QUOTE' || e.code === 'CSV_INVALID_CLOSING_QUOTE')
      throw new CsvSyntaxError(
        Number(e.lines),
        'a double quote inside an unquoted field; quote the whole field and double the quote ("")',
      );
    throw new CsvSyntaxError(Number(e.lines), e.message);
  }
}
