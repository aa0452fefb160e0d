import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateSeed } from '../../src/bench/generate';
import { loadKnowledgeBaseOrThrow } from '../../src/seed/load';
import { MemoryStore } from '../../src/store/memory';
import { getJson, startTestServer } from '../support/server';

/**
 * /api/analytics on a graph large enough to go to a worker thread (a few thousand entities: the
 * suite stays fast, and the worker path is the same one a 100k graph takes).
 */
let dir: string;
let store: MemoryStore;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kg-analytics-'));
  // Above 2,000 entities betweenness is sampled, which keeps the analysis a few seconds at most.
  generateSeed({ nodes: 2500, edgesPerNode: 2, seed: 5, outDir: dir });
  store = new MemoryStore(loadKnowledgeBaseOrThrow(dir).kb);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type World = Awaited<ReturnType<typeof startTestServer>>;
async function withServer(
  options: Parameters<typeof startTestServer>[1],
  body: (w: World) => Promise<void>,
): Promise<void> {
  const world = await startTestServer(store, options);
  try {
    await body(world);
  } finally {
    await world.close();
  }
}

/** A GET whose `sent` settles once the request has been handed to the network. */
function sentGet(url: string): { sent: Promise<void>; answer: Promise<{ status: number; body: any }> } {
  let sent!: () => void;
  const sentPromise = new Promise<void>((resolve) => (sent = resolve));
  const answer = new Promise<{ status: number; body: any }>((resolve, reject) => {
    const req = get(url, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('finish', sent);
    req.on('error', reject);
  });
  return { sent: sentPromise, answer };
}

/** Runs the requests together and lists which finished first. */
async function finishOrder(requests: Record<string, Promise<unknown>>): Promise<string[]> {
  const order: string[] = [];
  await Promise.all(Object.entries(requests).map(([name, p]) => p.then(() => order.push(name))));
  return order;
}

// Generous limits: the analyses take seconds, many more on a machine shared with other work.
describe('GET /api/analytics on a large graph', { timeout: 180_000 }, () => {
  it('keeps answering other requests while the analysis runs on a worker', async () => {
    await withServer({}, async (w) => {
      let analytics: Awaited<ReturnType<typeof getJson>> | undefined;
      // The analysis is started first (202: computing); with it on the event loop the requests
      // below would queue behind it.
      expect((await getJson(w.url, '/api/analytics?wait=0')).status).toBe(202);
      const order = await finishOrder({
        analytics: getJson(w.url, '/api/analytics?wait=60').then((r) => (analytics = r)),
        health: getJson(w.url, '/api/health'),
        search: getJson(w.url, `/api/search?q=${encodeURIComponent(store.entities().attributes[0]!.name)}`),
      });
      expect(order.indexOf('health')).toBeLessThan(order.indexOf('analytics'));
      expect(order.indexOf('search')).toBeLessThan(order.indexOf('analytics'));
      expect(analytics!.status).toBe(200);
      expect(analytics!.body).toMatchObject({ computedOn: 'worker', cached: false });
      expect(analytics!.body.overall.betweennessMethod.method).toBe('sampled');
      expect(analytics!.body.overall.nodes).toBe(2500);
    });
  });

  it('(control) the same requests wait behind an analysis that runs on the request thread', async () => {
    await withServer({ analytics: { inlineUpTo: Number.POSITIVE_INFINITY } }, async (w) => {
      let analytics: { status: number; body: any } | undefined;
      const inline = sentGet(`${w.url}/api/analytics`);
      const order = await finishOrder({
        analytics: inline.answer.then((r) => (analytics = r)),
        // Sent once the analytics request has gone out: the server reads it first.
        health: inline.sent.then(() => getJson(w.url, '/api/health')),
      });
      expect(analytics!.body.computedOn).toBe('inline');
      expect(order).toEqual(['analytics', 'health']);
    });
  });

  it('answers 202 with Retry-After while computing, shares one analysis per filter set, then 200', async () => {
    await withServer({}, async (w) => {
      const q = '/api/analytics?types=allied-with,supports,funds,targets&top=3';
      const first = await getJson(w.url, `${q}&wait=0`);
      expect(first.status).toBe(202);
      expect(first.headers.get('retry-after')).toBe('2');
      expect(first.body).toMatchObject({ status: 'computing', retryAfter: 2 });
      // Same filters in another order and with another top: the same analysis, not a second one.
      const second = await getJson(w.url, '/api/analytics?top=7&types=targets,funds,supports,allied-with&wait=0');
      expect(second.status).toBe(202);
      expect(second.body.startedAt).toBe(first.body.startedAt);
      const other = await getJson(w.url, '/api/analytics?types=opposes&wait=0');
      expect(other.body.startedAt === first.body.startedAt && other.status === 202).toBe(false);

      let ready = await getJson(w.url, `${q}&wait=60`);
      expect(ready.status).toBe(200);
      expect(ready.body.overall.degree).toHaveLength(3);
      const wider = await getJson(w.url, '/api/analytics?top=7&types=targets,funds,supports,allied-with&wait=0');
      expect(wider.status).toBe(200);
      expect(wider.body).toMatchObject({ cached: true, computedMs: ready.body.computedMs });
      expect(wider.body.overall.degree).toHaveLength(7);
      expect(wider.body.overall.degree.slice(0, 3)).toEqual(ready.body.overall.degree);
      ready = await getJson(w.url, '/api/analytics?types=opposes&wait=60');
      expect(ready.status).toBe(200);
    });
  });

  it('precomputes the unfiltered analysis at start', async () => {
    await withServer({ analytics: { precompute: true } }, async (w) => {
      const sent = Date.now();
      const first = await getJson(w.url, '/api/analytics?wait=60');
      expect(first.status).toBe(200);
      // The analysis was started by the server, by the time this request was sent.
      expect(Date.parse(first.body.startedAt)).toBeLessThanOrEqual(sent);
      const again = await getJson(w.url, '/api/analytics?wait=0');
      expect(again.body).toMatchObject({ cached: true, startedAt: first.body.startedAt });
    });
  });

  it('reports a crashed worker as a JSON error, and the next request starts the analysis again', async () => {
    const flag = path.join(dir, 'crashed.flag');
    process.env.KG_TEST_CRASH_FLAG = flag;
    const workerUrl = new URL('../fixtures/analysis/crash-once-worker.mjs', import.meta.url);
    try {
      await withServer({ analytics: { workerUrl } }, async (w) => {
        const crashed = await getJson(w.url, '/api/analytics?wait=60');
        expect(crashed.status).toBe(500);
        expect(crashed.body.error).toMatchObject({
          code: 'ANALYSIS_FAILED',
          message: expect.stringContaining('simulated crash'),
        });
        expect(JSON.stringify(crashed.body)).not.toMatch(/at .*\.(ts|mjs):\d+/);
        const retried = await getJson(w.url, '/api/analytics?wait=60');
        expect(retried.status).toBe(200);
        expect(retried.body.cached).toBe(false);
      });
    } finally {
      delete process.env.KG_TEST_CRASH_FLAG;
    }
  });

  it('reports a timeout as 503 ANALYSIS_TIMEOUT to a client that polled, once, then retries', async () => {
    await withServer({ analytics: { timeoutMs: 1 } }, async (w) => {
      const pending = await getJson(w.url, '/api/analytics?wait=0');
      expect(pending.status).toBe(202);
      // Nobody was waiting when it failed: the failure is kept for the next request...
      const failed = await vi.waitFor(
        async () => {
          const r = await getJson(w.url, '/api/analytics?wait=0');
          if (r.status === 202) throw new Error('still computing');
          return r;
        },
        { timeout: 10_000 },
      );
      expect(failed.status).toBe(503);
      expect(failed.body.error.code).toBe('ANALYSIS_TIMEOUT');
      // ...and the one after starts again.
      const again = await getJson(w.url, '/api/analytics?wait=0');
      expect(again.status).toBe(202);
    });
  });
});
