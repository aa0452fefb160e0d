import neo4j from 'neo4j-driver';
import {
  neo4jRelationshipType,
  type Entity,
  type KnowledgeBase,
  type LoadedRelation,
  type RelationType,
} from '../../../src/model';
import { seedRows } from '../../../src/store/neo4j/rows';
import type { GraphJson } from '../../../src/model';
import { csvLine } from '../../../src/interop/csv';

/**
 * REFERENCE, for tests only: the exporter as it was before it wrote element by element (commit
 * 33ed7d3), kept unchanged so tests can hold the streaming exporter's bytes equal to it. It builds
 * the whole document in memory; never use it for real exports.
 */

/**
 * CSV files in the header format of `neo4j-admin database import full`. The properties are exactly
 * those `kg seed` writes (src/store/neo4j/rows.ts), so a database loaded from these files answers
 * the API like a seeded one: `entities.csv` (`id:ID(Entity)`, `:LABEL` = `Entity;<kind>`, typed
 * properties such as `name:string`, `aliases:string[]`), `sources.csv` (`id:ID(Source)`),
 * `relations.csv` (`:START_ID(Entity)`, `:END_ID(Entity)`, `:TYPE` = UPPER_SNAKE relation type,
 * `credibility:int`, `evidenceSources:string[]` ...) and `supports.csv` (Source -> Entity links for
 * facts and mentions). Arrays use neo4j-admin's default delimiter `;`. Partial dates stay strings
 * (`2024-06`; Neo4j's `date` needs a full day); facts, mentions and evidence are JSON text.
 */

export const ARRAY_DELIMITER = ';';

export interface ExportFile {
  name: string;
  content: string;
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

/** One CSV file: fixed leading columns, then every property that any row has, typed. */
function table(
  lead: string[],
  leadValues: (row: number) => (string | undefined)[],
  rows: Record<string, Value>[],
  owners: string[],
  skip: ReadonlySet<string>,
): string {
  const columns = new Map<string, { type: ColumnType; array: boolean }>();
  for (const row of rows) {
    for (const [name, v] of Object.entries(row)) {
      if (skip.has(name)) continue;
      const t = typeOf(v);
      if (!t) continue;
      const prev = columns.get(name);
      if (!prev || (prev.type === 'int' && t.type === 'double')) columns.set(name, t);
    }
  }
  const header = [...lead, ...[...columns].map(([name, t]) => `${name}:${t.type}${t.array ? '[]' : ''}`)];
  const lines = [csvLine(header)];
  rows.forEach((row, i) =>
    lines.push(csvLine([...leadValues(i), ...[...columns.keys()].map((name) => cell(owners[i]!, name, row[name]))])),
  );
  return `${lines.join('\n')}\n`;
}

export function referenceNeo4jCsv(json: GraphJson): ExportFile[] {
  const kb: KnowledgeBase = {
    sources: json.attributes?.sources ?? [],
    entities: json.nodes.map((n) => ({ id: n.key, ...n.attributes! }) as Entity),
    relations: json.edges.map(
      (e, i) => ({ ...e.attributes!, key: e.key ?? `e${i}`, from: e.source, to: e.target }) as LoadedRelation,
    ),
  };
  const rows = seedRows(kb);
  const entities = table(
    ['id:ID(Entity)', ':LABEL'],
    (i) => [kb.entities[i]!.id, `Entity${ARRAY_DELIMITER}${kb.entities[i]!.kind}`],
    rows.entities,
    kb.entities.map((e) => `entity ${e.id}`),
    new Set(['id']),
  );
  const sources = table(
    ['id:ID(Source)', ':LABEL'],
    (i) => [kb.sources[i]!.id, 'Source'],
    rows.sources,
    kb.sources.map((s) => `source ${s.id}`),
    new Set(['id']),
  );
  const relations = table(
    [':START_ID(Entity)', ':END_ID(Entity)', ':TYPE'],
    (i) => [
      rows.relations[i]!.from,
      rows.relations[i]!.to,
      neo4jRelationshipType(kb.relations[i]!.type as RelationType),
    ],
    rows.relations.map((r) => r.props),
    kb.relations.map((r) => `relation ${r.key}`),
    new Set(),
  );
  const supports = table(
    [':START_ID(Source)', ':END_ID(Entity)', ':TYPE'],
    (i) => [rows.supports[i]!.source, rows.supports[i]!.entity, 'SUPPORTS'],
    rows.supports.map(({ citations, paragraphs }) => ({ citations, paragraphs })),
    rows.supports.map((s) => `support ${s.source} -> ${s.entity}`),
    new Set(),
  );
  return [
    { name: 'entities.csv', content: entities },
    { name: 'sources.csv', content: sources },
    { name: 'relations.csv', content: relations },
    { name: 'supports.csv', content: supports },
    { name: 'IMPORT.txt', content: importInstructions() },
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
