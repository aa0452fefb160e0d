import neo4j from 'neo4j-driver';
import { neo4jRelationshipType, type Entity, type GraphJson, type LoadedRelation } from '../../model';
import { entityRow, relationRow, sourceRow, supportRows } from '../../model/neo4j-rows';
import { CHUNK_SIZE, chunked } from '../chunks';

/** CSV files for `neo4j-admin database import full` with the properties `kg seed` writes: it answers as if seeded. */

export const ARRAY_DELIMITER = ';';

/** A file of the export, as the buffers it was written in. */
export type ExportFile = { name: string; chunks: Buffer[] };

export class CsvExportError extends Error {
  override readonly name = 'CsvExportError';
}

/** The neo4j-admin type of a value (a list's is its elements'): Integers and whole numbers are int. */
function typeOf(v: unknown): 'string' | 'int' | 'double' | 'boolean' | null {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v.map(typeOf).find((t) => t !== null) ?? 'string';
  if (neo4j.isInt(v)) return 'int';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'double';
  return typeof v === 'boolean' ? 'boolean' : 'string';
}

function cell(owner: string, name: string, v: unknown): string | undefined {
  if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) return undefined;
  if (!Array.isArray(v)) return cellText(v);
  const parts = v.map(cellText);
  const bad = parts.find((p) => p.includes(ARRAY_DELIMITER));
  if (bad !== undefined)
    throw new CsvExportError(
      `${owner}: ${name} value "${bad}" contains "${ARRAY_DELIMITER}", the array delimiter of neo4j-admin; rename it before exporting`,
    );
  return parts.join(ARRAY_DELIMITER);
}

/** A line of RFC 4180 CSV, which `neo4j-admin database import` reads with its default delimiter and quote. */
function csvLine(fields: (string | number | undefined | null)[]): string {
  return fields.map((v) => (v === undefined || v === null ? '' : quoted(String(v)))).join(',');
}

const quoted = (s: string) => (/[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s);

const cellText = (x: unknown) => String(neo4j.isInt(x) ? x.toNumber() : x);

/** One row of a table: its leading cells, its properties, and how an error names it. */
type TableRow = { lead: (string | undefined)[]; props: Record<string, unknown>; owner: string };

/** One CSV file in one pass; columns appear, and int widens to double, as rows come: the header is written last. */
function* table<T>(lead: string[], items: readonly T[], toRow: (item: T, i: number) => TableRow) {
  const columns = new Map<string, { type: NonNullable<ReturnType<typeof typeOf>>; array: boolean }>();
  const lines: string[] = [];
  /** How many columns there were when each line was written. */
  const widths: number[] = [];
  for (let i = 0; i < items.length; i++) {
    const row = toRow(items[i]!, i);
    for (const [name, v] of Object.entries(row.props)) {
      const type = typeOf(v);
      const prev = columns.get(name);
      if (type && (!prev || (prev.type === 'int' && type === 'double')))
        columns.set(name, { type, array: Array.isArray(v) });
    }
    lines.push(csvLine([...row.lead, ...Array.from(columns.keys(), (name) => cell(row.owner, name, row.props[name]))]));
    widths.push(columns.size);
  }
  const header = [...lead, ...[...columns].map(([name, { type, array }]) => `${name}:${type}${array ? '[]' : ''}`)];
  yield `${csvLine(header)}\n`;
  for (let i = 0; i < lines.length; i++) {
    yield `${lines[i]}${','.repeat(columns.size - widths[i]!)}\n`;
    lines[i] = ''; // let the text go once it is in a buffer
  }
}

/** The files, complete: a zip entry needs its size first, and a refused value must stop the export before any byte. */
export function exportNeo4jCsv(json: GraphJson, chunkSize = CHUNK_SIZE): ExportFile[] {
  const sources = json.attributes?.sources ?? [];
  const published = new Map(sources.map((s) => [s.id, s.published]));
  const entity = (n: GraphJson['nodes'][number]) => ({ id: n.key, ...n.attributes! }) as Entity;
  // Support rows are small (a source and an entity per row): made once, from each entity in turn.
  const supports = json.nodes.flatMap((n) => supportRows([entity(n)]));
  const file = <T>(name: string, ...args: Parameters<typeof table<T>>) => ({
    name,
    chunks: [...chunked(table(...args), chunkSize)],
  });
  return [
    file('entities.csv', ['id:ID(Entity)', ':LABEL'], json.nodes, (n) => {
      const { id: _, ...props } = entityRow(entity(n));
      return { lead: [n.key, `Entity${ARRAY_DELIMITER}${n.attributes!.kind}`], props, owner: `entity ${n.key}` };
    }),
    file('sources.csv', ['id:ID(Source)', ':LABEL'], sources, (s, i) => {
      const { id: _, ...props } = sourceRow(s, i);
      return { lead: [s.id, 'Source'], props, owner: `source ${s.id}` };
    }),
    file('relations.csv', [':START_ID(Entity)', ':END_ID(Entity)', ':TYPE'], json.edges, (e, i) => {
      const key = e.key ?? `e${i}`;
      const relation = { ...e.attributes!, key, from: e.source, to: e.target } as LoadedRelation;
      const { props } = relationRow(relation, published);
      return { lead: [e.source, e.target, neo4jRelationshipType(e.attributes!.type)], props, owner: `relation ${key}` };
    }),
    file('supports.csv', [':START_ID(Source)', ':END_ID(Entity)', ':TYPE'], supports, (r) => ({
      lead: [r.source, r.entity, 'SUPPORTS'],
      props: { citations: r.citations, paragraphs: r.paragraphs },
      owner: `support ${r.source} -> ${r.entity}`,
    })),
    { name: 'IMPORT.txt', chunks: [Buffer.from(IMPORT_INSTRUCTIONS, 'utf8')] },
  ];
}

/** How to load the files; neo4j-admin needs the database stopped (or a new database). */
const IMPORT_INSTRUCTIONS = `Load into an empty Neo4j 5 database (stop it first, or name a new one):

  neo4j-admin database import full \\
    --nodes=entities.csv --nodes=sources.csv \\
    --relationships=relations.csv --relationships=supports.csv \\
    --array-delimiter="${ARRAY_DELIMITER}" --multiline-fields=true --overwrite-destination neo4j

Then start the database and create the constraints and indexes the API relies on:

  cypher-shell -u neo4j -p "$NEO4J_PASSWORD" -f cypher/schema.cypher

The properties are those \`kg seed\` writes, so the API serves this database like a seeded one.
Every entity has the label Entity plus its kind (MilitantGroup, State, ...); relationship types
are the UPPER_SNAKE form of the relation type (ALLIED_WITH, TARGETS, ...). facts, mentions and
evidence are JSON text.
`;
