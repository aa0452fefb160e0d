import { setImmediate as nextTurn } from 'node:timers/promises';
import { runWorkerJob, workerEntry, type WorkerJobError } from '../worker-job';
import type { AnalyseOptions, AnalysisTimings, AnalyticsReport } from './analyse';
import type { GraphStructure } from '../store/port';

/** The analysis did not produce a result: its worker crashed, failed or ran out of time. */
export class AnalysisFailedError extends Error {
  constructor(
    readonly reason: 'crashed' | 'timeout',
    message: string,
  ) {
    super(message);
  }
}

/** What the worker (worker.ts) is sent: the input's arrays, and its strings as JSON bytes in slices. */
export type AnalysisRequest = Pick<GraphStructure, 'source' | 'target' | 'type'> & {
  strings: Uint8Array[];
  options: Partial<AnalyseOptions>;
};

export type AnalysisResult = { report: AnalyticsReport; timings: AnalysisTimings };

const WORKER_URL = workerEntry(import.meta.url, './worker.ts', 'analysis-worker');
/** Entities per slice of stringsAsBytes. */
const SLICE = 5000;

/**
 * Analyses `input` on a fresh worker thread (failures stay isolated; its ~0.3 s start is small next
 * to the analyses that need one), terminated past `timeoutMs` so that a runaway analysis does not
 * keep a core busy. `workerUrl` is for tests that need a crashing worker.
 */
export async function analyseInWorker(
  input: GraphStructure,
  options: Partial<AnalyseOptions>,
  run: { timeoutMs: number; workerUrl?: URL | undefined },
): Promise<AnalysisResult> {
  const { source, target, type } = input;
  const request: AnalysisRequest = { source, target, type, strings: await stringsAsBytes(input), options };
  const job = runWorkerJob<AnalysisResult>(run.workerUrl ?? WORKER_URL, request, {
    name: 'the analysis',
    timeoutMs: run.timeoutMs,
    // The typed arrays and the bytes move to the worker instead of being copied.
    transfer: [source, target, type, ...request.strings].map((a) => a.buffer as ArrayBuffer),
  });
  return job.result.catch((err: WorkerJobError) => {
    throw new AnalysisFailedError(err.reason === 'timeout' ? 'timeout' : 'crashed', err.message);
  });
}

/**
 * The input's ids, names and kinds as JSON bytes, SLICE entities at a time with the event loop
 * given back between slices: cloned into the message, those 300k strings held the request thread
 * for 40-70 ms at 100k entities.
 */
async function stringsAsBytes({ ids, names, kinds }: GraphStructure): Promise<Uint8Array[]> {
  const bytes: Uint8Array[] = [];
  for (let i = 0; i < ids.length; i += SLICE) {
    const slice = [ids, names, kinds].map((list) => list.slice(i, i + SLICE));
    bytes.push(new TextEncoder().encode(JSON.stringify(slice)));
    await nextTurn();
  }
  return bytes;
}
