import { z } from 'zod';
import { BriefingQuery } from './briefing';
import type { EndpointDoc } from './endpoint';
import { analyticsEndpoints } from './routes/analytics';
import { cypherEndpoints } from './routes/cypher';
import { entityEndpoints } from './routes/entities';
import { graphEndpoints } from './routes/graph';
import { metaEndpoints } from './routes/meta';
import { passageEndpoints } from './routes/passages';
import { pathEndpoints } from './routes/paths';
import { questionEndpoints } from './routes/questions';
import { searchEndpoints } from './routes/search';
import { sourceEndpoints } from './routes/sources';
import { ErrorResponse } from './schemas';

/** Every documented endpoint, in the order the docs page shows them. */
export const ENDPOINTS: EndpointDoc[] = [
  ...metaEndpoints,
  ...searchEndpoints,
  ...entityEndpoints,
  ...pathEndpoints,
  ...questionEndpoints,
  ...analyticsEndpoints,
  ...sourceEndpoints,
  ...passageEndpoints,
  ...graphEndpoints,
  ...cypherEndpoints,
];

const ERROR_TEXT: Record<number, string> = {
  400: 'Bad input: the zod issues, each naming its parameter, in error.details',
  403: 'Refused: the query is not read-only (error.message says why)',
  404: 'Unknown id',
  413: 'Request body too large',
  415: 'The body is not JSON (Content-Type: application/json)',
  429: 'Rate limited; see Retry-After',
  500: 'Internal error; for analytics, ANALYSIS_FAILED: the analysis worker crashed (the next request starts it again)',
  503: 'Store unavailable (Retry-After), Neo4j required, (passages) the source texts are not on the server, or (analytics) ANALYSIS_TIMEOUT',
  504: 'CYPHER_TIMEOUT: the query ran past its time limit on Neo4j and was stopped',
};

type JsonSchema = Record<string, unknown>;

/** Request side: what a client may send (before transforms and defaults). */
const inputSchema = (schema: z.ZodType): JsonSchema =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
/** Response side: what the API sends. */
const outputSchema = (schema: z.ZodType): JsonSchema =>
  z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as JsonSchema;

function parameters(schema: z.ZodObject | undefined, where: 'query' | 'path'): JsonSchema[] {
  if (!schema) return [];
  const json = inputSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, prop]) => {
    const { description, ...rest } = prop;
    return {
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

/** The OpenAPI 3.1 document, generated from the zod schemas the handlers validate with. */
export function openApiDocument(): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of ENDPOINTS) {
    const content: Record<string, unknown> = { 'application/json': { schema: outputSchema(e.response) } };
    // An answer that takes BriefingQuery's `format` can also be had as a cited Markdown briefing.
    if (e.query?.shape.format === BriefingQuery.shape.format) content['text/markdown'] = { schema: { type: 'string' } };
    const responses: Record<string, unknown> = { 200: { description: 'OK', content } };
    for (const [status, other] of Object.entries(e.otherResponses ?? {})) {
      const headers = Object.fromEntries((other.headers ?? []).map((h) => [h, { schema: { type: 'string' } }]));
      responses[status] = {
        description: other.description,
        ...(other.headers ? { headers } : {}),
        content: { 'application/json': { schema: outputSchema(other.schema) } },
      };
    }
    for (const status of e.errors) {
      responses[status] = {
        description: ERROR_TEXT[status] ?? 'Error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    (paths[e.path] ??= {})[e.method] = {
      tags: [e.tag],
      summary: e.summary,
      ...(e.description ? { description: e.description } : {}),
      operationId: `${e.method}${e.path.replace(/\{(\w+)\}/g, 'By_$1').replace(/[^A-Za-z0-9]+(\w)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      parameters: [...parameters(e.pathParams, 'path'), ...parameters(e.query, 'query')],
      ...(e.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: inputSchema(e.body) } } } }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Pakistan CT actor graph API',
      version: '0.1.0',
      description:
        "A cited knowledge graph of actors, operations and relationships in Pakistan's counterterrorism landscape. Every relation carries evidence (source and paragraph). Lists are comma-separated; dates may be partial (2024, 2024-06). Errors are always { error: { code, message, details? } }.",
    },
    servers: [{ url: '/api' }],
    paths,
    components: { schemas: { Error: outputSchema(ErrorResponse) } },
  };
}
