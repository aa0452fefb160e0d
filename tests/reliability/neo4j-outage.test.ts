import { afterAll, afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { startServer, type RunningServer } from '../../src/api/server';
import { loadConfig } from '../../src/config';
import { fakeDatabase, type FakeDatabase, type OutageKind } from '../../src/reliability/fake-neo4j';
import { connectionDetails } from '../../src/reliability/real-outage';
import { openStore } from '../../src/store/open';

/**
 * The API over a Neo4j that is unreachable in ways a real server stopped on this machine does not
 * show: a listener that accepts and drops every connection, and one that accepts and never
 * answers (a black hole: a firewall dropping packets, a frozen host). The real driver talks to
 * these loopback stand-ins. A real Neo4j stopped with SIGTERM (connections refused) and started
 * again, answering 200 with the same data, is tests/neo4j/outage.test.ts.
 */
let db: FakeDatabase | undefined;
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close(100);
  await db?.close();
  server = undefined;
  db = undefined;
});
afterAll(async () => {
  const { closeDriver } = await import('../../src/store/neo4j/driver');
  await closeDriver();
});

async function serveOver(kind: OutageKind): Promise<{ url: string; db: FakeDatabase }> {
  db = await fakeDatabase(kind);
  const env = { NEO4J_URI: db.uri, NEO4J_PASSWORD: 'not-a-real-password', NEO4J_CONNECT_TIMEOUT_MS: '3000' };
  const store = await openStore(loadConfig(), env, { tolerateOutage: true });
  server = await startServer({ store, port: 0, host: '127.0.0.1', log: () => {} });
  return { url: server.url, db };
}

/** A request that must be answered within 5 s (the bound): it is aborted, and fails, past that. */
async function within5s(
  url: string,
): Promise<{ status: number; retryAfter: string | null; body: any; text: string; ms: number }> {
  const started = Date.now();
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  const text = await res.text();
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: JSON.parse(text),
    text,
    ms: Date.now() - started,
  };
}

describe.each(['drop', 'black-hole'] as OutageKind[])('Neo4j down (%s)', (kind) => {
  it('the server starts anyway, and every endpoint answers 503 with Retry-After within 5 s, naming no address', async () => {
    const { url, db } = await serveOver(kind);
    const health = await within5s(`${url}/api/health`);
    expect(health.status).toBe(503);
    expect(Number(health.retryAfter)).toBeGreaterThan(0);
    expect(health.body).toMatchObject({ ok: false, store: 'neo4j', code: 'STORE_UNAVAILABLE' });
    expect(health.body.message).toMatch(/Neo4j/);
    expect(connectionDetails(health.text, db.uri)).toEqual([]);
    for (const path of [
      '/api/entities/ttp',
      '/api/search?q=taliban',
      '/api/entities/ttp/neighborhood',
      '/api/paths?from=ttp&to=china',
      '/api/sources',
    ]) {
      const r = await within5s(url + path);
      expect(r.status, path).toBe(503);
      expect(Number(r.retryAfter), path).toBeGreaterThan(0);
      expect(r.body.error.code, path).toBe('STORE_UNAVAILABLE');
      expect(JSON.stringify(r.body), path).not.toMatch(/\n\s+at /); // no stack trace
      expect(connectionDetails(r.text, db.uri), path).toEqual([]);
    }
  });
});

describe('a database that changes state while the server runs', () => {
  it('is probed again on later requests: the failure is never cached for good', async () => {
    // The retry interval runs on a fake clock: only Date is faked, so timers and sockets stay real.
    vi.useFakeTimers({ toFake: ['Date'] });
    onTestFinished(() => void vi.useRealTimers());
    const { url, db } = await serveOver('refuse');
    const first = await within5s(`${url}/api/health`);
    expect(first.body.message).toMatch(/refused/i);

    // Within the retry interval, requests fail at once without a new probe (same message).
    const fast = await within5s(`${url}/api/entities/ttp`);
    expect(fast.status).toBe(503);
    expect(fast.body.error.message).toBe(first.body.message);

    await db.become('black-hole');
    vi.advanceTimersByTime(1100);
    const second = await within5s(`${url}/api/health`);
    expect(second.status).toBe(503);
    expect(second.body.message).not.toBe(first.body.message);
    expect(second.body.message).toMatch(/did not answer|timed out/i);

    await db.become('drop');
    vi.advanceTimersByTime(1100);
    const third = await within5s(`${url}/api/health`);
    expect(third.body.message).toMatch(/closed by server/i);
  });
});
