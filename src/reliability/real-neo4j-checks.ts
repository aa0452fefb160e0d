import neo4j from 'neo4j-driver';
import { CYPHER_LIMITS } from '../api/routes/cypher';
import { startServer } from '../api/server';
import { loadConfig } from '../config';
import { loadKnowledgeBaseOrThrow } from '../seed';
import { connectNeo4j, neo4jConfigFromEnv, syncKnowledgeBase } from '../store/neo4j';
import { closeDriver } from '../store/neo4j/driver';
import { openStore } from '../store/open';
import type { GraphStore } from '../store/port';
import { toApiError } from '../api/errors';
import { CypherQueryError } from '../model/errors';
import { missingPrerequisite, type Connection } from '../../tools/neo4j-local/control';
import { runCypherCorpus, type CorpusOutcome } from './cypher-corpus';
import { ask, neo4jEnvFor, runRealOutage, startOwnNeo4j, type OutageRun } from './real-outage';

/**
 * The reliability report's checks that need a real Neo4j. With NEO4J_URI set: the hostile-Cypher
 * checks on that server, read-only (its graph is whatever it holds), and no outage, since this run
 * must not stop a server it did not start. Without it, when Java 17+ and Maven are there: a local
 * Neo4j of this run's own (tools/neo4j-local) seeded with the real seed, the hostile-Cypher
 * checks, then the outage (stopped and started again under the running API), then deleted.
 */

export interface CypherOnNeo4j {
  outcome: CorpusOutcome;
  /** Nodes and relationships before and after the corpus. */
  before: { nodes: number; relationships: number };
  after: { nodes: number; relationships: number };
  /** A CREATE handed to the store directly, past the guard: the status EXPLAIN's check gives it. */
  bypassStatus: number | null;
  /** A cartesian product over five node sets: its answer, its time, and the API answering meanwhile. */
  cartesian: {
    status: number;
    code: string | null;
    ms: number;
    healthAnswers: number;
    healthWorstMs: number;
    healthNot200: number;
  };
}

export interface RealNeo4jChecks {
  /** What the checks ran against, in words; null when they did not run. */
  target: string | null;
  /** Why they did not run (no Neo4j configured and none could be started). */
  skipped?: string;
  cypher?: CypherOnNeo4j;
  outage?: OutageRun;
  /** Why the real outage was not measured while the Cypher checks ran. */
  outageSkipped?: string;
  /** The Neo4j start and seed, for the report's note on what took long. */
  setupMs?: number;
}

async function counts(c: Connection & { database?: string }): Promise<{ nodes: number; relationships: number }> {
  const driver = neo4j.driver(c.uri, neo4j.auth.basic(c.user, c.password));
  try {
    const { records } = await driver.executeQuery(
      'MATCH (n) WITH count(n) AS nodes OPTIONAL MATCH ()-[r]->() RETURN nodes, count(r) AS relationships',
      {},
      { ...(c.database ? { database: c.database } : {}), routing: neo4j.routing.READ },
    );
    return { nodes: records[0]!.get('nodes').toNumber(), relationships: records[0]!.get('relationships').toNumber() };
  } finally {
    await driver.close();
  }
}

/** The product of five node sets, filtered on every combination: only the timeout stops it. */
const CARTESIAN = 'MATCH (a), (b), (c), (d), (e) WHERE a.id + b.id + c.id + d.id + e.id <> $never RETURN count(*) AS n';

async function cypherChecks(
  store: GraphStore,
  c: Connection & { database?: string },
  log: (line: string) => void,
): Promise<CypherOnNeo4j> {
  const generous = { limit: 10_000_000, windowMs: 60_000 };
  const server = await startServer({
    store,
    port: 0,
    host: '127.0.0.1',
    log: () => {},
    rateLimits: { search: generous, cypher: generous },
  });
  try {
    const before = await counts(c);
    log('neo4j: attack and read corpora over HTTP');
    const outcome = await runCypherCorpus(server.url, 'neo4j');
    const after = await counts(c);

    const bypass = await store.runCypher("CREATE (:ReliabilityProbe {at: 'report'})", {}, { ...CYPHER_LIMITS }).then(
      () => null,
      // The status the API answers with, from its one table.
      (e: unknown) => (e instanceof CypherQueryError ? toApiError(e).status : null),
    );

    log('neo4j: a cartesian product against the timeout, health asked meanwhile');
    const started = performance.now();
    let done = false;
    const slow = fetch(`${server.url}/api/cypher`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: CARTESIAN, params: { never: '' } }),
    })
      .then(async (res) => {
        const body = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
        return { status: res.status, code: body.error?.code ?? null, ms: Math.round(performance.now() - started) };
      })
      .finally(() => {
        done = true;
      });
    const health: number[] = [];
    let healthNot200 = 0;
    while (!done) {
      const a = await ask(server.url, '/api/health');
      health.push(a.ms);
      if (a.status !== 200) healthNot200++;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return {
      outcome,
      before,
      after,
      bypassStatus: bypass,
      cartesian: { ...(await slow), healthAnswers: health.length, healthWorstMs: Math.max(0, ...health), healthNot200 },
    };
  } finally {
    // Closes the store too, and with it the process's driver.
    await server.close(100);
  }
}

export async function realNeo4jChecks(log: (line: string) => void): Promise<RealNeo4jChecks> {
  const configured = neo4jConfigFromEnv();
  if (configured) {
    const cypher = await cypherChecks(await openStore(loadConfig(), process.env), configured, log);
    return {
      target: 'the Neo4j at NEO4J_URI, read-only (the graph it holds)',
      cypher,
      outageSkipped: 'NEO4J_URI points at a server this run did not start, and does not stop',
    };
  }
  const missing = missingPrerequisite();
  if (missing) return { target: null, skipped: `no NEO4J_URI, and no local Neo4j can start: ${missing}` };

  const setupStarted = performance.now();
  log('neo4j: starting a local Neo4j of this run (tools/neo4j-local) and seeding it');
  const own = await startOwnNeo4j(log);
  try {
    const c = own.connection;
    await syncKnowledgeBase(
      await connectNeo4j({ ...c, connectTimeoutMs: 3000 }),
      loadKnowledgeBaseOrThrow(loadConfig().seedDir).kb,
    );
    const setupMs = Math.round(performance.now() - setupStarted);
    const cypherStore = await openStore(loadConfig(), neo4jEnvFor(c));
    const cypher = await cypherChecks(cypherStore, c, log);
    // A server as `kg serve` runs it (Neo4j down tolerated), over the same driver.
    const store = await openStore(loadConfig(), neo4jEnvFor(c), { tolerateOutage: true });
    const server = await startServer({ store, port: 0, host: '127.0.0.1', log: () => {} });
    try {
      const outage = await runRealOutage(own, server.url, { log });
      return {
        target:
          'a local Neo4j 5.26.19 Community started by this run (tools/neo4j-local: own data folder, free loopback port), seeded with the real seed',
        cypher,
        outage,
        setupMs,
      };
    } finally {
      await server.close(100);
    }
  } finally {
    await closeDriver();
    await own.dispose();
  }
}
