import { loadKnowledgeBaseOrThrow, type LoadOptions, type Problem } from '../../seed';
import { MemoryStore } from './index';

export interface OpenTimings {
  /** Reading and validating the files. */
  loadMs: number;
  /** Building the store's indexes. */
  storeMs: number;
}

/**
 * The embedded store built from seed folders, as `kg serve` and the benchmark build it: the
 * loader reads and validates every file (throwing SeedValidationError with every problem).
 */
export async function openMemoryStore(
  roots: string | string[],
  options: LoadOptions = {},
): Promise<{ store: MemoryStore; problems: Problem[]; timings: OpenTimings }> {
  const started = performance.now();
  const { kb, problems } = loadKnowledgeBaseOrThrow(roots, options);
  const loaded = performance.now();
  const store = new MemoryStore(kb);
  return { store, problems, timings: { loadMs: loaded - started, storeMs: performance.now() - loaded } };
}
