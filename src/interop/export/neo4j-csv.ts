import { neo4jRelationshipType, type RelationType } from '../../model';
import type { GraphJson } from '../../store/port';
import { csvLine } from '../csv';

/**
 * CSV files in the header format of `neo4j-admin database import full`: one node file per label
 * family with `:ID(space)` and `:LABEL`, one relationship file with `:START_ID`, `:END_ID` and
 * `:TYPE`, and typed property columns (`name:string`, `aliases:string[]`, `credibility:int`).
 * Arrays use neo4j-admin's default array delimiter `;`. Partial dates stay strings (`2024-06`):
 * Neo4j's `date` type needs a full day. Lists of objects (facts, mentions, evidence) are JSON
 * text; `sources:string[]` on relationships lists the cited source ids for easy filtering.
 */

export const ARRAY_DELIMITER = ';';

export interface ExportFile {
  name: string;
  content: string;
}

export class CsvExportError extends Error {
  override readonly name = 'CsvExportError';
}

const ENTITY_HEADER = ['id:ID(Entity)', ':LABEL', 'name:string', 'aliases:string[]', 'demonyms:string[]', 'description:string', 'since:string', 'until:string', 'facts:string', 'mentions:string'];
const SOURCE_HEADER = ['id:ID(Source)', ':LABEL', 'title:string', 'authors:string[]', 'publisher:string', 'published:string', 'file:string', 'url:string', 'reliability:string', 'note:string'];
const RELATION_HEADER = [':START_ID(Entity)', ':END_ID(Entity)', ':TYPE', 'key:string', 'type:string', 'status:string', 'since:string', 'until:string', 'assertedBy:string[]', 'credibility:int', 'note:string', 'evidence:string', 'sources:string[]'];

function array(owner: string, field: string, values: readonly string[] | undefined): string | undefined {
  if (!values || values.length === 0) return undefined;
  const bad = values.find((v) => v.includes(ARRAY_DELIMITER));
  if (bad !== undefined) throw new CsvExportError(`${owner}: ${field} value "${bad}" contains "${ARRAY_DELIMITER}", the array delimiter of neo4j-admin; rename it before exporting`);
  return values.join(ARRAY_DELIMITER);
}

const jsonOrEmpty = (v: readonly unknown[] | undefined) => (v && v.length > 0 ? JSON.stringify(v) : undefined);

export function exportNeo4jCsv(json: GraphJson): ExportFile[] {
  const entities = [csvLine(ENTITY_HEADER)];
  for (const n of json.nodes) {
    const a = n.attributes!;
    const owner = `entity ${n.key}`;
    entities.push(csvLine([n.key, `Entity${ARRAY_DELIMITER}${a.kind}`, a.name, array(owner, 'aliases', a.aliases), array(owner, 'demonyms', a.demonyms), a.description, a.since, a.until, jsonOrEmpty(a.facts), jsonOrEmpty(a.mentions)]));
  }
  const sources = [csvLine(SOURCE_HEADER)];
  for (const s of json.attributes?.sources ?? []) {
    sources.push(csvLine([s.id, 'Source', s.title, array(`source ${s.id}`, 'authors', s.authors), s.publisher, s.published, s.file, s.url, s.reliability, s.note]));
  }
  const relations = [csvLine(RELATION_HEADER)];
  json.edges.forEach((e, i) => {
    const a = e.attributes!;
    const key = e.key ?? `e${i}`;
    const owner = `relation ${key}`;
    const cited = [...new Set(a.evidence.map((c) => c.source))];
    relations.push(
      csvLine([e.source, e.target, neo4jRelationshipType(a.type as RelationType), key, a.type, a.status, a.since, a.until, array(owner, 'assertedBy', a.assertedBy), a.credibility, a.note, JSON.stringify(a.evidence), array(owner, 'sources', cited)]),
    );
  });
  const body = (lines: string[]) => `${lines.join('\n')}\n`;
  return [
    { name: 'entities.csv', content: body(entities) },
    { name: 'sources.csv', content: body(sources) },
    { name: 'relations.csv', content: body(relations) },
    { name: 'IMPORT.txt', content: importInstructions() },
  ];
}

/** How to load the files; neo4j-admin needs the database stopped (or a new database). */
function importInstructions(): string {
  return [
    'Load into an empty Neo4j 5 database (stop it first, or name a new one):',
    '',
    '  neo4j-admin database import full \\',
    '    --nodes=entities.csv --nodes=sources.csv --relationships=relations.csv \\',
    `    --array-delimiter="${ARRAY_DELIMITER}" --multiline-fields=true --overwrite-destination neo4j`,
    '',
    'Every entity has the label Entity plus its kind (MilitantGroup, State, ...); relationship types',
    'are the UPPER_SNAKE form of the relation type (ALLIED_WITH, TARGETS, ...). facts, mentions and',
    'evidence are JSON text: in Cypher, apoc.convert.fromJsonList(r.evidence) reads them.',
    '',
  ].join('\n');
}
