import { z } from 'zod';
import { BriefingQuery } from './briefing';
import type { Request, Response } from 'express';
import type { ApiContext } from './app';
import type { DEFAULT_RATE_LIMITS } from './hardening';
import { analyticsEndpoints } from './routes/analytics';
import { cypherEndpoints } from './routes/cypher';
import { entityEndpoints } from './routes/entities';
import { graphEndpoints } from './routes/graph';
import { metaEndpoints } from './routes/meta';
import { pathEndpoints } from './routes/paths';
import { questionEndpoints } from './routes/questions';
import { sourceEndpoints } from './routes/sources';

/** One endpoint, declared once: its handler, and its OpenAPI entry from the zod schemas the handler parses with. */
export interface Endpoint {
  /** Default: get. */
  method?: 'post';
  /** OpenAPI path under /api, e.g. `/entities/{id}`. */
  path: string;
  /** Default: the path's first segment. */
  tag?: string;
  summary: string;
  description?: string;
  pathParams?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  /** Success statuses other than 200 (e.g. 202 Accepted), each with its own body. */
  otherResponses?: Record<number, { description: string; schema: z.ZodType; headers?: string[] }>;
  /** Error statuses this endpoint can answer with (all use the error shape); default none. */
  errors?: (keyof typeof ERROR_TEXT)[];
  rateLimit?: keyof typeof DEFAULT_RATE_LIMITS;
  handle(req: Request, res: Response, context: ApiContext): unknown;
}

/** Every documented endpoint, in the order the docs page shows them. */
export const ENDPOINTS: Endpoint[] = [
  ...metaEndpoints,
  ...entityEndpoints,
  ...pathEndpoints,
  ...questionEndpoints,
  ...analyticsEndpoints,
  ...sourceEndpoints,
  ...graphEndpoints,
  ...cypherEndpoints,
];

/** What each error status an endpoint lists means. */
export const ERROR_TEXT = {
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

const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string().describe('Stable machine-readable code, e.g. BAD_REQUEST, NOT_FOUND, CYPHER_REFUSED.'),
      message: z.string(),
      details: z
        .unknown()
        .optional()
        .describe('For BAD_REQUEST: the zod issues, each naming its parameter; for Cypher errors: line and column.'),
    }),
  })
  .describe('Every error has this shape; no response carries a stack trace.');

type JsonSchema = Record<string, unknown>;

/** Request side (`input`): what a client may send, before transforms and defaults; `output`: what the API sends. */
const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
const content = (schema: JsonSchema) => ({ 'application/json': { schema } });
const errorContent = content({ $ref: '#/components/schemas/Error' });

function parameters(schema: z.ZodObject | undefined, where: 'query' | 'path') {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input') as { properties: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties).map(([name, { description, ...rest }]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    ...(description ? { description: description as string } : {}),
    schema: rest,
  }));
}

/** One endpoint's OpenAPI operation. */
function operation(e: Endpoint) {
  const method = e.method ?? 'get';
  const ok: Record<string, unknown> = content(jsonSchema(e.response, 'output'));
  // An answer that takes BriefingQuery's `format` can also be had as a cited Markdown briefing.
  if (e.query?.shape.format === BriefingQuery.shape.format) ok['text/markdown'] = { schema: { type: 'string' } };
  const responses: Record<string, { description: string } & JsonSchema> = { 200: { description: 'OK', content: ok } };
  for (const [status, { description, headers, schema }] of Object.entries(e.otherResponses ?? {}))
    responses[status] = {
      description,
      ...(headers ? { headers: Object.fromEntries(headers.map((h) => [h, { schema: { type: 'string' } }])) } : {}),
      content: content(jsonSchema(schema, 'output')),
    };
  for (const status of e.errors ?? []) responses[status] = { description: ERROR_TEXT[status], content: errorContent };
  return {
    tags: [e.tag ?? e.path.split('/')[1]],
    summary: e.summary,
    ...(e.description ? { description: e.description } : {}),
    operationId: `${method}${e.path.replace(/\{(\w+)\}/g, 'By_$1').replace(/[^A-Za-z0-9]+(\w)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    parameters: [...parameters(e.pathParams, 'path'), ...parameters(e.query, 'query')],
    ...(e.body ? { requestBody: { required: true, content: content(jsonSchema(e.body, 'input')) } } : {}),
    responses,
  };
}
export type Operation = ReturnType<typeof operation>;

/** The OpenAPI 3.1 document, generated from the zod schemas the handlers validate with. */
export function openApiDocument() {
  const paths: Record<string, Record<string, Operation>> = {};
  for (const e of ENDPOINTS) (paths[e.path] ??= {})[e.method ?? 'get'] = operation(e);
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
    components: { schemas: { Error: jsonSchema(ErrorResponse, 'output') } },
  };
}
