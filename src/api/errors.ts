import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { AnalysisFailedError } from '../analysis/runner';
import { CypherRefusedError, CypherSyntaxError, CypherTooComplexError } from '../cypher-guard/errors';
import { CypherGuardBusyError } from '../cypher-guard/off-thread';
import { CsvExportError } from '../interop/export/neo4j-csv';
import { ZipTooLargeError } from '../interop/zip';
import { SourceTextUnavailableError } from './source-texts';
import { operatorMessage } from '../store/operator-message';
import { CypherQueryError, Neo4jRequiredError, StoreUnavailableError, UnknownEntityError } from '../store/port';

/**
 * Every error a client can see, mapped to its HTTP status in one place. Clients always get
 * `{ error: { code, message, details? } }` and never a stack trace.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, 'NOT_FOUND', what);

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: { code, message, ...(details !== undefined ? { details } : {}) } };
}

/** Turns any thrown value into an ApiError; unknown errors become a bare 500. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof ZodError) {
    // `param` is the parameter as the client named it; `path` reaches inside lists and objects.
    const issues = err.issues.map((i) => ({
      param: String(i.path[0] ?? ''),
      path: i.path.join('.'),
      message: i.message,
      code: i.code,
    }));
    const first = issues[0];
    return new ApiError(
      400,
      'BAD_REQUEST',
      first ? `invalid parameter "${first.param}": ${first.message}` : 'invalid request',
      issues,
    );
  }
  if (err instanceof UnknownEntityError) {
    return new ApiError(
      404,
      'NOT_FOUND',
      `unknown entity "${err.id}"${err.param ? ` (parameter "${err.param}")` : ''}`,
    );
  }
  if (err instanceof CypherSyntaxError) {
    return new ApiError(400, 'CYPHER_SYNTAX', err.message, { line: err.position.line, column: err.position.column });
  }
  if (err instanceof CypherRefusedError) {
    return new ApiError(403, 'CYPHER_REFUSED', err.message, { line: err.position.line, column: err.position.column });
  }
  if (err instanceof CypherTooComplexError) {
    return new ApiError(400, 'CYPHER_TOO_COMPLEX', err.message);
  }
  if (err instanceof CypherGuardBusyError) {
    return new ApiError(503, 'CYPHER_BUSY', err.message, undefined, { 'Retry-After': '1' });
  }
  if (err instanceof CypherQueryError) {
    const code =
      err.reason === 'refused' ? 'CYPHER_REFUSED' : err.reason === 'timeout' ? 'CYPHER_TIMEOUT' : 'CYPHER_SYNTAX';
    return new ApiError(err.status, code, err.message);
  }
  if (err instanceof CsvExportError || err instanceof ZipTooLargeError) {
    // The data cannot be written in this format (e.g. a list value containing the delimiter, a zip past 4 GB).
    return new ApiError(422, 'EXPORT_FAILED', err.message);
  }
  if (err instanceof Neo4jRequiredError) {
    return new ApiError(503, 'NEO4J_REQUIRED', err.message);
  }
  if (err instanceof SourceTextUnavailableError) {
    return new ApiError(503, 'SOURCES_UNAVAILABLE', err.message);
  }
  if (err instanceof AnalysisFailedError) {
    // A timeout is likely to recur for the same filters; a crash may not. Either way the next request retries.
    return err.reason === 'timeout'
      ? new ApiError(503, 'ANALYSIS_TIMEOUT', `${err.message}; narrower filters make a smaller graph to analyse`)
      : new ApiError(500, 'ANALYSIS_FAILED', `${err.message}; the next request starts it again`);
  }
  if (err instanceof StoreUnavailableError) {
    return new ApiError(503, 'STORE_UNAVAILABLE', err.message, undefined, { 'Retry-After': '5' });
  }
  const e = err as { type?: string; status?: number; statusCode?: number; expose?: boolean; message?: string };
  // body-parser errors carry a status and a type; their messages are safe to show.
  if (e && typeof e === 'object' && e.type === 'entity.too.large')
    return new ApiError(413, 'PAYLOAD_TOO_LARGE', 'request body is too large');
  if (e && typeof e === 'object' && e.type === 'entity.parse.failed')
    return new ApiError(400, 'BAD_REQUEST', 'request body is not valid JSON');
  const status = e?.status ?? e?.statusCode;
  // http-errors marks messages written for clients (e.g. "Failed to decode param") as exposable.
  if (typeof status === 'number' && status >= 400 && status < 500)
    return new ApiError(status, 'BAD_REQUEST', e.expose && e.message ? e.message : 'bad request');
  return new ApiError(500, 'INTERNAL', 'internal error; the server log has the details');
}

export const unknownRoute: RequestHandler = (req, _res, next) => {
  next(new ApiError(404, 'NOT_FOUND', `no endpoint ${req.method} ${req.path}`));
};

export function errorHandler(log: (entry: Record<string, unknown>) => void): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const apiError = toApiError(err);
    const requestId = res.locals.requestId as string | undefined;
    // The log gets the operator's version (the database's address, the driver's words); the client does not.
    const detail = operatorMessage(err);
    if (apiError.status >= 500)
      log({
        level: 'error',
        msg: 'request failed',
        requestId,
        path: req.originalUrl.split('?')[0],
        err: err instanceof Error ? err.stack : String(err),
        ...(err instanceof Error && detail !== err.message ? { detail } : {}),
      });
    if (res.headersSent) return;
    res
      .status(apiError.status)
      .set(apiError.headers)
      .json(errorBody(apiError.code, apiError.message, apiError.details));
  };
}
