import neo4j from 'neo4j-driver';
import { neo4jRelationshipType, type Entity, type LoadedRelation, type RelationType } from '../../model';
import { entityRow, relationRow, sourceRow, supportRows } from '../../model/neo4j-rows';
import type { GraphJson } from '../../model';
import { CHUNK_SIZE, chunked } from '../chunks';
import { csvLine } from '../csv';

/**
 * CSV files in the header format of `neo4j-admin database import full`. The properties are exactly
 * those `kg seed` writes (src/model/neo4j-rows.ts), so a database loaded from these files answers
 * the API like a seeded one: `entities.csv` (`id:ID(Entity)`, `:LABEL` = `Entity;<kind>`, typed
 * properties such as `name:string`, `aliases:string[]`), `sources.csv` (`id:ID(Source)`),
 * `relations.csv` (`:START_ID(Entity)`, `:END_ID(Entity)`, `:TYPE` = UPPER_SNAKE relation type,
 * `credibility:int`, `evidenceSources:string[]` ...) and `supports.csv` (Source -> Entity links for
 * facts and mentions). Arrays use neo4j-admin's default delimiter `;`. Partial dates stay strings
 * (`2024-06`; Neo4j's `date` needs a full day); facts, mentions and evidence are JSON text.
 */

export const ARRAY_DELIMITER = ';';

/** A file of the export, as the buffers it was written in. */
export interface ExportFile {
  name: string;
  chunks: Buffer[];
}

export class CsvExportError extends Error {
  override readonly name = 'CsvExportError';
}

type Value = unknown;
type ColumnType = 'string' | 'int' | 'double' | 'boolean';

/** The neo4j-admin type of a value: Integers and whole numbers are int, lists are `type[]`. */
function typeOf(v: Value): { type: ColumnType; array: boolean } | null {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) {
    const inner = v.map(typeOf).find((t) => t !== null);
    return { type: inner?.type ?? 'string', array: true };
  }
  if (neo4j.isInt(v)) return { type: 'int', array: false };
  if (typeof v === 'number') return { type: Number.isInteger(v) ? 'int' : 'double', array: false };
  if (typeof v === 'boolean') return { type: 'boolean', array: false };
  return { type: 'string', array: false };
}

function cell(owner: string, name: string, v: Value): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) {
    if (v.length === 0) return undefined;
    const parts = v.map((x) => String(neo4j.isInt(x) ? x.toNumber() : x));
    const bad = parts.find((p) => p.includes(ARRAY_DELIMITER));
    if (bad !== undefined)
      throw new CsvExportError(
        `${owner}: ${name} value "${bad}" contains "${ARRAY_DELIMITER}", the array delimiter of neo4j-admin; rename it before exporting`,
      );
    return parts.join(ARRAY_DELIMITER);
  }
  return String(neo4j.isInt(v) ? v.toNumber() : v);
}

/** One row of a table: its leading cells, its properties, and how an error names it. */
interface TableRow {
  lead: (string | undefined)[];
  props: Record<string, Value>;
  owner: string;
}

/**
 * One CSV file: fixed leading columns, then every property that any row has, typed; in one pass
 * over the rows, each made from its element and let go once written as a line (making a row is
 * most of the cost: its hash and derived dates). Columns are added in the order rows first have
 * them, so a row written before a column existed lacks only trailing empty cells, put in when the
 * lines become buffers. A column's type can widen (int to double) later: the header comes last.
 */
function table(
  lead: string[],
  count: number,
  rowAt: (i: number) => TableRow,
  skip: ReadonlySet<string>,
  chunkSize: number,
): Buffer[] {
  const columns = new Map<string, { type: ColumnType; array: boolean }>();
  const names: string[] = [];
  const lines: string[] = [];
  /** How many columns there were when each line was written. */
  const widths: number[] = [];
  for (let i = 0; i < count; i++) {
    const row = rowAt(i);
    for (const [name, v] of Object.entries(row.props)) {
      if (skip.has(name)) continue;
      const t = typeOf(v);
      if (!t) continue;
      const prev = columns.get(name);
      if (!prev) names.push(name);
      if (!prev || (prev.type === 'int' && t.type === 'double')) columns.set(name, t);
    }
    lines.push(csvLine([...row.lead, ...names.map((name) => cell(row.owner, name, row.props[name]))]));
    widths.push(names.length);
  }
  const header = [
    ...lead,
    ...names.map((name) => `${name}:${columns.get(name)!.type}${columns.get(name)!.array ? '[]' : ''}`),
  ];
  return [
    ...chunked(
      (function* () {
        yield `${csvLine(header)}\n`;
        for (let i = 0; i < lines.length; i++) {
          yield `${lines[i]}${','.repeat(names.length - widths[i]!)}\n`;
          lines[i] = ''; // let the text go once it is in a buffer
        }
      })(),
      chunkSize,
    ),
  ];
}

