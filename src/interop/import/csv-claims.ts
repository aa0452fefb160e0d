import type { Problem } from '../../seed';
import { CsvSyntaxError, parseCsv } from '../csv';
import type { StagedFile } from './staged-file';

/**
 * Claims as CSV, one citation per row:
 *
 *   from,type,to,status,since,until,source,paragraph,note
 *
 * `from`, `type`, `to`, `source` and `paragraph` are required; `note` is the note on the citation.
 * Optional extra columns: `assertedBy` (entity ids separated by ";") and `credibility` (1-6).
 * Rows that make the same claim (same from, type, to, status, dates, asserters, credibility) are
 * one relation with several citations.
 */
export const CSV_COLUMNS = [
  'from',
  'type',
  'to',
  'status',
  'since',
  'until',
  'source',
  'paragraph',
  'note',
  'assertedBy',
  'credibility',
] as const;
const REQUIRED = ['from', 'type', 'to', 'source', 'paragraph'] as const;
type Column = (typeof CSV_COLUMNS)[number];

/** Which CSV column a relation field (as the loader names it) came from. */
function columnOf(field: string): Column | undefined {
  const m = /^evidence\.\d+\.(source|paragraph|note)$/.exec(field);
  if (m) return m[1] as Column;
  // A citation as a whole (what kg verify checks): the paragraph is what names the two ends.
  if (/^evidence\.\d+$/.test(field)) return 'paragraph';
  const top = field.split('.')[0];
  return (CSV_COLUMNS as readonly string[]).includes(top ?? '') ? (top as Column) : undefined;
}

export function stageCsvClaims(origin: string, text: string): { staged: StagedFile[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const error = (line: number, message: string) => problems.push({ severity: 'error', file: origin, line, message });
  let rows;
  try {
    rows = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) {
      error(e.line, `malformed CSV: ${e.message}`);
      return { staged: [], problems };
    }
    throw e;
  }
  const [header, ...data] = rows;
  if (!header) return { staged: [], problems };
  const names = header.fields.map((f) => f.trim());
  names.forEach((n, i) => {
    if (!(CSV_COLUMNS as readonly string[]).includes(n))
      error(header.line, `column ${i + 1} "${n}" is not a claim column; the columns are ${CSV_COLUMNS.join(',')}`);
    else if (names.indexOf(n) !== i) error(header.line, `column "${n}" appears twice`);
  });
  for (const r of REQUIRED)
    if (!names.includes(r))
      error(header.line, `the header has no "${r}" column; it needs at least ${REQUIRED.join(',')}`);
  if (problems.length > 0) return { staged: [], problems };

  // One relation per claim; each citation remembers its row so problems point at that row.
  interface Claim {
    item: Record<string, unknown> & { evidence: Record<string, unknown>[] };
    line: number;
    evidenceLines: number[];
  }
  const claims = new Map<string, Claim>();
  for (const row of data) {
    if (row.fields.length !== names.length) {
      error(row.line, `row has ${row.fields.length} fields; the header has ${names.length}`);
      continue;
    }
    const cell = (c: Column) => {
      const i = names.indexOf(c);
      const v = i < 0 ? '' : row.fields[i]!.trim();
      return v === '' ? undefined : v;
    };
    const numberOrText = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : v);
    const relation: Record<string, unknown> = {};
    for (const c of ['type', 'from', 'to', 'status', 'since', 'until'] as const)
      if (cell(c) !== undefined) relation[c] = cell(c);
    const asserted = cell('assertedBy');
    if (asserted !== undefined)
      relation.assertedBy = asserted
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean);
    if (cell('credibility') !== undefined) relation.credibility = numberOrText(cell('credibility'));
    const citation: Record<string, unknown> = { source: cell('source'), paragraph: numberOrText(cell('paragraph')) };
    if (cell('note') !== undefined) citation.note = cell('note');
    const claimKey = JSON.stringify(relation);
    const existing = claims.get(claimKey);
    if (existing) {
      existing.item.evidence.push(citation);
      existing.evidenceLines.push(row.line);
    } else
      claims.set(claimKey, { item: { ...relation, evidence: [citation] }, line: row.line, evidenceLines: [row.line] });
  }

  // Each claim becomes a one-line flow item (JSON is YAML) on the line of its first row.
  const lineCount = text.split('\n').length;
  const lines: string[] = Array.from({ length: lineCount }, () => '');
  lines[0] = '# staged from CSV';
  const byLine = new Map<number, Claim>();
  for (const claim of claims.values()) {
    lines[claim.line - 1] = `- ${JSON.stringify(claim.item)}`;
    byLine.set(claim.line, claim);
  }
  const mapProblem = (p: Problem): Problem => {
    const claim = byLine.get(p.line);
    if (!claim || !p.field) return p;
    const m = /^evidence\.(\d+)(?:\.|$)/.exec(p.field);
    const line = m ? (claim.evidenceLines[Number(m[1])] ?? p.line) : p.line;
    const column = columnOf(p.field);
    return { ...p, line, ...(column ? { field: column } : {}) };
  };
  return { staged: [{ section: 'relations', origin, text: lines.join('\n'), mapProblem }], problems };
}
