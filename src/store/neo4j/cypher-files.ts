import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../config';
import { ENTITY_KIND_IDS, neo4jRelationshipType, RELATION_TYPE_IDS } from '../../model';
import type { EntityKind, RelationType } from '../../model';

/**
 * Every statement sent to Neo4j is a file under cypher/; the only text ever substituted is a
 * fragment or a registry label or type, so no query text is built from input. Each file declares
 * its parameters in `// @param name: type` comments, which `bind` and the lint test hold it to.
 */

export const CYPHER_DIR = path.join(REPO_ROOT, 'cypher');

/** The names of the .cypher files in a folder: the named queries (read-only) and the load statements of kg seed. */
const names = (dir: string) =>
  readdirSync(path.join(CYPHER_DIR, dir))
    .filter((f) => f.endsWith('.cypher'))
    .map((f) => path.basename(f, '.cypher'))
    .sort();
export const QUERY_NAMES = names('queries');
export const LOAD_NAMES = names('load');

/** Placeholders in load templates, and the registry values that alone may replace them. */
const PLACEHOLDERS = { KIND_LABEL: ENTITY_KIND_IDS, RELATION_TYPE: RELATION_TYPE_IDS.map(neo4jRelationshipType) };
type Placeholder = keyof typeof PLACEHOLDERS;
export const KIND_LABEL: Placeholder = 'KIND_LABEL';

/** A file's text, where it came from (e.g. `queries/search.cypher`), and its declared parameters, fragments' included. */
export type CypherStatement = { file: string; text: string; params: readonly string[] };

const PARAM_LINE = /^\s*\/\/\s*@param\s+([A-Za-z_][A-Za-z0-9_]*)\s*:/gm;
const COMMENT_LINE = /^\s*\/\/.*\n?/gm;
const read = (relative: string) => readFileSync(path.join(CYPHER_DIR, relative), 'utf8');

/** A file's text with the fragments it names as `{{fragment-name}}` spliced in (fragments may name others). */
function splice(raw: string, params: Set<string>): string {
  for (const [, name] of raw.matchAll(PARAM_LINE)) params.add(name!);
  return raw.replace(/\{\{([a-z-]+)\}\}/g, (_all, name: string) =>
    // Without its comment lines, so that a fragment can sit inside a WHERE clause.
    splice(read(`fragments/${name}.cypher`), params)
      .replace(COMMENT_LINE, '')
      .trim(),
  );
}

const cache = new Map<string, CypherStatement>();

/** Reads a file under cypher/ with its fragments spliced in. */
export function readCypherFile(file: string): CypherStatement {
  if (!cache.has(file)) {
    const params = new Set<string>();
    const text = splice(read(file), params).trim();
    cache.set(file, { file, text, params: [...params].sort() });
  }
  return cache.get(file)!;
}

export const query = (name: string): CypherStatement => readCypherFile(`queries/${name}.cypher`);
export const loadStatement = (name: string): CypherStatement => readCypherFile(`load/${name}.cypher`);

function substitute(statement: CypherStatement, placeholder: Placeholder, value: string) {
  // The value is checked against the registry even though callers pass typed ids: a label that
  // is not a plain identifier would change the statement's meaning.
  if (!(PLACEHOLDERS[placeholder] as readonly string[]).includes(value) || !/^[A-Za-z][A-Za-z_]*$/.test(value))
    throw new Error(`not a registry value: "${value}"`);
  if (!statement.text.includes(placeholder)) throw new Error(`${statement.file} has no ${placeholder} placeholder`);
  return { ...statement, text: statement.text.replaceAll(placeholder, value) };
}

/** A load template with its kind label, or its relationship type, filled in. */
export const forKind = (statement: CypherStatement, kind: EntityKind) => substitute(statement, 'KIND_LABEL', kind);
export const forRelationType = (statement: CypherStatement, type: RelationType) =>
  substitute(statement, 'RELATION_TYPE', neo4jRelationshipType(type));

/** The placeholder a load template must have replaced before it can run, if any. */
export const templatePlaceholder = (statement: CypherStatement) =>
  Object.keys(PLACEHOLDERS).find((p) => statement.text.includes(p)) ?? null;

/** The statement's text, after checking the parameters are exactly the declared ones (a programming error if not). */
export function bind(statement: CypherStatement, params: Record<string, unknown>): string {
  const given = Object.keys(params);
  const problems = Object.entries({
    missing: statement.params.filter((p) => !given.includes(p)),
    undeclared: given.filter((p) => !statement.params.includes(p)).sort(),
  }).flatMap(([what, names]) => (names.length > 0 ? [`${what} parameter(s) ${names.join(', ')}`] : []));
  if (templatePlaceholder(statement)) problems.push('template used without a registry value');
  if (problems.length > 0) throw new Error(`${statement.file}: ${problems.join('; ')}`);
  return statement.text;
}

/** The statements of cypher/schema.cypher, one per `;`. */
export function schemaStatements(): string[] {
  return read('schema.cypher')
    .replace(COMMENT_LINE, '')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
