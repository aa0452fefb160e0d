import { Worker, type WorkerOptions } from 'node:worker_threads';

/** A worker's entry: compiled, a bundle beside the module (named by scripts/build-if-needed.mjs); else its source. */
export const workerEntry = (moduleUrl: string, source: string, bundle: string): URL =>
  new URL(moduleUrl.endsWith('.ts') ? source : `./${bundle}.js`, moduleUrl);

const TS_WORKER = new URL('./ts-worker.mjs', import.meta.url);

/** Starts a worker thread; a TypeScript entry starts through src/ts-worker.mjs, which loads it with tsx. */
export const startWorker = (url: URL, options: WorkerOptions = {}): Worker =>
  url.pathname.endsWith('.ts')
    ? new Worker(TS_WORKER, { ...options, workerData: { tsWorker: url.href } })
    : new Worker(url, options);

/** Why a job gave no result: failed (answered an error), crashed (its worker threw), exited (or cancelled), timeout. */
export class WorkerJobError extends Error {
  constructor(
    readonly reason: 'failed' | 'crashed' | 'exited' | 'timeout',
    message: string,
  ) {
    super(message);
  }
}

/** What a job's worker answers, once: its result, or the message of what went wrong. */
export type WorkerJobReply<T> = ({ ok: true } & T) | { ok: false; message: string };

/**
 * Runs one job on a fresh worker thread and settles once, with its answer or a WorkerJobError. The worker is terminated
 * once the job is settled or cancelled, so a runaway job does not keep a core busy. `name` starts the error messages.
 */
export function runWorkerJob<T>(
  url: URL,
  request: unknown,
  options: { name: string; transfer?: ArrayBuffer[]; timeoutMs?: number },
): { result: Promise<{ ok: true } & T>; cancel(): void } {
  const { name, timeoutMs } = options;
  let worker: Worker;
  try {
    worker = startWorker(url);
  } catch (err) {
    // No thread to be had (ERR_WORKER_INIT_FAILED, say): a failed job like any other.
    const error = new WorkerJobError('crashed', `${name} worker could not start: ${(err as Error).message}`);
    return { result: Promise.reject(error), cancel: () => {} };
  }
  let timer: NodeJS.Timeout | undefined;
  const result = new Promise<{ ok: true } & T>((resolve, reject) => {
    const fail = (reason: WorkerJobError['reason'], message: string) => reject(new WorkerJobError(reason, message));
    const late = `${name} did not finish within ${Math.round((timeoutMs ?? 0) / 1000)} s and was stopped`;
    if (timeoutMs !== undefined) timer = setTimeout(() => fail('timeout', late), timeoutMs);
    worker.once('message', (reply: WorkerJobReply<T>) =>
      reply.ok ? resolve(reply) : fail('failed', `${name} failed: ${reply.message}`),
    );
    worker.once('error', (err) => fail('crashed', `${name} worker crashed: ${err.message}`));
    worker.once('exit', (code) => fail('exited', `${name} worker exited (code ${code}) before answering`));
  }).finally(() => {
    clearTimeout(timer);
    void worker.terminate();
  });
  worker.postMessage(request, options.transfer ?? []);
  return { result, cancel: () => void worker.terminate() };
}
