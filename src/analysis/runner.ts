import { runWorkerJob, workerEntry, type WorkerJobError } from '../worker-job';
import type { AnalyseOptions } from './analyse';
import type { GraphStructure } from '../store/port';
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

export const WORKER_URL = workerEntry(import.meta.url, './worker.ts', 'analysis-worker');

/**
 * Analyses `input` on a fresh worker thread and settles exactly once: with the report, its
 * timings and the time the analysis itself took in the worker (`ms`, not counting the worker's
 * start), or with an AnalysisFailedError when the worker throws, exits, fails to start or passes
 * `timeoutMs` (then it is terminated, so a runaway analysis does not keep a core busy). A worker
 * per run keeps failures isolated; its start (~0.3 s) is small next to the analyses that need one.
 * `workerUrl` replaces src/analysis/worker.ts, for tests that need a worker that crashes.
 */
export async function analyseInWorker(
  input: GraphStructure,
  options: Partial<AnalyseOptions>,
  run: { timeoutMs: number; workerUrl?: URL | undefined },
): Promise<AnalysisResult> {
  const job = runWorkerJob<AnalysisResult>(run.workerUrl ?? WORKER_URL, { input, options } satisfies AnalysisRequest, {
    name: 'the analysis',
    timeoutMs: run.timeoutMs,
    // The typed arrays move to the worker instead of being copied.
    transfer: [input.source.buffer, input.target.buffer, input.type.buffer] as ArrayBuffer[],
  });
  try {
    const { report, timings, ms } = await job.result;
    return { report, timings, ms };
  } catch (err) {
    const reason = (err as WorkerJobError).reason === 'timeout' ? 'timeout' : 'crashed';
    throw new AnalysisFailedError(reason, (err as Error).message);
  }
}
