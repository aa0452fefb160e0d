import { CsvError, parse } from 'csv-parse/sync';

/** A line of RFC 4180 CSV, which `neo4j-admin database import` reads with its default delimiter and quote. */
export function csvLine(fields: (string | number | undefined | null)[]): string {
  return fields.map((v) => (v === undefined || v === null ? '' : quoted(String(v)))).join(',');
}

const quoted = (s: string) => (/[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s);

/** CSV text as trimmed rows with the line each starts on (a quoted field may span lines), or the line that is malformed. */
export function parseCsv(
  text: string,
): { rows: { line: number; fields: string[] }[] } | { error: { line: number; message: string } } {
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
    const rows = records.map(({ record, raw, info }) => {
      const own = raw.replace(/^(?:[ \t]*\r?\n)+/, '').replace(/\n$/, '');
      return { line: info.lines - (own.match(/\n/g)?.length ?? 0), fields: record };
    });
    return { rows };
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    if (e.code === 'CSV_QUOTE_NOT_CLOSED')
      return { error: { line: lastLine + 1, message: 'a quoted field is never closed' } };
    const message =
      e.code === 'INVALID_OPENING_QUOTE' || e.code === 'CSV_INVALID_CLOSING_QUOTE'
        ? 'a double quote inside an unquoted field; quote the whole field and double the quote ("")'
        : e.message;
    return { error: { line: Number(e.lines), message } };
  }
}
