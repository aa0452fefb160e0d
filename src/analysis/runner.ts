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
 * Analyses `input` on a fresh worker thread (failures stay isolated; its ~0.3 s start is small next
 * to the analyses that need one): the report, its timings and `ms` in the worker, or an
 * AnalysisFailedError when the worker fails or passes `timeoutMs` (then it is terminated, so a
 * runaway analysis does not keep a core busy). `workerUrl` is for tests that need a crashing worker.
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
