import type { z } from 'zod';

/**
 * What the OpenAPI document says about one endpoint. Each route file exports the docs of its
 * endpoints beside the handlers, built from the same zod schemas the handlers parse with.
 */
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
  /** Error statuses this endpoint can answer with (all use the error shape). */
  errors: number[];
}
