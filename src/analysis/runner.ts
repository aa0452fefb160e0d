import { runWorkerJob, workerEntry, type WorkerJobError } from '../worker-job';
import type { AnalyseOptions, AnalysisTimings, AnalyticsReport } from './analyse';
import type { AnalysisInput } from './input';
import type { AnalysisRequest, AnalysisResult } from './worker';

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
  /** The worker's entry (default: src/analysis/worker.ts). */
  workerUrl?: URL;
}

export const WORKER_URL = workerEntry(import.meta.url, './worker.ts', 'analysis-worker');

/**
 * Analyses `input` on a fresh worker thread and settles exactly once: with the report, or with
 * an AnalysisFailedError when the worker throws, exits, fails to start or passes `timeoutMs`
 * (then it is terminated, so a runaway analysis does not keep a core busy). A worker per run
 * keeps failures isolated; its start (~0.3 s) is small next to the analyses that need a worker.
 */
export function analyseInWorker(
  input: AnalysisInput,
  options: Partial<AnalyseOptions>,
  run: WorkerRunOptions,
): Promise<AnalysisRun> {
  const request: AnalysisRequest = { input, options };
  const job = runWorkerJob<AnalysisResult>(run.workerUrl ?? WORKER_URL, request, {
    name: 'the analysis',
    timeoutMs: run.timeoutMs,
    // The typed arrays move to the worker instead of being copied.
    transfer: [input.source.buffer, input.target.buffer, input.type.buffer] as ArrayBuffer[],
  });
  return job.result.then(
    (reply) => ({ report: reply.report, timings: reply.timings, ms: reply.ms }),
    (err: WorkerJobError) =>
      Promise.reject(new AnalysisFailedError(err.reason === 'timeout' ? 'timeout' : 'crashed', err.message)),
  );
}
