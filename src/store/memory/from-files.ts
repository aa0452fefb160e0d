import { loadKnowledgeBaseOrThrow, type LoadOptions } from '../../seed/load';
import type { Problem } from '../../seed/problems';
import { MemoryStore } from './index';
import { startSearchBuild, type PendingSearch } from './search-build';

export interface OpenTimings {
  /** Reading and validating the files. */
  loadMs: number;
  /** Building the store's indexes on this thread. */
  storeMs: number;
  /** Then waiting for the search index from its worker (0 when it was ready, or built here). */
  searchWaitMs: number;
  searchOnWorker: boolean;
}

/**
 * The embedded store built from seed folders, as `kg serve` and the benchmark build it: the
 * loader reads and validates every file (throwing SeedValidationError with every problem), and
 * on a large graph the search index is built on a worker thread from the moment the entities
 * are read, while the main thread loads the relations and builds the adjacency index. Resolves
 * once the store is whole (its search index included).
 */
export async function openMemoryStore(
  roots: string | string[],
  options: Omit<LoadOptions, 'onEntitiesRead'> & { searchWorkerMinSpellings?: number } = {},
): Promise<{ store: MemoryStore; problems: Problem[]; timings: OpenTimings }> {
  const { searchWorkerMinSpellings, ...loadOptions } = options;
  let search: PendingSearch | undefined;
  try {
    const started = performance.now();
    const { kb, problems } = loadKnowledgeBaseOrThrow(roots, {
      ...loadOptions,
      onEntitiesRead: (entities) => {
        search = startSearchBuild(
          entities,
          searchWorkerMinSpellings === undefined ? {} : { minSpellings: searchWorkerMinSpellings },
        );
      },
    });
    const loaded = performance.now();
    const store = new MemoryStore(kb, search ? { search } : {});
    const built = performance.now();
    await store.ready();
    const ready = performance.now();
    return {
      store,
      problems,
      timings: {
        loadMs: loaded - started,
        storeMs: built - loaded,
        searchWaitMs: ready - built,
        searchOnWorker: search !== undefined,
      },
    };
  } catch (err) {
    search?.cancel();
    throw err;
  }
}
