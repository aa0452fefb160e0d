import { parseArgs } from 'node:util';
import { startServer } from '../../api/server';
import { loadConfig, skippedChecksNotice, SOURCE_FILE_CHECKS, type AppConfig } from '../../config';
import { describeTarget, neo4jConfigFromEnv } from '../../store/neo4j/config';
import { openStore } from '../../store/open';
import type { Command } from './types';

const OPTIONS = { port: { type: 'string' }, host: { type: 'string' } } as const;

export const serveCommand: Command = {
  name: 'serve',
  usage: 'serve [--port N] [--host H]',
  summary: 'serve the API and the viewer (default 127.0.0.1:3000; PORT also works)',
  options: OPTIONS,
  async run(args) {
    const { values } = parseArgs({ args, options: OPTIONS });
    // A wrong value is named where it was set: the option, or the environment variable.
    const portFrom = values.port !== undefined ? '--port' : 'PORT';
    const port = Number(values.port ?? process.env.PORT ?? 3000);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      console.error(`serve: ${portFrom} must be a number from 0 to 65535, not "${values.port ?? process.env.PORT}"`);
      return 2;
    }
    const host = values.host ?? process.env.HOST ?? '127.0.0.1';
    const config = loadConfig();
    const notice = skippedChecksNotice(config, 'serve', [
      ...SOURCE_FILE_CHECKS,
      'cited passages (GET /api/sources/:id/paragraphs/:n answers 503 until the folder is there)',
    ]);
    if (notice) console.error(notice);
    // A server outlives outages: with Neo4j down it starts anyway, answers 503, and recovers by itself.
    const store = await openStore(config, process.env, { tolerateOutage: true });
    const rateLimits = rateLimitsFromEnv(process.env);
    if (typeof rateLimits === 'string') {
      console.error(`serve: ${rateLimits}`);
      return 2;
    }
    const running = await startServer({
      store,
      port,
      host,
      viewerDir: config.viewerDir,
      rateLimits,
      analytics: { precompute: true },
      ...sourcesFolder(config),
    });
    const health = await store.health();
    // The health message is written for API clients and names no address; the operator gets it here.
    const neo4j = store.kind === 'neo4j' ? neo4jConfigFromEnv() : null;
    const where = neo4j ? ` at ${describeTarget(neo4j)}` : '';
    const summary = health.ok
      ? `kg: serving ${health.entities} entities and ${health.relations} relations from the ${store.kind} store at ${running.url}`
      : `kg: serving at ${running.url}, but the ${store.kind} store${where} is unavailable (${health.message}); the API answers 503 until it is back`;
    console.log(summary);
    await new Promise<void>((resolve) => {
      let stopping = false;
      const stop = (reason: string) => {
        if (stopping) return;
        stopping = true;
        console.log(`kg: ${reason}; finishing in-flight requests`);
        const started = Date.now();
        running.close().then(
          () => {
            console.log(`kg: stopped in ${Date.now() - started} ms`);
            resolve();
          },
          (err: unknown) => {
            console.error(`kg: error while stopping: ${(err as Error).message}`);
            resolve();
          },
        );
      };
      process.once('SIGTERM', () => stop('SIGTERM received'));
      process.once('SIGINT', () => stop('SIGINT received'));
    });
    // Everything is closed; a handle some library forgot must not keep the process alive.
    setTimeout(() => process.exit(0), 1000).unref();
    return 0;
  },
};

/**
 * Per-client limits per minute from KG_RATE_LIMIT_SEARCH and KG_RATE_LIMIT_CYPHER (defaults in
 * src/api/hardening.ts): an operator behind a shared proxy, or a load test, may need more.
 */
function rateLimitsFromEnv(env: NodeJS.ProcessEnv): Record<string, { limit: number; windowMs: number }> | string {
  const limits: Record<string, { limit: number; windowMs: number }> = {};
  for (const [name, variable] of [
    ['search', 'KG_RATE_LIMIT_SEARCH'],
    ['cypher', 'KG_RATE_LIMIT_CYPHER'],
  ] as const) {
    const raw = env[variable];
    if (raw === undefined || raw === '') continue;
    const limit = Number(raw);
    if (!Number.isInteger(limit) || limit < 1)
      return `${variable} must be a whole number of requests per minute, not "${raw}"`;
    limits[name] = { limit, windowMs: 60_000 };
  }
  return limits;
}

/**
 * The folder cited passages are read from: the one configured, or the default that was looked for
 * and is missing (passages answer 503 naming it, and are served once it appears).
 */
function sourcesFolder(config: AppConfig): { sourcesDir?: string } {
  const folder = config.sourcesDir ?? config.sourcesMissing?.folder;
  return folder ? { sourcesDir: folder } : {};
}
