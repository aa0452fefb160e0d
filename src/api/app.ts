import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import type { GraphStore } from '../store/port';
import { errorBody, errorHandler, unknownRoute } from './errors';
import { graphQueryRoutes } from './routes/graph-queries';
import { metaRoutes } from './routes/meta';

export interface AppOptions {
  store: GraphStore;
  /** The built viewer (viewer/dist); when missing, `/` explains how to build it. */
  viewerDir?: string;
  log?: (entry: Record<string, unknown>) => void;
}

const defaultLog = (entry: Record<string, unknown>) => process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);

/** The HTTP application: JSON API under /api, the viewer at /. */
export function createApp(options: AppOptions): Express {
  const log = options.log ?? defaultLog;
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  app.use(express.json({ limit: '64kb' }));

  const api = express.Router();
  api.use(metaRoutes(options.store));
  api.use(graphQueryRoutes(options.store));
  api.use(unknownRoute);
  app.use('/api', api);

  const viewerDir = options.viewerDir;
  if (viewerDir && existsSync(path.join(viewerDir, 'index.html'))) {
    app.use(express.static(viewerDir, { index: 'index.html', maxAge: '1h', setHeaders: noCacheForHtml }));
    app.get(/^\/(?!api\/).*/, (_req, res) => res.sendFile(path.join(viewerDir, 'index.html')));
  } else {
    app.get('/', (_req, res) => {
      res.status(503).type('text/plain').send('The viewer is not built. Run `npm run build` (or `npm start`, which builds it when needed).\n');
    });
  }
  app.use((_req, res) => {
    res.status(404).json(errorBody('NOT_FOUND', 'not found'));
  });
  app.use(errorHandler(log));
  return app;
}

function noCacheForHtml(res: express.Response, file: string): void {
  if (file.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}
