// Entry of a worker thread started from the TypeScript sources (src/worker-job.ts): neither tsx's loader nor vitest's
// transform reaches a new thread, so it loads the worker's source through tsx's API. Compiled workers start without it.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.tsWorker, import.meta.url);
