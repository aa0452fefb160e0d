import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CYPHER_LIMITS } from '../../src/api/routes/cypher';
import { startServer, type RunningServer } from '../../src/api/server';
import { loadConfig } from '../../src/config';
import {
  ALLOWED_FUNCTION_NAMESPACES,
  ALLOWED_FUNCTIONS,
  ALLOWED_PROCEDURES,
  guardCypher,
} from '../../src/cypher-guard';
import { CypherQueryError, CypherRefusedError } from '../../src/model/errors';
import { loadKnowledgeBaseOrThrow } from '../../src/seed/load';
import { connectNeo4j, type Sessions } from '../../src/store/neo4j';
import { runInReadTransaction } from '../../src/store/neo4j/cypher-runner';
import { closeDriver, getDriver } from '../../src/store/neo4j/driver';
import { openStore } from '../../src/store/open';
import type { GraphStore } from '../../src/store/port';
import { NEO4J_SKIP, TEST_NEO4J as config, neo4jEnv, seedTestNeo4j } from '../support/neo4j';
import { SEED_DIR } from '../support/paths';

/**
 * The three defences between a user's Cypher and the knowledge graph, each shown to hold on a
 * real Neo4j with the ones before it out of the way: (a) the guard (src/cypher-guard) refuses a
 * write before the database is asked, which the server's own query log (db.stats) shows;
 * (b) with the guard skipped, Neo4j's plan (EXPLAIN, in cypher-runner.ts) refuses it before it
 * runs; (c) with both skipped, the READ transaction refuses it when it tries. Then the limits on
 * the server (timeout, row cap) and the allow-list checked against what the server really has.
 */

/** Writes of every kind Neo4j plans: w, rw (a plugin procedure among them) and schema (s). */
const WRITES: { what: string; query: (marker: string) => string; guard: string; planned: string }[] = [
  {
    what: 'CREATE',
    query: (m) => `CREATE (:DefenceProbe {marker: '${m}'}) RETURN 1 AS done`,
    guard: 'CREATE writes to the database',
    planned: 'rw',
  },
  {
    what: 'SET',
    query: (m) => `MATCH (t:Entity {id: 'ttp'}) SET t.name = '${m}' RETURN t.name AS name`,
    guard: 'SET writes to the database',
    planned: 'rw',
  },
  {
    what: 'DETACH DELETE',
    query: (m) => `MATCH (t:Entity {id: 'ttp'}) WHERE t.id <> '${m}' DETACH DELETE t RETURN 1 AS done`,
    guard: 'DETACH DELETE writes to the database',
    planned: 'rw',
  },
  {
    what: "APOC's apoc.create.node",
    query: (m) => `CALL apoc.create.node(['DefenceProbe'], {marker: '${m}'}) YIELD node RETURN node`,
    guard: 'procedure "apoc.create.node" is not on the allow-list',
    planned: 'rw',
  },
  {
    what: 'db.createLabel',
    query: (m) => `CALL db.createLabel('DefenceProbe_${m}')`,
    guard: 'procedure "db.createLabel" is not on the allow-list',
    planned: 'w',
  },
  {
    what: 'CREATE INDEX',
    query: (m) => `CREATE INDEX probe_${m} FOR (n:DefenceProbe) ON (n.marker)`,
    guard: '"CREATE INDEX" is an administration command',
    planned: 's',
  },
];

/** Allowed built-in functions newer than Neo4j 5.26 (see allow-list.ts): absent from a 5.26 server. */
const NEWER_THAN_5_26 = ['cosh', 'coth', 'sinh', 'tanh'];

/** A unique word to find a query by, in the server's log or its transaction list. */
const marker = (what: string) => `${what}_${randomUUID().replace(/-/g, '')}`;

