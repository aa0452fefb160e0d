import neo4j from 'neo4j-driver';
import { NEO4J_SKIP, TEST_NEO4J as config, neo4jEnv, seedTestNeo4j } from '../support/neo4j';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CYPHER_LIMITS } from '../../src/api/routes/cypher';
import { startServer, type RunningServer } from '../../src/api/server';
import { loadConfig } from '../../src/config';
import { runCypherCorpus } from '../../src/reliability/cypher-corpus';
import { closeDriver, getDriver } from '../../src/store/neo4j/driver';
import { openStore } from '../../src/store/open';
import type { GraphStore } from '../../src/store/port';
import { CypherQueryError } from '../../src/model/errors';

/**
 * Defence in depth on a real Neo4j (NEO4J_URI, NEO4J_PASSWORD ...): the whole attack corpus
 * through the API changes nothing, EXPLAIN refuses what the guard is bypassed for, a cartesian
 * product times out while the API keeps answering, and rows are capped. Read-only against the
 * database it is given (run `npm run seed` first for meaningful reads).
 */

describe.skipIf(NEO4J_SKIP !== false)('hostile Cypher on Neo4j', () => {
  let store: GraphStore;
  let server: RunningServer;
  const counts = async () => {
    const session = getDriver(config!).session({
      defaultAccessMode: neo4j.session.READ,
      ...(config!.database ? { database: config!.database } : {}),
    });
    try {
      const r = await session.run(
        'MATCH (n) WITH count(n) AS nodes OPTIONAL MATCH ()-[r]->() RETURN nodes, count(r) AS relationships',
      );
      return {
        nodes: r.records[0]!.get('nodes').toNumber(),
        relationships: r.records[0]!.get('relationships').toNumber(),
      };
    } finally {
      await session.close();
    }
  };
  beforeAll(async () => {
    await seedTestNeo4j();
    store = await openStore(loadConfig(), neo4jEnv());
    server = await startServer({
      store,
      port: 0,
      host: '127.0.0.1',
      log: () => {},
      rateLimits: { cypher: { limit: 100_000, windowMs: 60_000 } },
    });
  });
  afterAll(async () => {
    await server?.close(100);
    await closeDriver();
  });

  it('refuses every attack and allows every read, and the graph has the same nodes and relationships after', async () => {
    const before = await counts();
    const outcome = await runCypherCorpus(server.url, 'neo4j');
    expect(outcome.attacks.leaked).toEqual([]);
    expect(outcome.malformed.leaked).toEqual([]);
    expect(outcome.malformed.total).toBeGreaterThanOrEqual(18);
    expect(outcome.reads.blocked).toEqual([]);
    expect(await counts()).toEqual(before);
  }, 300_000);

  it('refuses a write that skipped the guard, on EXPLAIN, before running it', async () => {
    const before = await counts();
    const err = await store
      .runCypher("CREATE (:ReliabilityProbe {at: 'x'})", {}, { ...CYPHER_LIMITS })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CypherQueryError);
    expect((err as CypherQueryError).reason).toBe('refused');
    expect((err as Error).message).toMatch(/type "(rw|w)"/);
    expect(await counts()).toEqual(before);
  });

  it('caps rows at 1,000 and says so', async () => {
    const r = await store.runCypher('UNWIND range(1, 1000000) AS i RETURN i', {}, { ...CYPHER_LIMITS });
    expect(r.rows).toHaveLength(CYPHER_LIMITS.maxRows);
    expect(r.truncated).toBe(true);
  });

  it('stops a cartesian product with the server-side timeout while the API keeps answering', async () => {
    const marker = `cartesian-${Date.now()}`;
    const slow = fetch(`${server.url}/api/cypher`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // The predicate makes Neo4j visit every combination (no count-store shortcut).
      body: JSON.stringify({
        query: `MATCH (a), (b), (c), (d), (e) WHERE a.id + b.id + c.id + d.id + e.id <> $never RETURN count(*) AS n, '${marker}' AS marker`,
        params: { never: '' },
      }),
    });
    // Once the query runs on the server, the API still answers other requests.
    await expect.poll(() => runningQueries(marker), { timeout: 10_000, interval: 100 }).toHaveLength(1);
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    const res = await slow;
    // The seed's ~150 entities make ~10^11 combinations: stopped by the timeout, nothing left running.
    expect(res.status).toBe(504);
    expect(await runningQueries(marker)).toEqual([]);
  }, 30_000);

  async function runningQueries(marker: string): Promise<string[]> {
    const session = getDriver(config!).session();
    try {
      const r = await session.run(
        'SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS $marker AND NOT currentQuery CONTAINS "SHOW TRANSACTIONS" RETURN currentQuery',
        { marker },
      );
      return r.records.map((x) => x.get('currentQuery') as string);
    } finally {
      await session.close();
    }
  }
});
