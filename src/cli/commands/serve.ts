import { once } from 'node:events';
import { startServer } from '../../api/server';
import { loadConfig, setting } from '../../config';
import { describeTarget, neo4jConfigFromEnv } from '../../store/neo4j/config';
import { loadQuestions } from '../../questions';
import { openStore } from '../../store/open';
import { command, noticeSkippedChecks } from './types';

export const serveCommand = command({
  name: 'serve',
  usage: 'serve [--port N] [--host H]',
  summary: 'serve the API and the viewer (default 127.0.0.1:3000; PORT also works)',
  options: { port: { type: 'string' }, host: { type: 'string' } },
  async run({ values }) {
    // Every setting is read before anything starts; a wrong one is named where it was set.
    const port = setting('--port', { '--port': values.port }) ?? setting('PORT');
    const host = values.host ?? setting('HOST');
    // Per-client limits per minute: an operator behind a shared proxy, or a load test, may need more.
    const search = setting('KG_RATE_LIMIT_SEARCH');
    const cypher = setting('KG_RATE_LIMIT_CYPHER');
    const rateLimits = {
      ...(search && { search: { limit: search, windowMs: 60_000 } }),
      ...(cypher && { cypher: { limit: cypher, windowMs: 60_000 } }),
    };
    const config = loadConfig();
    const passages = 'cited passages (GET /api/sources/:id/paragraphs/:n answers 503 until the folder is there)';
    noticeSkippedChecks(config, 'serve', [passages]);
    // A broken question file stops the start before the store opens (Neo4j may take seconds).
    const questions = loadQuestions();
    // A server outlives outages: with Neo4j down it starts anyway, answers 503, and recovers by itself.
    const store = await openStore(config, process.env, { tolerateOutage: true });
    // Cited passages come from the folder configured or the default one: 503 naming it while it is missing, then served.
    const sourcesDir = config.sourcesDir ?? config.sourcesMissing?.folder ?? undefined;
    const analytics = { precompute: true };
    const { viewerDir } = config;
    const running = await startServer({ store, port, host, viewerDir, rateLimits, analytics, sourcesDir, questions });
    const health = await store.health();
    // The health message is written for API clients and names no address; the operator gets it here.
    const neo4j = store.kind === 'neo4j' ? neo4jConfigFromEnv() : null;
    const where = neo4j ? ` at ${describeTarget(neo4j)}` : '';
    console.log(
      health.ok
        ? `kg: serving ${health.entities} entities and ${health.relations} relations from the ${store.kind} store at ${running.url}`
        : `kg: serving at ${running.url}, but the ${store.kind} store${where} is unavailable (${health.message}); the API answers 503 until it is back`,
    );
    const signal = await Promise.race(['SIGTERM', 'SIGINT'].map((s) => once(process, s).then(() => s)));
    console.log(`kg: ${signal} received; finishing in-flight requests`);
    const started = Date.now();
    await running.close().then(
      () => console.log(`kg: stopped in ${Date.now() - started} ms`),
      (err: Error) => console.error(`kg: error while stopping: ${err.message}`),
    );
    // Everything is closed; a handle some library forgot must not keep the process alive.
    setTimeout(() => process.exit(0), 1000).unref();
    return 0;
  },
});
