import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { ApiContext } from './app';
import type { DEFAULT_RATE_LIMITS } from './hardening';
import type { ERROR_TEXT } from './openapi';

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
