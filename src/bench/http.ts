import autocannon from 'autocannon';
import type { MemoryStore } from '../store/memory';
import { spawnBenchChild } from './child-process';
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
/** Untimed load before each timed run. */
const WARM_UP_S = 3;

export interface HttpFigure {
  endpoint: string;
  /** Serving processes: in results from before kg serve became one process, 1 or 2; absent means 1. */
  processes?: number;
  connections: number;
  durationS: number;
  requestsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/**
 * The API on loopback under autocannon: the real Express app over the seed folder the store was
 * built from, served by a process of its own started as `kg serve` starts (src/runtime-flags.ts),
 * so that the figure is the server's and not shaped by this process's heap (the benchmark holds
 * other stores, workloads and garbage). Each request asks for a different entity or string.
 */
export async function measureHttp(store: MemoryStore, dir: string, w: Workload, durationS: number, options: { connections?: number; endpoints?: ('search' | 'neighborhood')[] } = {}): Promise<HttpFigure[]> {
  const connections = options.connections ?? 10;
  const endpoints = options.endpoints ?? ['search', 'neighborhood'];
  const running = await startServerProcess(dir);
  try {
    const rng = new Prng(8);
    const nodes = store.entities().ids;
    const focus = Array.from({ length: Math.min(DISTINCT_FOCUS, nodes.length) }, () => rng.pick(nodes));
    const hoodPaths = focus.map((id) => `/api/entities/${encodeURIComponent(id)}/neighborhood?depth=2&limit=${NEIGHBORHOOD_LIMIT}`);
    // Bytes per answer, from a sample (this also opens the server's code paths before timing).
    let bytes = 0;
    const sample = hoodPaths.slice(0, 100);
    for (const p of sample) bytes += (await (await fetch(running.url + p)).arrayBuffer()).byteLength;
    const kB = Math.round(bytes / sample.length / 1000);
    // The load comes from a worker thread of this process; the server has its own. Each
    // connection cycles through the workload's requests.
    const load = (paths: string[], seconds: number) =>
      autocannon({ url: running.url, connections, duration: seconds, workers: 1, requests: paths.map((path) => ({ method: 'GET', path })) } as autocannon.Options);
    const run = async (endpoint: string, paths: string[]): Promise<HttpFigure> => {
      // A server runs for hours: the figure is its steady state, after the JIT compiler has
      // optimised the request path, so a short untimed run comes first.
      progress(`  http ${endpoint} (${WARM_UP_S} s warm-up, then ${durationS} s timed, ${connections} connections)`);
      await load(paths, WARM_UP_S);
      const result = await load(paths, durationS);
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
    const figures: HttpFigure[] = [];
    if (endpoints.includes('search')) figures.push(await run('search', w.searches.map((q) => `/api/search?q=${encodeURIComponent(q)}&limit=20`)));
    if (endpoints.includes('neighborhood')) figures.push(await run(`neighborhood depth 2 (${focus.length} random entities, ${kB} kB an answer)`, hoodPaths));
    return figures;
  } finally {
    running.stop();
  }
}

/** Starts http-server-child.ts on `dir` and resolves with its URL once it listens. */
function startServerProcess(dir: string): Promise<{ url: string; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const child = spawnBenchChild('http-server-child.ts', [dir]);
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ url: (JSON.parse(line) as { url: string }).url, stop: () => child.kill('SIGKILL') });
    });
    child.on('exit', (code) => reject(new Error(`the HTTP server process exited (${code}) before listening: ${err.trim().split('\n').slice(0, 3).join(' ')}`)));
  });
}
