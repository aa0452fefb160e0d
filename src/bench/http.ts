import autocannon from 'autocannon';
import { startServer } from '../api/server';
import type { MemoryStore } from '../store/memory';
import { NEIGHBORHOOD_LIMIT } from './embedded';
import { progress } from './measure';
import { Prng } from './prng';
import type { Workload } from './workload';

/**
 * Neighbourhood requests are spread over this many distinct entities (a load generator cycling
 * over the workload's 200 would let any per-answer caching carry the figure; there is none, and
 * this keeps it that way).
 */
const DISTINCT_FOCUS = 5000;

export interface HttpFigure {
  endpoint: string;
  connections: number;
  durationS: number;
  requestsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/**
 * The API on loopback under autocannon: the real Express app over the given store, each request
 * asking for a different entity or string from the workload.
 */
export async function measureHttp(store: MemoryStore, w: Workload, durationS: number, connections = 10): Promise<HttpFigure[]> {
  // The request log is silenced and search's per-client rate limit (300 a minute) lifted: one
  // load generator is one client, and the point is what the server can answer.
  const running = await startServer({ store, port: 0, host: '127.0.0.1', log: () => {}, rateLimits: { search: { limit: 1_000_000_000, windowMs: 60_000 } } });
  try {
    const rng = new Prng(8);
    const nodes = store.kg.nodes();
    const focus = Array.from({ length: Math.min(DISTINCT_FOCUS, nodes.length) }, () => rng.pick(nodes));
    const hoodPaths = focus.map((id) => `/api/entities/${encodeURIComponent(id)}/neighborhood?depth=2&limit=${NEIGHBORHOOD_LIMIT}`);
    // Bytes per answer, from a sample (this also opens the server's code paths before timing).
    let bytes = 0;
    const sample = hoodPaths.slice(0, 100);
    for (const p of sample) bytes += (await (await fetch(running.url + p)).arrayBuffer()).byteLength;
    const kB = Math.round(bytes / sample.length / 1000);
    const run = async (endpoint: string, paths: string[]): Promise<HttpFigure> => {
      progress(`  http ${endpoint} (${durationS} s, ${connections} connections)`);
      // The load comes from a worker thread, so the server has this thread to itself. Each
      // connection cycles through the workload's requests.
      const result = await autocannon({
        url: running.url,
        connections,
        duration: durationS,
        workers: 1,
        requests: paths.map((path) => ({ method: 'GET', path })),
      } as autocannon.Options);
      return {
        endpoint,
        connections,
        durationS,
        requestsPerSec: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors + result.timeouts,
        non2xx: result.non2xx,
      };
    };
    return [
      await run('search', w.searches.map((q) => `/api/search?q=${encodeURIComponent(q)}&limit=20`)),
      await run(`neighborhood depth 2 (${focus.length} random entities, ${kB} kB an answer)`, hoodPaths),
    ];
  } finally {
    await running.close(1000);
  }
}
