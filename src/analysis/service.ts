import type { GraphFilters, GraphStore } from '../store/port';
import { analyseGraph, type AnalysisTimings } from './analyse';
import { inputFromGraphJson } from './projection';
import { analyseInWorker, type AnalysisResult } from './runner';

/** The largest `top` the API accepts: every analysis is computed at it and trimmed per request. */
export const MAX_TOP = 100;

export const DEFAULT_ANALYTICS_SERVICE = {
  /** Inputs up to this many entities + relations are analysed on the request thread (a few ms). */
  inlineUpTo: 1000,
  /** A worker analysis still running after this long is stopped and reported as a timeout. */
  timeoutMs: 10 * 60_000,
  /** How long a finished analysis is served from memory (a Neo4j graph can change under the API). */
  ttlMs: 10 * 60_000,
  /** Finished analyses kept at most; the oldest go first. */
  maxEntries: 32,
};

/** `workerUrl`: for tests that need a worker that crashes; `onSettled`: the server logs, the benchmark reads timings. */
export type AnalyticsServiceOptions = typeof DEFAULT_ANALYTICS_SERVICE & {
  workerUrl?: URL;
  onSettled?: (job: AnalysisJob) => void;
};

export type Computed = AnalysisResult & { computedMs: number; ranOn: 'inline' | 'worker' };

/** One analysis of one filter set; `waiters` counts the requests waiting on `done`. */
export interface AnalysisJob {
  readonly key: string;
  readonly startedAt: number;
  done: Promise<Computed>;
  state: 'running' | 'ready' | 'failed';
  value?: Computed;
  error?: unknown;
  finishedAt?: number;
  waiters: number;
}

/** A key that is the same for the same filters whatever the order of lists and properties. */
export function filterKey(filters: Record<string, unknown>): string {
  const inOrder = (v: unknown) => (Array.isArray(v) ? [...new Set(v.map(String))].sort() : v);
  const defined = Object.keys(filters).filter((k) => filters[k] !== undefined);
  return JSON.stringify(defined.sort().map((k) => [k, inOrder(filters[k])]));
}

/**
 * The analyses the API serves, one job per filter set, shared by concurrent requests and kept
 * `ttlMs`. Large inputs run on a worker thread, one at a time (the other cores serve requests);
 * small ones inline, since a worker's start costs more than their analysis. A failure is reported
 * once: to the requests waiting when it fails, or else to the next one, and the one after retries.
 */
export class AnalyticsService {
  private readonly jobs = new Map<string, AnalysisJob>();
  private readonly options: AnalyticsServiceOptions;
  /** Worker analyses run one after the other: each chains onto the previous one. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: GraphStore,
    options: Partial<AnalyticsServiceOptions> = {},
  ) {
    this.options = { ...DEFAULT_ANALYTICS_SERVICE, ...options };
  }

  /** The job for these filters: the running or finished one, or a new one (started in the background). */
  job(filters: GraphFilters): AnalysisJob {
    const key = filterKey(filters as Record<string, unknown>);
    const existing = this.jobs.get(key);
    if (existing && !(existing.state === 'ready' && Date.now() - existing.finishedAt! >= this.options.ttlMs))
      return existing;
    const job: AnalysisJob = { key, startedAt: Date.now(), state: 'running', waiters: 0, done: this.compute(filters) };
    const settle = (fields: Partial<AnalysisJob>) => {
      Object.assign(job, fields, { finishedAt: Date.now() });
      // Waiting requests get a failure when they resume; with none waiting, the next request does.
      if (job.state === 'failed' && job.waiters > 0) this.forget(job);
      this.options.onSettled?.(job);
    };
    // Settled before any waiter resumes (registered first); a failure nobody waits for is kept, not thrown.
    job.done
      .then(
        (value) => settle({ state: 'ready', value }),
        (error: unknown) => settle({ state: 'failed', error }),
      )
      // A fault in onSettled (the server's logger) must not become an unhandled rejection, which ends the process.
      .catch(() => {});
    this.jobs.set(key, job);
    // Drops the oldest finished jobs beyond maxEntries (running ones are never dropped).
    for (const [k, j] of this.jobs) {
      if (this.jobs.size <= this.options.maxEntries) break;
      if (j.state !== 'running') this.jobs.delete(k);
    }
    return job;
  }

  /** Waits up to `waitMs` (other requests are served meanwhile) for the job; throws its error if it failed. */
  async request(filters: GraphFilters, waitMs: number) {
    const job = this.job(filters);
    const cached = job.state !== 'running';
    if (!cached) {
      job.waiters++;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([job.done.catch(() => {}), new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]);
      clearTimeout(timer);
      job.waiters--;
      if (job.state === 'running') return { state: 'running', job } as const;
    }
    if (job.state === 'failed') {
      this.forget(job);
      throw job.error;
    }
    return { state: 'ready', value: job.value!, cached, job } as const;
  }

  private async compute(filters: GraphFilters): Promise<Computed> {
    const started = performance.now();
    // A store holding the graph in memory gives its structure straight from its arrays.
    const input = (await this.store.graphStructure?.(filters)) ?? inputFromGraphJson(await this.store.graph(filters));
    const computedMs = () => Math.round(performance.now() - started);
    if (input.ids.length + input.source.length <= this.options.inlineUpTo) {
      const timings: AnalysisTimings = {};
      const report = analyseGraph(input, { top: MAX_TOP }, timings);
      return { report, computedMs: computedMs(), ranOn: 'inline', timings };
    }
    const { timeoutMs, workerUrl } = this.options;
    const run = this.queue.then(() => analyseInWorker(input, { top: MAX_TOP }, { timeoutMs, workerUrl }));
    this.queue = run.catch(() => {});
    const { report, timings } = await run;
    return { report, computedMs: computedMs(), ranOn: 'worker', timings };
  }

  private forget(job: AnalysisJob): void {
    if (this.jobs.get(job.key) === job) this.jobs.delete(job.key);
  }
}