/**
 * The files, complete (a zip entry needs its size and checksum first, and a refused value must
 * stop the export before anything is written), each in the buffers it was written in.
 */
export function exportNeo4jCsv(json: GraphJson, chunkSize = CHUNK_SIZE): ExportFile[] {
  const sources = json.attributes?.sources ?? [];
  const published = new Map(sources.map((s) => [s.id, s.published]));
  const entityAt = (i: number): Entity => {
    const n = json.nodes[i]!;
    return { id: n.key, ...n.attributes! } as Entity;
  };
  const relationAt = (i: number): LoadedRelation => {
    const e = json.edges[i]!;
    return { ...e.attributes!, key: e.key ?? `e${i}`, from: e.source, to: e.target } as LoadedRelation;
  };
  const entities = table(
    ['id:ID(Entity)', ':LABEL'],
    json.nodes.length,
    (i) => {
      const e = entityAt(i);
      return { lead: [e.id, `Entity${ARRAY_DELIMITER}${e.kind}`], props: entityRow(e), owner: `entity ${e.id}` };
    },
    new Set(['id']),
    chunkSize,
  );
  const sourceTable = table(
    ['id:ID(Source)', ':LABEL'],
    sources.length,
    (i) => ({ lead: [sources[i]!.id, 'Source'], props: sourceRow(sources[i]!, i), owner: `source ${sources[i]!.id}` }),
    new Set(['id']),
    chunkSize,
  );
  const relations = table(
    [':START_ID(Entity)', ':END_ID(Entity)', ':TYPE'],
    json.edges.length,
    (i) => {
      const r = relationAt(i);
      const row = relationRow(r, published);
      return {
        lead: [row.from, row.to, neo4jRelationshipType(r.type as RelationType)],
        props: row.props,
        owner: `relation ${r.key}`,
      };
    },
    new Set(),
    chunkSize,
  );
  // Support rows are small (a source and an entity per row): made once, from each entity in turn.
  const supportList = json.nodes.flatMap((_n, i) => supportRows([entityAt(i)]));
  const supports = table(
    [':START_ID(Source)', ':END_ID(Entity)', ':TYPE'],
    supportList.length,
    (i) => {
      const { source, entity, citations, paragraphs } = supportList[i]!;
      return {
        lead: [source, entity, 'SUPPORTS'],
        props: { citations, paragraphs },
        owner: `support ${source} -> ${entity}`,
      };
    },
    new Set(),
    chunkSize,
  );
  return [
    { name: 'entities.csv', chunks: entities },
    { name: 'sources.csv', chunks: sourceTable },
    { name: 'relations.csv', chunks: relations },
    { name: 'supports.csv', chunks: supports },
    { name: 'IMPORT.txt', chunks: [Buffer.from(importInstructions(), 'utf8')] },
  ];
}

/** How to load the files; neo4j-admin needs the database stopped (or a new database). */
function importInstructions(): string {
  return [
    'Load into an empty Neo4j 5 database (stop it first, or name a new one):',
    '',
    '  neo4j-admin database import full \\',
    '    --nodes=entities.csv --nodes=sources.csv \\',
    '    --relationships=relations.csv --relationships=supports.csv \\',
    `    --array-delimiter="${ARRAY_DELIMITER}" --multiline-fields=true --overwrite-destination neo4j`,
    '',
    'Then start the database and create the constraints and indexes the API relies on:',
    '',
    '  cypher-shell -u neo4j -p "$NEO4J_PASSWORD" -f cypher/schema.cypher',
    '',
    'The properties are those `kg seed` writes, so the API serves this database like a seeded one.',
    'Every entity has the label Entity plus its kind (MilitantGroup, State, ...); relationship types',
    'are the UPPER_SNAKE form of the relation type (ALLIED_WITH, TARGETS, ...). facts, mentions and',
    'evidence are JSON text.',
    '',
  ].join('\n');
}
