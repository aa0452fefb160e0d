import { randomUUID } from 'node:crypto';
import corsMiddleware from 'cors';
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { ApiError } from './errors';

export type Logger = (entry: Record<string, unknown>) => void;

/**
 * What the viewer needs and nothing more: its own scripts and styles, canvas images, same-origin API calls.
 * No workers: the layout runs in the page.
 */
const CSP =
  "default-src 'self'; script-src 'self'; worker-src 'none'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/** Security headers: helmet's, with the CSP above instead of its defaults. */
export function securityHeaders(): RequestHandler {
  const directives = Object.fromEntries(CSP.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]));
  return helmet({ contentSecurityPolicy: { useDefaults: false, directives }, crossOriginEmbedderPolicy: false });
}

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** A request id (the client's X-Request-Id when sane, else a UUID), echoed and logged with each response. */
export function requestLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const header = req.get('x-request-id');
    const id = header && CLIENT_REQUEST_ID.test(header) ? header : randomUUID();
    res.locals.requestId = id;
    res.setHeader('X-Request-Id', id);
    const started = performance.now();
    // Routers rewrite req.path while routing; the path the client asked for is logged.
    const path = req.originalUrl.split('?')[0];
    res.on('finish', () => {
      log({
        level: res.statusCode >= 500 ? 'error' : 'info',
        msg: 'request',
        requestId: id,
        method: req.method,
        path,
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
      });
    });
    next();
  };
}

/** CORS, off by default (the viewer is same-origin): the listed origins (or `*`) may read the API and send JSON. */
export function cors(origins: readonly string[]): RequestHandler {
  if (origins.length === 0) return (_req, _res, next) => next();
  const any = origins.includes('*');
  const allowed = new Set(origins);
  const handler = corsMiddleware({
    // false: no CORS headers at all, and a preflight goes on to the routes like any request.
    origin: (origin, callback) => callback(null, origin && (any || allowed.has(origin)) ? (any ? '*' : origin) : false),
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['Content-Type', 'X-Request-Id'],
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'RateLimit', 'RateLimit-Policy'],
    maxAge: 600,
    optionsSuccessStatus: 204,
  });
  return (req, res, next) => {
    // The answer depends on the Origin header: a response cached for one origin must not serve another.
    if (!any) res.vary('Origin');
    handler(req, res, next);
  };
}

/** `limit` requests per client per window. */
export type RateLimitOptions = { limit: number; windowMs: number };

export const DEFAULT_RATE_LIMITS = {
  search: { limit: 300, windowMs: 60_000 },
  cypher: { limit: 30, windowMs: 60_000 },
} as const satisfies Record<string, RateLimitOptions>;

/** A per-client rate limit answering 429 in the API's error shape, with Retry-After. */
export function rateLimiter(name: string, options: RateLimitOptions): RequestHandler {
  return rateLimit({
    ...options,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req, _res, next, used) => {
      // The seconds until this client's window resets, as the RateLimit header says, not the window's length.
      const reset = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const retryAfter = Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + used.windowMs) - Date.now()) / 1000));
      const message = `too many ${name} requests: at most ${used.limit} per ${Math.round(used.windowMs / 1000)} s; retry later`;
      next(new ApiError(429, 'RATE_LIMITED', message, undefined, { 'Retry-After': String(retryAfter) }));
    },
  });
}

/**
 * Answers 421 to a Host the server does not serve, so a page whose DNS name is rebound to 127.0.0.1
 * cannot read a loopback server. Allowed: loopback names and the listed hosts; `*`, or no list on a
 * server listening beyond loopback, allows any.
 */
export function hostCheck(listeningOn: string, listed: readonly string[]): RequestHandler {
  const loopback = listeningOn === 'localhost' || listeningOn === '::1' || listeningOn.startsWith('127.');
  const open = listed.includes('*') || (listed.length === 0 && !loopback);
  const allowed = new Set(['localhost', '127.0.0.1', '[::1]', ...listed]);
  return (req, _res, next) => {
    const host = (req.get('host') ?? '').toLowerCase().replace(/:\d+$/, '');
    if (open || allowed.has(host)) return next();
    const message = `this server does not answer for host "${host.slice(0, 100)}"; add it to KG_ALLOWED_HOSTS to allow it`;
    next(new ApiError(421, 'MISDIRECTED_REQUEST', message));
  };
}
