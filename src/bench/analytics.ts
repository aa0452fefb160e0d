import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { StageTimings } from '../analysis/analyse';
import type { AnalysisJob } from '../analysis/service';
import { MAX_WAIT_S } from '../api/routes/analytics';
import { startServer } from '../api/server';
import type { MemoryStore } from '../store/memory';
import { progress, summarise, timeOnce, type Latency } from './measure';

export interface AnalyticsFigures {
  /** Stage timings of the overall view (every relation type), as the API's worker ran them. */
  louvainMs: number;
  communities: number;
  degreeMs: number;
  pagerankMs: number;
  betweennessMs: number;
  betweennessMode: string;
  /** Building the two projections (undirected and directed) of the overall view. */
  projectionMs: number;
  /** The whole analysis (overall, cooperative and hostile views), worker start included. */
  totalMs: number;
  computedOn: string;
  /** Reading the compact input from the store: the only part on the request thread. */
  inputMs: number;
  /** /api/health, asked one request after another while the first /api/analytics was computing. */
  healthDuring: Latency;
  /** The same, for two seconds (20 answers at least) before it: what the machine gives with no analysis running. */
  healthBefore: Latency;
  /** Largest event-loop delay seen while the analysis ran. */
  eventLoopMaxMs: number;
}

/** Below this /api/health latency while the analysis runs, no request counts as blocked. */
export const NOT_BLOCKED_MS = 100;

/**
 * Times the API's own analytics as a user meets it: a server on the store, a first
 * GET /api/analytics (nothing precomputed, nothing cached), and meanwhile /api/health asked over
 * and over on another connection. Stage timings come from the route's own log line of the
 * analysis (src/analysis, run on the worker thread the route uses).
 */
export async function measureAnalytics(store: MemoryStore): Promise<AnalyticsFigures> {
  progress('  analysis input (request thread)');
  const input = await timeOnce(() => store.graphStructure({}));
  let settled: AnalysisJob | undefined;
  const running = await startServer({
    store,
    port: 0,
    host: '127.0.0.1',
    log: () => {},
    // A generous limit: a loaded machine can be many times slower than a quiet one.
    analytics: { onSettled: (job) => (settled = job), timeoutMs: 60 * 60_000 },
  });
  const healthLatency = async () => {
    const t = performance.now();
    await fetch(`${running.url}/api/health`).then((r) => r.arrayBuffer());
    return performance.now() - t;
  };
  try {
    progress('  /api/health alone (baseline)');
    // The server's first answer pays for lazy set-up: not counted. Then two seconds, or 20 answers at least.
    await healthLatency();
    const before: number[] = [];
    for (const until = performance.now() + 2000; performance.now() < until || before.length < 20; ) {
      before.push(await healthLatency());
      await new Promise((r) => setTimeout(r, 20));
    }
    progress('  GET /api/analytics (first, uncached) with /api/health alongside');
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    let done = false;
    type Answer = { status: number; body: { computedOn?: string; overall?: { betweennessMethod: { method: string; sources: number }; communities: { count: number } }; error?: { message: string } } };
    // Waits as a patient client does: the longest wait the API allows, again while it answers 202.
    const ask = async (): Promise<Answer> => {
      const r = await fetch(`${running.url}/api/analytics?wait=${MAX_WAIT_S}&top=10`);
      const answer = { status: r.status, body: (await r.json()) as Answer['body'] };
      return answer.status === 202 ? ask() : answer;
    };
    const analytics = ask().finally(() => (done = true));
    const health: number[] = [];
    while (!done) {
      const ms = await healthLatency();
      if (!done) health.push(ms);
      await new Promise((r) => setTimeout(r, 20));
    }
    const answer = await analytics;
    const totalMs = performance.now() - started;
    delay.disable();
    if (answer.status !== 200 || !answer.body.overall) throw new Error(`GET /api/analytics answered ${answer.status}: ${answer.body.error?.message ?? ''}`);
    const t = (settled?.value?.timings.overall ?? {}) as Partial<StageTimings>;
    const bm = answer.body.overall.betweennessMethod;
    return {
      louvainMs: t.louvain ?? NaN,
      communities: answer.body.overall.communities.count,
      degreeMs: t.degree ?? NaN,
      pagerankMs: t.pagerank ?? NaN,
      betweennessMs: t.betweenness ?? NaN,
      betweennessMode: bm.method === 'exact' ? 'exact' : `sampled (${bm.sources} sources)`,
      projectionMs: t.projection ?? NaN,
      totalMs,
      computedOn: answer.body.computedOn ?? '?',
      inputMs: input.ms,
      healthDuring: summarise(health),
      healthBefore: summarise(before),
      eventLoopMaxMs: delay.max / 1e6,
    };
  } finally {
    await running.close(1000);
  }
}
