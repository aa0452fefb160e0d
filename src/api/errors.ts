import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { AnalysisFailedError } from '../analysis/runner';
import { CsvExportError } from '../interop/export/neo4j-csv';
import { ZipTooLargeError } from '../interop/zip';
import {
  BadParameterError,
  CypherGuardBusyError,
  CypherQueryError,
  CypherRefusedError,
  CypherSyntaxError,
  CypherTooComplexError,
  Neo4jRequiredError,
  NotFoundError,
  SourceTextUnavailableError,
  StoreUnavailableError,
  UnknownEntityError,
} from '../model/errors';
import { operatorMessage } from '../store/operator-message';

/**
 * An HTTP answer to an error: status, stable code, message, details and headers. Clients always
 * get `{ error: { code, message, details? } }` and never a stack trace.
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

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: { code, message, ...(details !== undefined ? { details } : {}) } };
}

/** Seconds a client should wait before asking again while the store is down. */
export const STORE_RETRY_AFTER_SECONDS = 5;

/** Parameter problems as the client named them: `param` is the parameter, `path` reaches inside lists and objects. */
function badRequest(issues: { param: string; path: string; message: string; code: string }[]): ApiError {
  const first = issues[0];
  const message = first ? `invalid parameter "${first.param}": ${first.message}` : 'invalid request';
  return new ApiError(400, 'BAD_REQUEST', message, issues);
}

// Not 408 for a timeout: a browser re-sends a request answered 408 on a kept-alive connection, so
// the slow query would run twice.
const CYPHER_QUERY_ANSWERS = {
  invalid: [400, 'CYPHER_SYNTAX'],
  refused: [403, 'CYPHER_REFUSED'],
  timeout: [504, 'CYPHER_TIMEOUT'],
} as const;

type ErrorClass<E> = abstract new (...args: never[]) => E;
interface Row {
  error: ErrorClass<Error>;
  answer: (e: Error) => ApiError;
}
const row = <E extends Error>(error: ErrorClass<E>, answer: (e: E) => ApiError): Row => ({
  error,
  answer: answer as (e: Error) => ApiError,
});
const position = (e: CypherSyntaxError | CypherRefusedError) => ({ line: e.position.line, column: e.position.column });

/**
 * Every domain error a client can see, with its status and code: the one place they are decided.
 * The first row the error is an instance of answers (a subclass before its parent).
 */
const ERROR_TABLE: Row[] = [
  row(ApiError, (e) => e),
  row(ZodError, (e) =>
    badRequest(
      e.issues.map((i) => ({
        param: String(i.path[0] ?? ''),
        path: i.path.join('.'),
        message: i.message,
        code: i.code,
      })),
    ),
  ),
  row(BadParameterError, (e) => badRequest([{ param: e.param, path: e.param, message: e.reason, code: 'custom' }])),
  row(
    UnknownEntityError,
    (e) => new ApiError(404, 'NOT_FOUND', `${e.message}${e.param ? ` (parameter "${e.param}")` : ''}`),
  ),
  row(NotFoundError, (e) => new ApiError(404, 'NOT_FOUND', e.message)),
  row(CypherSyntaxError, (e) => new ApiError(400, 'CYPHER_SYNTAX', e.message, position(e))),
  row(CypherRefusedError, (e) => new ApiError(403, 'CYPHER_REFUSED', e.message, position(e))),
  row(CypherTooComplexError, (e) => new ApiError(400, 'CYPHER_TOO_COMPLEX', e.message)),
  row(CypherGuardBusyError, (e) => new ApiError(503, 'CYPHER_BUSY', e.message, undefined, { 'Retry-After': '1' })),
  row(CypherQueryError, (e) => {
    const [status, code] = CYPHER_QUERY_ANSWERS[e.reason];
    return new ApiError(status, code, e.message);
  }),
  // The data cannot be written in this format (e.g. a list value containing the delimiter, a zip past 4 GB).
  row(CsvExportError, (e) => new ApiError(422, 'EXPORT_FAILED', e.message)),
  row(ZipTooLargeError, (e) => new ApiError(422, 'EXPORT_FAILED', e.message)),
  row(Neo4jRequiredError, (e) => new ApiError(503, 'NEO4J_REQUIRED', e.message)),
  row(SourceTextUnavailableError, (e) => new ApiError(503, 'SOURCES_UNAVAILABLE', e.message)),
  // A timeout is likely to recur for the same filters; a crash may not. Either way the next request retries.
  row(AnalysisFailedError, (e) =>
    e.reason === 'timeout'
      ? new ApiError(503, 'ANALYSIS_TIMEOUT', `${e.message}; narrower filters make a smaller graph to analyse`)
      : new ApiError(500, 'ANALYSIS_FAILED', `${e.message}; the next request starts it again`),
  ),
  row(
    StoreUnavailableError,
    (e) =>
      new ApiError(503, 'STORE_UNAVAILABLE', e.message, undefined, {
        'Retry-After': String(STORE_RETRY_AFTER_SECONDS),
      }),
  ),
];

/** Turns any thrown value into its HTTP answer; unknown errors become a bare 500. */
export function toApiError(err: unknown): ApiError {
  const known = ERROR_TABLE.find((r) => err instanceof r.error);
  if (known) return known.answer(err as Error);
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
