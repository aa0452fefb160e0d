import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTITY_KIND_IDS, neo4jRelationshipType, RELATION_TYPE_IDS } from '../../src/model';
import {
  CYPHER_DIR,
  forKind,
  forRelationType,
  KIND_LABEL,
  loadStatement,
  LOAD_NAMES,
  query,
  QUERY_NAMES,
  readCypherFile,
  schemaStatements,
  templatePlaceholder,
  type CypherStatement,
} from '../../src/store/neo4j/cypher-files';

/**
 * Every Cypher statement the program can send passes Neo4j's own parser and semantic analyser
 * with zero errors, its parameters declared from the file's `@param` lines, and every label,
 * relationship type and function it names known to the schema below.
 */

// The package's ESM entry is broken at this version; its CommonJS entry works.
const { lintCypherQuery } = createRequire(import.meta.url)('@neo4j-cypher/language-support') as {
  lintCypherQuery: (
    query: string,
    schema: object,
  ) => { severity?: number; message: string; range: { start: { line: number } } }[];
};

const ERROR = 1;

/** The built-in functions our files call. Declaring functions makes any other name an error. */
const FUNCTIONS = ['size', 'range', 'min', 'collect', 'count', 'properties', 'startNode', 'endNode', 'elementId'];

function builtin(name: string) {
  return {
    name,
    category: 'builtin',
    description: name,
    isBuiltIn: true,
    argumentDescription: [],
    returnDescription: 'ANY',
    signature: `${name}()`,
    aggregating: false,
    isDeprecated: false,
  };
}

function dbSchema(params: readonly string[]) {
  return {
    labels: ['Entity', 'Source', ...ENTITY_KIND_IDS],
    relationshipTypes: [...RELATION_TYPE_IDS.map(neo4jRelationshipType), 'SUPPORTS'],
    // Values only matter to the analyser as "declared"; a string stands for any type.
    parameters: Object.fromEntries(params.map((p) => [p, 'declared'])),
    functions: { 'CYPHER 5': Object.fromEntries(FUNCTIONS.map((f) => [f, builtin(f)])) },
    procedures: { 'CYPHER 5': { [FULLTEXT_QUERY_NODES.name]: FULLTEXT_QUERY_NODES } },
  };
}

/** The one procedure the named queries call (search.cypher), as Neo4j 5 declares it. */
const FULLTEXT_QUERY_NODES = {
  name: 'db.index.fulltext.queryNodes',
  description: 'Query the given full-text index.',
  mode: 'READ',
  worksOnSystem: false,
  argumentDescription: [
    { name: 'indexName', description: 'indexName :: STRING', type: 'STRING', isDeprecated: false },
    { name: 'queryString', description: 'queryString :: STRING', type: 'STRING', isDeprecated: false },
    {
      name: 'options',
      description: 'options = {} :: MAP',
      type: 'MAP',
      isDeprecated: false,
      default: 'DefaultParameterValue{value={}, type=MAP}',
    },
  ],
  returnDescription: [
    { name: 'node', description: 'node :: NODE', type: 'NODE', isDeprecated: false },
    { name: 'score', description: 'score :: FLOAT', type: 'FLOAT', isDeprecated: false },
  ],
  signature:
    'db.index.fulltext.queryNodes(indexName :: STRING, queryString :: STRING, options = {} :: MAP) :: (node :: NODE, score :: FLOAT)',
  admin: false,
  option: { deprecated: false },
};

/** Errors, plus warnings about labels or types the schema does not know (a misspelt label). */
function problems(text: string, params: readonly string[]): string[] {
  return lintCypherQuery(text, dbSchema(params))
    .filter((d) => d.severity === ERROR || /is not present in the database/.test(d.message))
    .map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
}

/** Each statement as it is sent: templates once per registry value. */
function instances(statement: CypherStatement): CypherStatement[] {
  const placeholder = templatePlaceholder(statement);
  if (placeholder === null) return [statement];
  if (placeholder === KIND_LABEL) return ENTITY_KIND_IDS.map((k) => forKind(statement, k));
  return RELATION_TYPE_IDS.map((t) => forRelationType(statement, t));
}

describe("cypher/ files pass Neo4j's Cypher analyser", () => {
  it('the lint reports a real error, an undeclared parameter and an unknown function (the test can fail)', () => {
    expect(problems('MATCH (n:Entity) RETURN m', [])).toEqual([expect.stringMatching(/Variable `m` not defined/)]);
    expect(problems('MATCH (n:Entity {id: $id}) RETURN n', [])).toEqual([
      expect.stringMatching(/Parameter \$id is not defined/),
    ]);
    expect(problems('MATCH (n:Entity) RETURN sizee(n.aliases)', [])).toEqual([
      expect.stringMatching(/Function sizee is not present/),
    ]);
    expect(problems('MATCH (n:Entiy) RETURN n', [])).toEqual([expect.stringMatching(/Entiy is not present/)]);
    expect(problems('MATCH (n:Entity) RETURN n ORDER BY', [])).not.toEqual([]);
  });

  it('every file under cypher/ is a schema file, a named query, a load statement or a fragment', () => {
    const listed = (dir: string) =>
      readdirSync(path.join(CYPHER_DIR, dir))
        .filter((f) => f.endsWith('.cypher'))
        .map((f) => f.replace(/\.cypher$/, ''))
        .sort();
    expect(listed('queries')).toEqual([...QUERY_NAMES].sort());
    expect(listed('load')).toEqual([...LOAD_NAMES].sort());
    expect(listed('fragments').sort()).toEqual(['node-passes', 'relation-passes', 'walk', 'walk-step']);
  });

  it.each(schemaStatements().map((s, i) => [i + 1, s] as const))('schema.cypher statement %i', (_i, statement) => {
    expect(problems(statement, [])).toEqual([]);
  });

  it.each(QUERY_NAMES.map((n) => [n]))('queries/%s.cypher', (name) => {
    const q = query(name);
    expect(q.text).not.toMatch(/\{\{/);
    expect(problems(q.text, q.params)).toEqual([]);
  });

  it.each(LOAD_NAMES.map((n) => [n]))('load/%s.cypher (every registry instance of a template)', (name) => {
    for (const statement of instances(loadStatement(name))) {
      expect({ file: statement.file, problems: problems(statement.text, statement.params) }).toEqual({
        file: statement.file,
        problems: [],
      });
    }
  });

  it('declares the parameters it uses: a file read without its declarations fails the lint', () => {
    const q = readCypherFile('queries/neighborhood.cypher');
    expect(q.params).toEqual([
      'asOfFirst',
      'asOfLast',
      'depth',
      'excludeTypes',
      'id',
      'kinds',
      'knownByLast',
      'limit',
      'status',
      'types',
    ]);
    const found = problems(
      q.text,
      q.params.filter((p) => p !== 'knownByLast'),
    );
    expect(found.length).toBeGreaterThan(0);
    for (const message of found) expect(message).toMatch(/Parameter \$knownByLast is not defined/);
  });
});
