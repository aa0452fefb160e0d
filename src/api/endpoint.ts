import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Question } from '../model/questions';
import type { GraphStore } from '../store/port';
import type { DEFAULT_RATE_LIMITS } from './hardening';
import type { AnalyticsService } from '../analysis';
import type { ElementBytes } from './answer-json';
import type { ReplyBuffers } from './reply-buffers';
import type { SourceTexts } from './source-texts';

/** What handlers share, built once per app. */
export interface ApiContext {
  store: GraphStore;
  texts: SourceTexts;
  questions: Question[];
  analytics: AnalyticsService;
  /** The neighbourhood's JSON bytes, and buffers lent to write them into (README, Design notes). */
  elementBytes: ElementBytes;
  replyBuffers: ReplyBuffers;
}

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
  errors?: number[];
  rateLimit?: keyof typeof DEFAULT_RATE_LIMITS;
  handle(req: Request, res: Response, context: ApiContext): unknown;
}
