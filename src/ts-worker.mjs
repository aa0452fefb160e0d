// Entry of a worker thread started from the TypeScript sources (src/worker-job.ts): a worker starts
// as a plain Node thread, which neither tsx's loader (npm run kg in development) nor vitest's
// transform reaches, so it loads the worker's source through tsx's own API. Compiled, workers are
// bundles of their own and start without it.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.tsWorker, import.meta.url);
