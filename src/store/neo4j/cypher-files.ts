import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../config';
import {
  ENTITY_KIND_IDS,
  neo4jRelationshipType,
  RELATION_TYPE_IDS,
  type EntityKind,
  type RelationType,
} from '../../model';

/**
 * Every Cypher statement the program sends to Neo4j comes from a file under cypher/, loaded here
 * by name. The only text ever substituted is a fragment from cypher/fragments or a label or
 * relationship type from the registries, so no query text is built from input. Each file declares
 * its parameters in `// @param name: type` comments; `bind` refuses a call that passes a
 * different set, and the lint test declares exactly these parameters to Neo4j's analyser.
 */

export const CYPHER_DIR = path.join(REPO_ROOT, 'cypher');

export const QUERY_NAMES = [
  'health',
  'stats',
  'search',
  'entity',
  'neighborhood-focus',
  'expand-layer',
  'subgraph',
  'graph',
  'entities-by-id',
  'sources',
  'source-list',
  'source',
  'nodes-by-element-id',
] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

export const LOAD_NAMES = [
  'current-state',
  'remove-relations',
  'remove-entities',
  'remove-sources',
  'sources',
  'entities',
  'remove-kind-label',
  'relations',
  'supports',
  'prune-supports',
  'clear-graph',
] as const;
export type LoadName = (typeof LOAD_NAMES)[number];

/** Placeholders in load templates, replaced only by registry values. */
export const KIND_LABEL = 'KIND_LABEL';
export const RELATION_TYPE = 'RELATION_TYPE';

export interface CypherStatement {
  /** Where it came from, e.g. `queries/search.cypher`. */
  file: string;
  text: string;
  /** Declared parameter names, fragments' included. */
  params: readonly string[];
}

const PARAM_LINE = /^\s*\/\/\s*@param\s+([A-Za-z_][A-Za-z0-9_]*)\s*:/;
const INCLUDE = /\{\{([a-z-]+)\}\}/g;

function declaredParams(text: string): string[] {
  return text.split('\n').flatMap((line) => {
    const m = PARAM_LINE.exec(line);
    return m?.[1] ? [m[1]] : [];
  });
}

/** A fragment without its comment lines, so it can sit inside a WHERE clause. */
function fragmentBody(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .trim();
}

const cache = new Map<string, CypherStatement>();

/** Reads a file under cypher/ and splices in the fragments it names as `{{fragment-name}}`. */
export function readCypherFile(relative: string): CypherStatement {
  const cached = cache.get(relative);
  if (cached) return cached;
  const raw = readFileSync(path.join(CYPHER_DIR, relative), 'utf8');
  const params = new Set(declaredParams(raw));
  const text = raw.replace(INCLUDE, (_all, name: string) => {
    const fragment = readFileSync(path.join(CYPHER_DIR, 'fragments', `${name}.cypher`), 'utf8');
    for (const p of declaredParams(fragment)) params.add(p);
    return fragmentBody(fragment);
  });
  const statement = { file: relative, text: text.trim(), params: [...params].sort() };
  cache.set(relative, statement);
  return statement;
}

export function query(name: QueryName): CypherStatement {
  return readCypherFile(`queries/${name}.cypher`);
}

export function loadStatement(name: LoadName): CypherStatement {
  return readCypherFile(`load/${name}.cypher`);
}

function substitute(
  statement: CypherStatement,
  placeholder: string,
  value: string,
  allowed: readonly string[],
): CypherStatement {
  // The value is checked against the registry even though callers pass typed ids: a label that
  // is not a plain identifier would change the statement's meaning.
  if (!allowed.includes(value) || !/^[A-Za-z][A-Za-z_]*$/.test(value))
    throw new Error(`not a registry value: "${value}"`);
  if (!statement.text.includes(placeholder)) throw new Error(`${statement.file} has no ${placeholder} placeholder`);
  return { ...statement, text: statement.text.replaceAll(placeholder, value) };
}

/** A load template with its kind label filled in from the entity-kind registry. */
export function forKind(statement: CypherStatement, kind: EntityKind): CypherStatement {
  return substitute(statement, KIND_LABEL, kind, ENTITY_KIND_IDS);
}

/** A load template with its relationship type filled in from the relation-type registry. */
export function forRelationType(statement: CypherStatement, type: RelationType): CypherStatement {
  return substitute(
    statement,
    RELATION_TYPE,
    neo4jRelationshipType(type),
    RELATION_TYPE_IDS.map(neo4jRelationshipType),
  );
}

/** Whether a load template needs a registry value before it can run. */
export function templatePlaceholder(statement: CypherStatement): typeof KIND_LABEL | typeof RELATION_TYPE | null {
  if (statement.text.includes(KIND_LABEL)) return KIND_LABEL;
  if (statement.text.includes(RELATION_TYPE)) return RELATION_TYPE;
  return null;
}

/** Thrown when a call's parameters differ from the file's declaration: a programming error. */
export class CypherParamsError extends Error {
  override readonly name = 'CypherParamsError';
}

/** The statement's text and its parameters, after checking they are exactly the declared ones. */
export function bind(
  statement: CypherStatement,
  params: Record<string, unknown> = {},
): { text: string; params: Record<string, unknown> } {
  const given = Object.keys(params).sort();
  const missing = statement.params.filter((p) => !given.includes(p));
  const extra = given.filter((p) => !statement.params.includes(p));
  if (missing.length > 0 || extra.length > 0) {
    throw new CypherParamsError(
      `${statement.file}: ${missing.length ? `missing parameter(s) ${missing.join(', ')}` : ''}${missing.length && extra.length ? '; ' : ''}${extra.length ? `undeclared parameter(s) ${extra.join(', ')}` : ''}`,
    );
  }
  if (templatePlaceholder(statement))
    throw new CypherParamsError(`${statement.file}: template used without a registry value`);
  return { text: statement.text, params };
}

/** The statements of cypher/schema.cypher, one per `;`. */
export function schemaStatements(): string[] {
  const raw = readFileSync(path.join(CYPHER_DIR, 'schema.cypher'), 'utf8');
  return raw
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
