import { z } from 'zod';
import { QUERY_LIMITS, sharedGuardThread } from '../../cypher-guard';
import type { Endpoint } from '../openapi';
import { ApiError } from '../errors';

/** Limits for a user's query: the guard makes it read-only, these keep it cheap. */
export const CYPHER_LIMITS = { timeoutMs: 5000, maxRows: 1000 } as const;

const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_]*$/u;

export const CypherBody = z
  .strictObject({
    query: z.string().min(1, 'query is required').max(20_000).describe('One read-only Cypher statement.'),
    params: z
      .record(z.string().regex(IDENTIFIER, 'parameter names are identifiers').max(100), z.unknown())
      .default({})
      .describe('Query parameters, referenced as $name.'),
  })
  .describe('A read-only Cypher query and its parameters.');

export const CypherResponse = z
  .object({
    columns: z.array(z.string()),
    rows: z.array(z.array(z.unknown())),
    graph: z.unknown().describe('Nodes, relationships and paths found in the rows, in graphology serialisation.'),
    truncated: z.boolean().describe(`true when more than ${CYPHER_LIMITS.maxRows} rows existed`),
  })
  .describe('The result of a Cypher query.');

export const cypherEndpoints: Endpoint[] = [
  {
    method: 'post',
    path: '/cypher',
    summary: 'Run one read-only Cypher query',
    description: `Parsed with Neo4j's own parser first. Refused with 403 CYPHER_REFUSED (and the reason) when it could write (CREATE, MERGE, SET, DELETE, REMOVE, FOREACH, also inside subqueries or after UNION), administer (SHOW, GRANT, CREATE INDEX, USE ...), load files (LOAD CSV), holds several statements, or calls a procedure or function off the allow-list. A syntax error is 400 CYPHER_SYNTAX with details.line and details.column. A query past the limits (${QUERY_LIMITS.maxChars.toLocaleString('en')} characters, ${QUERY_LIMITS.maxTokens.toLocaleString('en')} tokens, brackets ${QUERY_LIMITS.maxNesting} deep, parameters ${QUERY_LIMITS.maxParamDepth} levels deep) or whose analysis takes longer than ${QUERY_LIMITS.analysisMs / 1000} s is 400 CYPHER_TOO_COMPLEX, and a \\uXXXX escape that is not a letter or digit is refused (Neo4j reads those before strings and comments). On Neo4j it runs in a read transaction (timeout ${CYPHER_LIMITS.timeoutMs} ms, past which it is stopped and answered 504 CYPHER_TIMEOUT; at most ${CYPHER_LIMITS.maxRows} rows); the embedded store answers 503 NEO4J_REQUIRED.`,
    body: CypherBody,
    response: CypherResponse,
    errors: [400, 403, 413, 415, 429, 503, 504],
    rateLimit: 'cypher',
    // The guard runs on every store, so a write is refused with 403 even where no Neo4j is connected.
    async handle(req, res, { store }) {
      // express.json() reads only JSON bodies: anything else arrives as no body at all.
      if (!req.is('application/json')) {
        const sent = req.get('content-type');
        const what = sent ? `this request sent ${sent.split(';')[0]!.slice(0, 100)}` : 'this request sent no body';
        const example = '{"query": "MATCH (n:Entity) RETURN n LIMIT 5", "params": {}}';
        const message = `send the query as a JSON body with Content-Type: application/json, e.g. ${example}; ${what}`;
        throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', message);
      }
      const body = CypherBody.parse(req.body ?? {});
      // Parsed and analysed off the request thread, under a deadline (src/cypher-guard/off-thread.ts).
      const guarded = await sharedGuardThread().check(body.query, body.params);
      res.json(await store.runCypher(guarded.statement, body.params, { ...CYPHER_LIMITS }));
    },
  },
];
