import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import { setting } from '../config';
import type { GraphStore } from '../store/port';
import { ApiError, errorHandler } from './errors';
import {
  cors,
  DEFAULT_RATE_LIMITS,
  hostCheck,
  rateLimiter,
  requestLog,
  securityHeaders,
  type Logger,
  type RateLimitOptions,
} from './hardening';
import { analyticsService, type AnalyticsRouteOptions } from './routes/analytics';
import { docsRoutes } from './routes/docs';
import type { Question } from '../model/questions';
import { loadQuestions } from '../questions';
import { ElementBytes } from './answer-json';
import { ENDPOINTS } from './openapi';
import { ReplyBuffers } from './reply-buffers';
import { SourceTexts } from './source-texts';

export interface AppOptions {
  store: GraphStore;
  /** The built viewer (viewer/dist); when missing, `/` explains how to build it. */
  viewerDir?: string;
  log?: Logger;
  /** Origins allowed by CORS; default from KG_CORS_ORIGINS, empty (CORS off) when unset. */
  corsOrigins?: string[];
  rateLimits?: Partial<Record<keyof typeof DEFAULT_RATE_LIMITS, RateLimitOptions>>;
  /** Folder with the source texts (KG_SOURCES_DIR); without it, cited passages answer 503. */
  sourcesDir?: string;
  /** How /api/analytics runs its analyses (worker threshold, time limit, start-up precompute). */
  analytics?: AnalyticsRouteOptions;
  /** The address the server listens on; on loopback only loopback Host names are answered (see hostCheck). */
  host?: string;
  /** The saved questions; default: read from KG_QUESTIONS_DIR when the app is built. */
  questions?: Question[];
}

const defaultLog: Logger = (entry) =>
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);

/** What handlers share, built once per app. */
function apiContext({ store, sourcesDir, questions, analytics }: AppOptions, log: Logger) {
  return {
    store,
    texts: new SourceTexts(sourcesDir),
    // Read once, here: a broken question file throws QuestionFilesError and the server does not start.
    questions: questions ?? loadQuestions(),
    analytics: analyticsService(store, analytics ?? {}, log),
    // The neighbourhood's JSON bytes, and buffers lent to write them into (README, Design notes).
    elementBytes: new ElementBytes(() => store.graph()),
    replyBuffers: new ReplyBuffers(),
  };
}
export type ApiContext = ReturnType<typeof apiContext>;

/** The HTTP application: JSON API under /api, the viewer at /. */
export function createApp(options: AppOptions): Express {
  const log = options.log ?? defaultLog;
  const limits = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits };
  const app = express();
  app.disable('x-powered-by');
  // Plain name=value pairs (repeated names make lists): `kind[toString]=x` is a parameter named
  // "kind[toString]", never an object where a string is expected.
  app.set('query parser', 'simple');
  app.use(requestLog(log));
  app.use(hostCheck(options.host ?? '127.0.0.1', setting('KG_ALLOWED_HOSTS') ?? []));
  app.use(securityHeaders());
  app.use(cors(options.corsOrigins ?? setting('KG_CORS_ORIGINS') ?? []));
  app.use(express.json({ limit: '64kb' })); // larger bodies get 413

  const context = apiContext(options, log);
  const limiters = { search: rateLimiter('search', limits.search), cypher: rateLimiter('Cypher', limits.cypher) };
  const api = express.Router();
  for (const e of ENDPOINTS) {
    const limit = e.rateLimit ? [limiters[e.rateLimit]] : [];
    api[e.method ?? 'get'](e.path.replace(/\{(\w+)\}/g, ':$1'), ...limit, (req, res) => e.handle(req, res, context));
  }
  api.use(docsRoutes());
  api.use((req, _res, next) => next(new ApiError(404, 'NOT_FOUND', `no endpoint ${req.method} ${req.path}`)));
  app.use('/api', api);

  const viewerDir = options.viewerDir;
  if (viewerDir && existsSync(path.join(viewerDir, 'index.html'))) {
    const setHeaders = (res: express.Response, file: string) => {
      if (file.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
    };
    app.use(express.static(viewerDir, { index: 'index.html', maxAge: '1h', setHeaders }));
    app.get(/^\/(?!api\/).*/, (_req, res) => res.sendFile(path.join(viewerDir, 'index.html')));
  } else {
    const notBuilt = 'The viewer is not built. Run `npm run build` (or `npm start`, which builds it when needed).\n';
    app.get('/', (_req, res) => res.status(503).type('text/plain').send(notBuilt));
  }
  app.use((_req, _res, next) => next(new ApiError(404, 'NOT_FOUND', 'not found')));
  app.use(errorHandler(log));
  return app;
}
