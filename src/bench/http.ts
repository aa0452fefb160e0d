import autocannon from 'autocannon';
import { startServer } from '../api/server';
import type { MemoryStore } from '../store/memory';
import { NEIGHBORHOOD_LIMIT } from './embedded';
import { progress } from './measure';
import type { Workload } from './workload';

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
      await run('neighborhood depth 2', w.focus.map((id) => `/api/entities/${encodeURIComponent(id)}/neighborhood?depth=2&limit=${NEIGHBORHOOD_LIMIT}`)),
    ];
  } finally {
    await running.close(1000);
  }
}
