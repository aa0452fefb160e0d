import { entityOrder } from '../../model';
import { runWorkerJob } from '../../worker-job';
import { buildSearchData, spellingsOf, type SearchData, type Spellings } from './search-data';

/**
 * Below this many spellings the search index is built on the calling thread: starting a worker
 * (about 0.3 s, most of it loading TypeScript) costs more than the build.
 */
export const SEARCH_WORKER_MIN_SPELLINGS = 50_000;

const WORKER_URL = new URL('./search-worker-bootstrap.mjs', import.meta.url);

/** A search index being built on a worker thread from these entities' spellings. */
export interface PendingSearch {
  spellings: Spellings;
  /** Settles once: the data from the worker, or (should the worker fail) built on this thread. */
  data: Promise<SearchData>;
  /** Stops the worker (when the load it was started for fails). */
  cancel(): void;
}

/**
 * Starts building the search index of `entities` (in store order) on a worker thread, so that it
 * is built while the caller goes on (loading the relations, building the adjacency index).
 * Returns undefined when the entities are too few for a worker to pay.
 */
export function startSearchBuild(
  entities: readonly { id: string; name: string; aliases: readonly string[]; demonyms: readonly string[] }[],
  options: { minSpellings?: number; workerUrl?: URL } = {},
): PendingSearch | undefined {
  // Numbered as the store numbers entities: in the canonical order (src/model/order.ts).
  const spellings = spellingsOf([...entities].sort(entityOrder));
  if (spellings.labels.length < (options.minSpellings ?? SEARCH_WORKER_MIN_SPELLINGS)) return undefined;
  const build = buildSearchDataInWorker(spellings.labels, options.workerUrl);
  let cancelled = false;
  // A worker that cannot start or fails (out of memory, say) costs time, not the answer.
  const data = build.data.catch((err: unknown) => {
    if (cancelled) throw err;
    return buildSearchData(spellings.labels);
  });
  data.catch(() => {}); // a cancelled build is never awaited: its rejection is expected
  return {
    spellings,
    data,
    cancel: () => {
      cancelled = true;
      build.cancel();
    },
  };
}

/** buildSearchData on a fresh worker thread; rejects (WorkerJobError) if the worker fails or exits first. */
export function buildSearchDataInWorker(
  labels: readonly string[],
  workerUrl: URL = WORKER_URL,
): { data: Promise<SearchData>; cancel(): void } {
  const job = runWorkerJob<{ data: SearchData }>(workerUrl, labels, { name: 'the search index build' });
  return { data: job.result.then((reply) => reply.data), cancel: job.cancel };
}
