import { parentPort } from 'node:worker_threads';
import type { WorkerJobReply } from '../../worker-job';
import { buildSearchData, searchDataBuffers, type SearchData } from './search-data';

/** What the worker answers, once. */
export type SearchBuildReply = WorkerJobReply<{ data: SearchData }>;

/**
 * Builds the search index's data on a worker thread from the spellings the parent sends, and
 * hands the typed arrays back without copying them. One build per worker.
 */
parentPort!.once('message', (labels: string[]) => {
  let data: SearchData;
  try {
    data = buildSearchData(labels);
  } catch (err) {
    parentPort!.postMessage({
      ok: false,
      message: err instanceof Error ? err.message : String(err),
    } satisfies SearchBuildReply);
    return;
  }
  parentPort!.postMessage({ ok: true, data } satisfies SearchBuildReply, searchDataBuffers(data));
});
