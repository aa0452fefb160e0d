import { CsvError, parse } from 'csv-parse/sync';
import type { Problem } from '../../seed';
import type { Staging } from './stage';

/** Claims as CSV (README, "kg import"): one citation per row; rows making the same claim are one relation. */
const CSV_COLUMNS = 'from,type,to,status,since,until,source,paragraph,note,assertedBy,credibility'.split(',');
const REQUIRED = ['from', 'type', 'to', 'source', 'paragraph'];

/** Which CSV column a relation field (as the loader names it) came from. */
function columnOf(field: string): string | undefined {
  // A citation as a whole (what kg verify checks) is its paragraph: that is what names the two ends.
  const m = /^evidence\.\d+(?:\.(source|paragraph|note))?$/.exec(field);
  if (m) return m[1] ?? 'paragraph';
  const top = field.split('.')[0]!;
  return CSV_COLUMNS.includes(top) ? top : undefined;
}

export function stageCsvClaims(origin: string, text: string): Staging {
  const problems: Problem[] = [];
  const error = (line: number, message: string) => problems.push({ severity: 'error', file: origin, line, message });
  const [header, ...data] = parseCsv(text, error);
  if (!header) return { staged: [], problems };
  const names = header.fields.map((f) => f.trim());
  names.forEach((n, i) => {
    if (!CSV_COLUMNS.includes(n))
      error(header.line, `column ${i + 1} "${n}" is not a claim column; the columns are ${CSV_COLUMNS.join(',')}`);
    else if (names.indexOf(n) !== i) error(header.line, `column "${n}" appears twice`);
  });
  for (const r of REQUIRED)
    if (!names.includes(r))
      error(header.line, `the header has no "${r}" column; it needs at least ${REQUIRED.join(',')}`);
  if (problems.length > 0) return { staged: [], problems };

  // One relation per claim; each citation remembers its row so problems point at that row.
  const claims = new Map<string, { relation: object; line: number; evidence: object[]; evidenceLines: number[] }>();
  for (const row of data) {
    if (row.fields.length !== names.length) {
      error(row.line, `row has ${row.fields.length} fields; the header has ${names.length}`);
      continue;
    }
    const cell = (c: string) => row.fields[names.indexOf(c)]?.trim() || undefined;
    const numberOrText = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : v);
    // Cells left empty are undefined, which JSON leaves out.
    const relation = {
      ...Object.fromEntries(['type', 'from', 'to', 'status', 'since', 'until'].map((c) => [c, cell(c)])),
      assertedBy: cell('assertedBy')
        ?.split(/\s*;\s*/)
        .filter(Boolean),
      credibility: numberOrText(cell('credibility')),
    };
    const key = JSON.stringify(relation);
    const claim = claims.get(key) ?? { relation, line: row.line, evidence: [], evidenceLines: [] };
    claims.set(key, claim);
    claim.evidence.push({ source: cell('source'), paragraph: numberOrText(cell('paragraph')), note: cell('note') });
    claim.evidenceLines.push(row.line);
  }

  // Each claim becomes a one-line flow item (JSON is YAML) on the line of its first row.
  const lines = text.split('\n').map(() => '');
  lines[0] = '# staged from CSV';
  for (const c of claims.values()) lines[c.line - 1] = `- ${JSON.stringify({ ...c.relation, evidence: c.evidence })}`;
  const byLine = new Map([...claims.values()].map((c) => [c.line, c]));
  const mapProblem = (p: Problem): Problem => {
    const claim = byLine.get(p.line);
    if (!claim || !p.field) return p;
    const m = /^evidence\.(\d+)(?:\.|$)/.exec(p.field);
    const line = m ? (claim.evidenceLines[Number(m[1])] ?? p.line) : p.line;
    return { ...p, line, field: columnOf(p.field) ?? p.field };
  };
  return { staged: [{ section: 'relations', origin, text: lines.join('\n'), mapProblem }], problems };
}

/** CSV text as trimmed rows with the line each starts on (a quoted field may span lines); none if malformed. */
function parseCsv(text: string, error: (line: number, message: string) => void): { line: number; fields: string[] }[] {
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
    const unclosed = e.code === 'CSV_QUOTE_NOT_CLOSED';
    const message = unclosed
      ? 'a quoted field is never closed'
      : e.code === 'INVALID_OPENING_QUOTE' || e.code === 'CSV_INVALID_CLOSING_QUOTE'
        ? 'a double quote inside an unquoted field; quote the whole field and double the quote ("")'
        : e.message;
    error(unclosed ? lastLine + 1 : Number(e.lines), `malformed CSV: ${message}`);
    return [];
  }
}
