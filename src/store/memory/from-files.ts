import { loadKnowledgeBaseOrThrow, type LoadOptions } from '../../seed';
import { MemoryStore } from './index';

/**
 * The embedded store built from seed folders, as `kg serve` and the benchmark build it (a seed
 * error throws SeedValidationError listing every problem), timing the file reading and the indexing.
 */
export async function openMemoryStore(roots: string | string[], options: LoadOptions = {}) {
  const started = performance.now();
  const { kb, problems } = loadKnowledgeBaseOrThrow(roots, options);
  const loaded = performance.now();
  const store = new MemoryStore(kb);
  return { store, problems, timings: { loadMs: loaded - started, storeMs: performance.now() - loaded } };
}
