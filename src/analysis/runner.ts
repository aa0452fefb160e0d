import { Worker } from 'node:worker_threads';
import type { AnalyseOptions, AnalysisTimings, AnalyticsReport } from './analyse';
import type { AnalysisInput } from './input';
import type { AnalysisReply, AnalysisRequest } from './worker';

/** The analysis did not produce a result: its worker crashed, failed or ran out of time. */
export class AnalysisFailedError extends Error {
  constructor(
    readonly reason: 'crashed' | 'timeout',
    message: string,
  ) {
    super(message);
  }
}

export interface AnalysisRun {
  report: AnalyticsReport;
  timings: AnalysisTimings;
  /** Time the analysis itself took in the worker (not counting the worker's start). */
  ms: number;
}

export interface WorkerRunOptions {
  timeoutMs: number;
  /** The worker's entry (default: the tsx bootstrap next to this file). */
  workerUrl?: URL;
}

export const WORKER_URL = new URL('./worker-bootstrap.mjs', import.meta.url);

/**
 * Analyses `input` on a fresh worker thread and settles exactly once: with the report, or with
 * an AnalysisFailedError when the worker throws, exits, fails to start or passes `timeoutMs`
 * (then it is terminated, so a runaway analysis does not keep a core busy). A worker per run
 * keeps failures isolated; its start (~0.3 s) is small next to the analyses that need a worker.
 */
export function analyseInWorker(input: AnalysisInput, options: Partial<AnalyseOptions>, run: WorkerRunOptions): Promise<AnalysisRun> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(run.workerUrl ?? WORKER_URL);
    let settled = false;
    const finish = (outcome: { run: AnalysisRun } | { error: AnalysisFailedError }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      if ('run' in outcome) resolve(outcome.run);
      else reject(outcome.error);
    };
    const timer = setTimeout(
      () => finish({ error: new AnalysisFailedError('timeout', `the analysis did not finish within ${Math.round(run.timeoutMs / 1000)} s and was stopped`) }),
      run.timeoutMs,
    );
    worker.once('message', (reply: AnalysisReply) => {
      if (reply.ok) finish({ run: { report: reply.report, timings: reply.timings, ms: reply.ms } });
      else finish({ error: new AnalysisFailedError('crashed', `the analysis failed: ${reply.message}`) });
    });
    worker.once('error', (err) => finish({ error: new AnalysisFailedError('crashed', `the analysis worker crashed: ${err.message}`) }));
    worker.once('exit', (code) => finish({ error: new AnalysisFailedError('crashed', `the analysis worker exited (code ${code}) before answering`) }));
    const request: AnalysisRequest = { input, options };
    // The typed arrays move to the worker instead of being copied.
    worker.postMessage(request, [input.source.buffer, input.target.buffer, input.type.buffer] as ArrayBuffer[]);
  });
}
