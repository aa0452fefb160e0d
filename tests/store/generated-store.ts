import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { generateSeed } from '../../src/bench/generate';
import { loadKnowledgeBaseOrThrow } from '../../src/seed/load';
import { MemoryStore } from '../../src/store/memory';
import type { GraphFilters } from '../../src/store/port';

/**
 * Filter sets that together exercise every filter of a query: types in and out, kinds, statuses,
 * a date (asOf), what was known by a date (knownBy), and a combination.
 */
export const FILTER_SETS: GraphFilters[] = [
  {},
  { types: ['targets', 'allied-with', 'part-of'] },
  { excludeTypes: ['responds-to', 'located-in'] },
  { kinds: ['MilitantGroup', 'Person', 'State'] },
  { status: ['alleged', 'denied'] },
  { asOf: '2012-06' },
  { knownBy: '2016' },
  { types: ['supports', 'funds', 'harbors', 'opposes'], asOf: '2015', status: ['reported'] },
];

/**
 * An embedded store over a generated 400-entity knowledge base (heavy-tailed, several files),
 * built before the file's tests and its files removed after them. Call at the top of a test file;
 * the returned function gives the store.
 */
export function useGeneratedStore(seed: number): () => MemoryStore {
  let dir: string | undefined;
  let store: MemoryStore | undefined;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kg-generated-'));
    generateSeed({ nodes: 400, edgesPerNode: 3, seed, outDir: dir, entitiesPerFile: 150, relationsPerFile: 500 });
    store = new MemoryStore(loadKnowledgeBaseOrThrow(dir).kb);
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (!store) throw new Error('useGeneratedStore: the store is built in beforeAll; read it inside a test');
    return store;
  };
}
