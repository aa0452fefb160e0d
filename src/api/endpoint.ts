import type { z } from 'zod';

/** What the OpenAPI document says about one endpoint, from the zod schemas its handler parses with. */
export interface EndpointDoc {
  method: 'get' | 'post';
  /** OpenAPI path under /api, e.g. `/entities/{id}`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  pathParams?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  /** Success statuses other than 200 (e.g. 202 Accepted), each with its own body. */
  otherResponses?: Record<number, { description: string; schema: z.ZodType; headers?: string[] }>;
  /** Error statuses this endpoint can answer with (all use the error shape). */
  errors: number[];
}