describe.skipIf(NEO4J_SKIP !== false)('the Cypher defences on Neo4j, each on its own', () => {
  let store: GraphStore;
  let sessions: Sessions;
  let server: RunningServer;

  /** Straight to the server, as its administrator: what the tests look at, never what they test. */
  const admin = async (text: string, params: Record<string, unknown> = {}) => {
    const session = getDriver(config!).session({ ...(config!.database ? { database: config!.database } : {}) });
    try {
      return (await session.run(text, params)).records;
    } finally {
      await session.close();
    }
  };
  /** What a write would change: nodes, relationships, indexes, TTP's name. */
  const graphState = async () => {
    const [r] = await admin(
      "MATCH (n) WITH count(n) AS nodes OPTIONAL MATCH ()-[r]->() WITH nodes, count(r) AS relationships MATCH (t:Entity {id: 'ttp'}) RETURN nodes, relationships, t.name AS ttp",
    );
    const indexes = (await admin('SHOW INDEXES YIELD name RETURN name ORDER BY name')).map(
      (x) => x.get('name') as string,
    );
    return {
      nodes: r!.get('nodes').toNumber(),
      relationships: r!.get('relationships').toNumber(),
      ttp: r!.get('ttp') as string,
      indexes,
    };
  };
  /** The server's query log: the text of every query it has planned or run since collection began. */
  const loggedQueries = async () =>
    (await admin("CALL db.stats.retrieve('QUERIES') YIELD data RETURN data.query AS query")).map(
      (r) => r.get('query') as string,
    );
  /** Waits until the log holds `text`, and returns the log. */
  const logOnceItHolds = (text: string) =>
    vi.waitFor(
      async () => {
        const log = await loggedQueries();
        if (!log.includes(text)) throw new Error(`the query log does not hold ${text} yet`);
        return log;
      },
      { timeout: 15_000, interval: 100 },
    );
  /** Queries the server is running now whose text holds `m`. */
  const runningWith = async (m: string) =>
    (await admin('SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS $m RETURN currentQuery', { m })).map(
      (r) => r.get('currentQuery') as string,
    );
  const postCypher = async (query: string, params: Record<string, unknown> = {}) => {
    const res = await fetch(`${server.url}/api/cypher`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, params }),
    });
    return {
      status: res.status,
      body: (await res.json()) as {
        columns: string[];
        rows: unknown[][];
        truncated: boolean;
        error?: { code: string; message: string };
      },
    };
  };

  beforeAll(async () => {
    await seedTestNeo4j();
    store = await openStore(loadConfig(), neo4jEnv());
    sessions = await connectNeo4j(config!);
    server = await startServer({
      store,
      port: 0,
      host: '127.0.0.1',
      log: () => {},
      rateLimits: { cypher: { limit: 10_000, windowMs: 60_000 } },
    });
    // Neo4j's query collection: "Collection is already ongoing" is as good as a fresh start.
    await admin("CALL db.stats.collect('QUERIES')");
    const [status] = await admin(
      "CALL db.stats.status() YIELD section, status WHERE section = 'QUERIES' RETURN status",
    );
    expect(status!.get('status')).toBe('collecting');
  });
  afterAll(async () => {
    await server?.close(100);
    await closeDriver();
  });

  describe('(a) the guard', () => {
    it.each(WRITES)('refuses $what with its reason, and Neo4j never sees the query', async ({ query, guard }) => {
      const m = marker('guard');
      const write = query(m);
      const before = await graphState();
      const res = await postCypher(write);
      expect(res.status).toBe(403);
      expect(res.body.error?.code).toBe('CYPHER_REFUSED');
      expect(res.body.error?.message).toContain(guard);
      // A read sent after it on the same path is logged, EXPLAIN first: the log is on, and it would
      // hold the write had the write got as far as the database.
      const sentinel = `RETURN '${marker('sentinel')}' AS marker`;
      expect((await postCypher(sentinel)).status).toBe(200);
      const log = await logOnceItHolds(sentinel);
      expect(log).toContain(`EXPLAIN ${sentinel}`);
      expect(log.filter((q) => q.includes(m))).toEqual([]);
      expect(await graphState()).toEqual(before);
    });
  });

  describe('(b) the EXPLAIN check, with the guard skipped', () => {
    it.each(WRITES)('refuses $what on the plan Neo4j makes for it, before it runs', async ({ query, planned }) => {
      const m = marker('explain');
      const write = query(m);
      expect(() => guardCypher(write)).toThrow(CypherRefusedError); // what the store call below skips
      const before = await graphState();
      const err = await store.runCypher(write, {}, { ...CYPHER_LIMITS }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CypherQueryError);
      expect((err as CypherQueryError).reason).toBe('refused');
      expect((err as Error).message).toBe(
        `Neo4j plans this query as type "${planned}", not a read ("r"); only read queries are run`,
      );
      // This time the database was asked, to plan it: unlike (a), the server's log holds the query.
      const log = await logOnceItHolds(`EXPLAIN ${write}`);
      expect(log.filter((q) => q.includes(m))).toEqual([`EXPLAIN ${write}`]);
      expect(await graphState()).toEqual(before);
    });

    it("runs a user's own PROFILE once, without planning it twice", async () => {
      // "EXPLAIN PROFILE ..." is an error on the server: the check strips the user's own prefix.
      const r = await store.runCypher('PROFILE MATCH (n:Entity) RETURN count(n) AS entities', {}, { ...CYPHER_LIMITS });
      expect(r.rows).toEqual([[loadKnowledgeBaseOrThrow(SEED_DIR).kb.entities.length]]);
    });
  });

  describe('(c) the READ transaction, with the guard and the EXPLAIN check skipped', () => {
    it.each(WRITES)('refuses $what when it tries to write', async ({ query }) => {
      const write = query(marker('readtx'));
      const before = await graphState();
      const err = await runInReadTransaction(sessions, write, {}, { ...CYPHER_LIMITS }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CypherQueryError);
      expect((err as CypherQueryError).reason).toBe('refused');
      expect((err as Error).message).toBe('the query tries to write; only read queries are allowed');
      expect(await graphState()).toEqual(before);
    });

    it('runs a read the same way, so the refusals above are the transaction at work', async () => {
      const r = await runInReadTransaction(
        sessions,
        "MATCH (t:Entity {id: 'ttp'}) RETURN t.name AS name",
        {},
        { ...CYPHER_LIMITS },
      );
      expect(r.rows).toEqual([['Tehreek-e-Taliban Pakistan']]);
    });
  });

  describe('the limits', () => {
    it('stops a query past the time limit on the server: 504 CYPHER_TIMEOUT, and nothing left running', async () => {
      const m = marker('slow');
      // Every combination of five nodes (~10^11 with the seed); the predicate defeats the count store.
      const slow = `MATCH (a), (b), (c), (d), (e) WHERE a.id + b.id + c.id + d.id + e.id <> $never RETURN count(*) AS n, '${m}' AS marker`;
      const answer = postCypher(slow, { never: '' });
      await vi.waitFor(async () => expect(await runningWith(m)).toEqual([slow]), { timeout: 15_000, interval: 50 });
      const res = await answer;
      expect(res.status).toBe(504);
      expect(res.body.error).toEqual({
        code: 'CYPHER_TIMEOUT',
        message: `the query ran past its time limit of ${CYPHER_LIMITS.timeoutMs / 1000} s and was stopped; narrow it (add LIMIT, bound path lengths)`,
      });
      // Stopped by the server, not merely abandoned by the API.
      expect(await runningWith(m)).toEqual([]);
    });

    it('caps rows at 1,000 and says so; a stream of 10^11 rows is cut, not read to the end', async () => {
      const m = marker('rows');
      // Reading every row would run into the time limit (504): a 200 means the stream was cut.
      const res = await postCypher(`UNWIND range(1, 100000000000) AS i RETURN i, '${m}' AS marker`);
      expect(res.status).toBe(200);
      expect(res.body.rows).toHaveLength(CYPHER_LIMITS.maxRows);
      expect(res.body.rows.at(-1)).toEqual([CYPHER_LIMITS.maxRows, m]);
      expect(res.body.truncated).toBe(true);
      expect(await runningWith(m)).toEqual([]);
    });

    it('returns exactly 1,000 rows whole, not marked truncated', async () => {
      const res = await postCypher(`UNWIND range(1, ${CYPHER_LIMITS.maxRows}) AS i RETURN i`);
      expect(res.body.rows).toHaveLength(CYPHER_LIMITS.maxRows);
      expect(res.body.truncated).toBe(false);
    });
  });

  describe('the allow-list against the server', () => {
    it('names only procedures the server has, each declared read-only (READ, or DEFAULT: read)', async () => {
      const modes = new Map(
        (await admin('SHOW PROCEDURES YIELD name, mode RETURN name, mode')).map((r) => [
          r.get('name') as string,
          r.get('mode') as string,
        ]),
      );
      expect(ALLOWED_PROCEDURES.filter((p) => !modes.has(p))).toEqual([]);
      expect(ALLOWED_PROCEDURES.filter((p) => !['READ', 'DEFAULT'].includes(modes.get(p)!))).toEqual([]);
    });

    it('names only functions the server has, and every allowed namespace holds some', async () => {
      const names = (await admin('SHOW FUNCTIONS YIELD name RETURN name')).map((r) =>
        (r.get('name') as string).toLowerCase(),
      );
      const missing = ALLOWED_FUNCTIONS.filter((f) => !names.includes(f.toLowerCase()));
      expect(missing.filter((f) => !NEWER_THAN_5_26.includes(f))).toEqual([]);
      expect(ALLOWED_FUNCTION_NAMESPACES.filter((ns) => !names.some((n) => n.startsWith(ns.toLowerCase())))).toEqual(
        [],
      );
    });

    it('runs every allowed APOC procedure through /api/cypher, on the graph it was given', async () => {
      const kb = loadKnowledgeBaseOrThrow(SEED_DIR).kb;
      const neighbours = new Set(['ttp']);
      for (const r of kb.relations) {
        if (r.from === 'ttp') neighbours.add(r.to);
        if (r.to === 'ttp') neighbours.add(r.from);
      }
      const ttp = "MATCH (t:Entity {id: 'ttp'})";
      // One call each, reaching TTP's entities one hop away: the answers a person would check.
      const calls: Record<string, string> = {
        'apoc.path.subgraphNodes': `${ttp} CALL apoc.path.subgraphNodes(t, {maxLevel: 1, labelFilter: '+Entity'}) YIELD node RETURN node.id AS id`,
        'apoc.path.subgraphAll': `${ttp} CALL apoc.path.subgraphAll(t, {maxLevel: 1, labelFilter: '+Entity'}) YIELD nodes UNWIND nodes AS n RETURN n.id AS id`,
        'apoc.path.spanningTree': `${ttp} CALL apoc.path.spanningTree(t, {maxLevel: 1, labelFilter: '+Entity'}) YIELD path RETURN last(nodes(path)).id AS id`,
        'apoc.path.expand': `${ttp} CALL apoc.path.expand(t, null, '+Entity', 0, 1) YIELD path RETURN last(nodes(path)).id AS id`,
        'apoc.path.expandConfig': `${ttp} CALL apoc.path.expandConfig(t, {minLevel: 0, maxLevel: 1, labelFilter: '+Entity'}) YIELD path RETURN last(nodes(path)).id AS id`,
      };
      expect(Object.keys(calls).sort()).toEqual(ALLOWED_PROCEDURES.filter((p) => p.startsWith('apoc.')).sort());
      for (const [procedure, call] of Object.entries(calls)) {
        const res = await postCypher(call);
        expect({ procedure, status: res.status, error: res.body.error }).toEqual({
          procedure,
          status: 200,
          error: undefined,
        });
        expect({ procedure, ids: [...new Set(res.body.rows.map(([id]) => id as string))].sort() }).toEqual({
          procedure,
          ids: [...neighbours].sort(),
        });
      }
    });

    it('runs allowed APOC functions through /api/cypher', async () => {
      const res = await postCypher(
        "RETURN apoc.text.join(['TTP', 'BLA'], ' & ') AS joined, apoc.coll.sum([1, 2, 3]) AS total, apoc.text.slug('Azm-i-Istehkam operation') AS slug",
      );
      expect(res.body.rows).toEqual([['TTP & BLA', 6, 'Azm-i-Istehkam-operation']]);
    });

    it('refuses the APOC procedures that the server sandboxes, with the reason, instead of failing on the server', async () => {
      const res = await postCypher('CALL apoc.meta.stats() YIELD nodeCount RETURN nodeCount');
      expect(res.status).toBe(403);
      expect(res.body.error?.message).toContain('procedure "apoc.meta.stats" is not on the allow-list');
      // What the server itself would say: the procedure exists but does not run without unrestricted access.
      const direct = await admin('CALL apoc.meta.stats() YIELD nodeCount RETURN nodeCount').catch((e: Error) => e);
      expect((direct as Error).message).toMatch(/apoc\.meta\.stats is unavailable because it is sandboxed/);
    });
  });
});
