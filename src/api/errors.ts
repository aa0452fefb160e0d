import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import { AnalysisFailedError } from '../analysis/runner';
import { CsvExportError } from '../interop/export/neo4j-csv';
import { ZipTooLargeError } from '../interop/zip';
import * as domain from '../model/errors';
import { operatorMessage } from '../store/operator-message';

/** An HTTP answer to an error. Clients always get `{ error: { code, message, details? } }`, never a stack trace. */
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

/** Seconds a client should wait before asking again while the store is down. */
export const STORE_RETRY_AFTER_SECONDS = 5;

/** Parameter problems as the client named them: `param` is the parameter, `path` reaches inside lists and objects. */
function badRequest(issues: readonly { path: PropertyKey[]; message: string; code: string }[]): ApiError {
  const details = issues.map(({ path, message, code }) => ({
    param: String(path[0] ?? ''),
    path: path.join('.'),
    message,
    code,
  }));
  const message = `invalid parameter "${details[0]!.param}": ${details[0]!.message}`;
  return new ApiError(400, 'BAD_REQUEST', message, details);
}

type ErrorClass<E> = abstract new (...args: never[]) => E;
type Row = [ErrorClass<Error>, (e: Error) => ApiError];
const row = <E extends Error>(error: ErrorClass<E>, answer: (e: E) => ApiError): Row => [error, answer as Row[1]];
/** The error's own message under a fixed status and code. */
function plain(status: number, code: string, headers?: Record<string, string>) {
  return (e: Error) => new ApiError(status, code, e.message, undefined, headers);
}

// Not 408 for a timeout: a browser re-sends a request answered 408 on a kept-alive connection, so
// the slow query would run twice.
const CYPHER_QUERY_ANSWERS = {
  invalid: plain(400, 'CYPHER_SYNTAX'),
  refused: plain(403, 'CYPHER_REFUSED'),
  timeout: plain(504, 'CYPHER_TIMEOUT'),
};

/**
 * Every domain error a client can see, with its status and code: the one place they are decided.
 * The first row the error is an instance of answers (a subclass before its parent).
 */
const ERROR_TABLE: Row[] = [
  row(ApiError, (e) => e),
  row(ZodError, (e) => badRequest(e.issues)),
  row(domain.BadParameterError, (e) => badRequest([{ path: [e.param], message: e.reason, code: 'custom' }])),
  row(
    domain.UnknownEntityError,
    (e) => new ApiError(404, 'NOT_FOUND', e.message + (e.param ? ` (parameter "${e.param}")` : '')),
  ),
  row(domain.NotFoundError, plain(404, 'NOT_FOUND')),
  row(domain.CypherSyntaxError, (e) => new ApiError(400, 'CYPHER_SYNTAX', e.message, e.position)),
  row(domain.CypherRefusedError, (e) => new ApiError(403, 'CYPHER_REFUSED', e.message, e.position)),
  row(domain.CypherTooComplexError, plain(400, 'CYPHER_TOO_COMPLEX')),
  row(domain.CypherGuardBusyError, plain(503, 'CYPHER_BUSY', { 'Retry-After': '1' })),
  row(domain.CypherQueryError, (e) => CYPHER_QUERY_ANSWERS[e.reason](e)),
  // The data cannot be written in this format (e.g. a list value containing the delimiter, a zip past 4 GB).
  row(CsvExportError, plain(422, 'EXPORT_FAILED')),
  row(ZipTooLargeError, plain(422, 'EXPORT_FAILED')),
  row(domain.Neo4jRequiredError, plain(503, 'NEO4J_REQUIRED')),
  row(domain.SourceTextUnavailableError, plain(503, 'SOURCES_UNAVAILABLE')),
  // A timeout is likely to recur for the same filters; a crash may not. Either way the next request retries.
  row(AnalysisFailedError, (e) =>
    e.reason === 'timeout'
      ? new ApiError(503, 'ANALYSIS_TIMEOUT', `${e.message}; narrower filters make a smaller graph to analyse`)
      : new ApiError(500, 'ANALYSIS_FAILED', `${e.message}; the next request starts it again`),
  ),
  row(
    domain.StoreUnavailableError,
    plain(503, 'STORE_UNAVAILABLE', { 'Retry-After': String(STORE_RETRY_AFTER_SECONDS) }),
  ),
];

/** Turns any thrown value into its HTTP answer; unknown errors become a bare 500. */
export function toApiError(err: unknown): ApiError {
  const known = ERROR_TABLE.find(([error]) => err instanceof error);
  if (known) return known[1](err as Error);
  const e = Object(err) as { type?: string; status?: number; statusCode?: number; expose?: boolean; message?: string };
  // body-parser errors carry a status and a type; their messages are safe to show.
  if (e.type === 'entity.too.large') return new ApiError(413, 'PAYLOAD_TOO_LARGE', 'request body is too large');
  if (e.type === 'entity.parse.failed') return new ApiError(400, 'BAD_REQUEST', 'request body is not valid JSON');
  const status = e.status ?? e.statusCode;
  // http-errors marks messages written for clients (e.g. "Failed to decode param") as exposable.
  if (typeof status === 'number' && status >= 400 && status < 500)
    return new ApiError(status, 'BAD_REQUEST', e.expose && e.message ? e.message : 'bad request');
  return new ApiError(500, 'INTERNAL', 'internal error; the server log has the details');
}

export function errorHandler(log: (entry: Record<string, unknown>) => void): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const { status, headers, code, message, details } = toApiError(err);
    // The log gets the operator's version (the database's address, the driver's words); the client does not.
    const detail = operatorMessage(err);
    if (status >= 500)
      log({
        level: 'error',
        msg: 'request failed',
        requestId: res.locals.requestId as string | undefined,
        path: req.originalUrl.split('?')[0],
        err: err instanceof Error ? err.stack : String(err),
        ...(err instanceof Error && detail !== err.message ? { detail } : {}),
      });
    if (res.headersSent) return;
    // JSON leaves `details` out when there are none.
    res.status(status).set(headers).json({ error: { code, message, details } });
  };
}
