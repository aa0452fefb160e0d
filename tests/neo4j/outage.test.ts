import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OUTAGE_PATHS,
  connectionDetails,
  hasStackTrace,
  phases,
  runRealOutage,
  serveOver,
  startOwnNeo4j,
  type OutageRun,
  type OwnNeo4j,
} from '../../src/reliability/real-outage';
import { loadKnowledgeBaseOrThrow } from '../../src/seed/load';
import { connectNeo4j, syncKnowledgeBase } from '../../src/store/neo4j';
import { closeDriver } from '../../src/store/neo4j/driver';
import { missingPrerequisite } from '../../tools/neo4j-local/control';
import { SEED_DIR } from '../support/paths';

/**
 * A real Neo4j stopped under a running API server and started again: this file runs a Neo4j of
 * its own (its own data folder and port; the test run's shared server is never stopped), seeds
 * it, serves the API over it in this process as `kg serve` does, then stops Neo4j with SIGTERM
 * and starts it again on the same data and port, neither the API nor its store restarted.
 * Timings are printed as figures, not asserted: the machine is shared.
 */
const SKIP = process.env.KG_TEST_NEO4J === 'off' ? 'KG_TEST_NEO4J=off' : missingPrerequisite();

describe.skipIf(SKIP !== null)('a real Neo4j stopped and started again under the API', () => {
  let own: OwnNeo4j | undefined;
  let server: { url: string; close(): Promise<void> } | undefined;
  let run: OutageRun;

  beforeAll(async () => {
    own = await startOwnNeo4j();
    const c = own.connection;
    await syncKnowledgeBase(
      await connectNeo4j({ ...c, connectTimeoutMs: 3000 }),
      loadKnowledgeBaseOrThrow(SEED_DIR).kb,
    );
    server = await serveOver(c);
    run = await runRealOutage(own, server.url);
  }, 600_000);

  afterAll(async () => {
    await server?.close();
    await closeDriver();
    await own?.dispose();
    if (run) {
      console.info(`real Neo4j outage figures: ${JSON.stringify(run.figures)}`);
      console.info(`health while stopping: ${phases(run.goingDown).join('; ')}`);
      console.info(`health while starting: ${phases(run.comingBack).join('; ')}`);
    }
  }, 120_000);

  it('before the stop, every endpoint answers 200', () => {
    expect(run.before.map((a) => [a.path, a.status])).toEqual(OUTAGE_PATHS.map((p) => [p, 200]));
    const health = JSON.parse(run.before[0]!.text) as { ok: boolean; store: string; entities: number };
    expect(health).toMatchObject({ ok: true, store: 'neo4j' });
    expect(health.entities).toBeGreaterThan(100);
  });

  it('while Neo4j shuts down, a client gets 200 or 503, never another error, until the 503s begin', () => {
    expect(run.goingDown.at(-1)!.status).toBe(503);
    expect(
      run.goingDown.filter((a) => a.status !== 200 && a.status !== 503).map((a) => `${a.status} ${a.text}`),
    ).toEqual([]);
  });

  it('with Neo4j stopped, every endpoint answers 503 STORE_UNAVAILABLE with Retry-After, no stack trace and no connection details', () => {
    const uri = own!.connection.uri;
    expect(run.down.length).toBeGreaterThanOrEqual(OUTAGE_PATHS.length);
    for (const a of [...run.goingDown.filter((x) => x.status === 503), ...run.down]) {
      expect(a.status, a.path).toBe(503);
      expect(Number(a.retryAfter), a.path).toBeGreaterThan(0);
      expect(a.code, `${a.path}: ${a.text}`).toBe('STORE_UNAVAILABLE');
      expect(hasStackTrace(a.text), a.text).toBe(false);
      expect(connectionDetails(a.text, uri), `${a.path}: ${a.text}`).toEqual([]);
    }
    // The health answer says which store and that it is down, in words.
    const health = JSON.parse(run.down.find((a) => a.path === '/api/health')!.text) as {
      ok: boolean;
      store: string;
      message: string;
    };
    expect(health).toMatchObject({ ok: false, store: 'neo4j' });
    expect(health.message).toMatch(/Neo4j/);
  });

  it('started again on the same data and port, the API answers 200 with the same data, without a restart', () => {
    expect(run.comingBack.at(-1)!.status).toBe(200);
    expect(
      run.comingBack.filter((a) => a.status !== 200 && a.status !== 503).map((a) => `${a.status} ${a.text}`),
    ).toEqual([]);
    expect(run.after.map((a) => [a.path, a.status])).toEqual(OUTAGE_PATHS.map((p) => [p, 200]));
    expect(run.changedAfter).toEqual([]);
  });
});
