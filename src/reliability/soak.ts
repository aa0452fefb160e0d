import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { startKgServe } from './shutdown';

/**
 * A soak of the real `kg serve` process on loopback: autocannon sends a mix of search,
 * neighbourhood, paths and entity calls for a while; we count errors and non-2xx answers, keep the
 * latency percentiles, and sample the server's resident memory every second to compare the first
 * ten seconds with the last ten.
 */
export interface SoakOptions {
  durationS: number;
  connections: number;
  /** Extra environment for the server (e.g. raised rate limits). */
  env?: Record<string, string>;
  onProgress?: (line: string) => void;
}

export interface SoakResult {
  durationS: number;
  connections: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Status codes other than 2xx, counted. */
  statuses: Record<string, number>;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  requestsPerSecond: number;
  rssMb: { first10s: number; last10s: number; growthPct: number; samples: number[] };
  paths: string[];
}

/** Requests cycled by every connection: a mix of what the viewer asks. */
export const SOAK_PATHS = [
  '/api/search?q=taliban',
  '/api/entities/ttp',
  '/api/entities/ttp/neighborhood?depth=2&limit=60',
  '/api/paths?from=bla&to=china&maxHops=4&k=3',
  '/api/search?q=pak',
  '/api/entities/china',
  '/api/entities/pakistan/neighborhood?depth=1',
  '/api/paths?from=ttp&to=pakistan-army&maxHops=3',
  '/api/search?q=operation',
  '/api/entities/bla',
  '/api/entities/afghan-taliban/neighborhood?depth=2&types=allied-with,supports,harbors',
  '/api/paths?from=afghan-taliban&to=cpec&maxHops=4&k=2',
];

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const progress = options.onProgress ?? (() => {});
  // One client (autocannon) would meet the per-client search limit within seconds: the soak
  // measures the server, so the limit is lifted for it (KG_RATE_LIMIT_SEARCH).
  const { child, url } = await startKgServe({ KG_RATE_LIMIT_SEARCH: '100000000', ...options.env });
  const samples: number[] = [];
  const sampler = setInterval(() => {
    try {
      samples.push(rssMb(child.pid!));
    } catch {
      /* the process is gone; the run reports it */
    }
  }, 1000);
  const statuses: Record<string, number> = {};
  try {
    // One warm-up request per path, so a path that fails outright is named before the soak.
    for (const p of SOAK_PATHS) {
      const r = await fetch(url + p);
      if (!r.ok) throw new Error(`soak: ${p} answers ${r.status} before the soak: ${await r.text()}`);
      await r.arrayBuffer().catch(() => {});
    }
    progress(`soak: ${options.connections} connections for ${options.durationS} s against ${url}`);
    const instance = autocannon({
      url,
      connections: options.connections,
      duration: options.durationS,
      timeout: 10,
      requests: SOAK_PATHS.map((path) => ({ method: 'GET' as const, path })),
    });
    instance.on('response', (_client: unknown, statusCode: number) => {
      if (statusCode < 200 || statusCode >= 300) statuses[String(statusCode)] = (statuses[String(statusCode)] ?? 0) + 1;
    });
    let ticks = 0;
    instance.on('tick', () => {
      ticks++;
      if (ticks % 10 === 0) progress(`soak: ${ticks} s, RSS ${samples.at(-1)?.toFixed(1) ?? '?'} MB`);
    });
    const result = await instance;
    const first = samples.slice(0, 10);
    const last = samples.slice(-10);
    const firstMean = mean(first);
    const lastMean = mean(last);
    return {
      durationS: options.durationS,
      connections: options.connections,
      requests: result.requests.total,
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      statuses,
      latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
      requestsPerSecond: result.requests.average,
      rssMb: {
        first10s: round(firstMean),
        last10s: round(lastMean),
        growthPct: firstMean === 0 ? 0 : round(((lastMean - firstMean) / firstMean) * 100),
        samples: samples.map(round),
      },
      paths: SOAK_PATHS,
    };
  } finally {
    clearInterval(sampler);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const round = (x: number) => Math.round(x * 10) / 10;
