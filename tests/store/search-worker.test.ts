import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSeed } from '../../src/bench/generate';
import { Prng } from '../../src/bench/prng';
import type { Entity } from '../../src/model';
import { loadKnowledgeBaseOrThrow } from '../../src/seed/load';
import { SeedValidationError } from '../../src/seed/problems';
import { MemoryStore } from '../../src/store/memory';
import { openMemoryStore } from '../../src/store/memory/from-files';
import { buildSearchDataInWorker, startSearchBuild } from '../../src/store/memory/search-build';
import { buildSearchData, spellingsOf } from '../../src/store/memory/search-data';
import { SEED_DIR } from '../support/paths';

/**
 * On a large graph the search index is built on a worker thread while the relations load
 * (openMemoryStore). These tests hold that path to the plain one: the same index data, the same
 * answers, nothing left running when the load fails, and a failed worker costing time only.
 */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kg-search-worker-'));
  generateSeed({ nodes: 600, edgesPerNode: 3, seed: 31, outDir: dir, entitiesPerFile: 200, relationsPerFile: 600 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Queries drawn from the graph's own spellings: whole names, prefixes, words, typos. */
function queriesFor(entities: readonly Entity[], count: number): string[] {
  const rng = new Prng(4);
  return Array.from({ length: count }, () => {
    const e = entities[rng.int(entities.length)]!;
    const spelling = rng.chance(0.3) && e.aliases.length > 0 ? rng.pick(e.aliases) : e.name;
    switch (rng.int(4)) {
      case 0:
        return spelling;
      case 1:
        return spelling.slice(0, 2 + rng.int(6));
      case 2:
        return rng.pick(spelling.split(' '));
      default: {
        const at = rng.int(spelling.length);
        return spelling.slice(0, at) + spelling.slice(at + 1);
      }
    }
  });
}

describe('search index built on a worker thread', () => {
  it('the loader hands over the entities once: the list the knowledge base holds, complete', () => {
    const seen: number[] = [];
    let list: readonly Entity[] | undefined;
    const { kb } = loadKnowledgeBaseOrThrow(dir, {
      onEntitiesRead: (entities) => {
        list = entities;
        seen.push(entities.length);
      },
    });
    expect(seen).toEqual([kb.entities.length]);
    // The very list the knowledge base holds: entity numbers in the index are the store's.
    expect(list).toBe(kb.entities);
  });

  it('gives exactly the data the calling thread builds, array for array', async () => {
    for (const root of [SEED_DIR, dir]) {
      const { labels } = spellingsOf(loadKnowledgeBaseOrThrow(root).kb.entities);
      const fromWorker = await buildSearchDataInWorker(labels).data;
      expect(fromWorker, root).toEqual(buildSearchData(labels));
      expect(fromWorker.entryName.length).toBeGreaterThan(labels.length);
    }
  });

  it('a store opened with the worker answers every search as one built on the calling thread', async () => {
    for (const root of [SEED_DIR, dir]) {
      const { kb } = loadKnowledgeBaseOrThrow(root);
      const plain = new MemoryStore(kb);
      const opened = await openMemoryStore(root, { searchWorkerMinSpellings: 0 });
      expect(opened.timings.searchOnWorker).toBe(true);
      let hits = 0;
      for (const query of queriesFor(kb.entities, 300)) {
        for (const options of [{ limit: 10 }, { limit: 3, kind: kb.entities[0]!.kind }]) {
          const expected = await plain.search(query, options);
          hits += expected.length;
          expect(await opened.store.search(query, options), `${root}: ${query}`).toEqual(expected);
        }
      }
      expect(hits).toBeGreaterThan(300);
    }
  });

  it('answers searches asked before the worker has finished', async () => {
    const { kb } = loadKnowledgeBaseOrThrow(dir);
    const store = new MemoryStore(kb, { search: startSearchBuild(kb.entities, { minSpellings: 0 })! });
    const name = kb.entities[42]!.name;
    // Asked at once, while the worker is still starting: the answer waits for the index.
    const hits = await store.search(name, { limit: 5 });
    expect(hits[0]).toMatchObject({ name, score: expect.any(Number) });
  });

  it('a cancelled build stops its worker and builds nothing in its place', async () => {
    const { kb } = loadKnowledgeBaseOrThrow(dir);
    const pending = startSearchBuild(kb.entities, { minSpellings: 0 })!;
    pending.cancel();
    await expect(pending.data).rejects.toThrow(/exited/);
  });

  it('reports every problem when the load fails after the worker has started', async () => {
    const broken = mkdtempSync(path.join(tmpdir(), 'kg-search-worker-broken-'));
    try {
      cpSync(dir, broken, { recursive: true });
      // A relation to an entity that does not exist: found after the entities have been read.
      writeFileSync(
        path.join(broken, 'relations', 'zz-broken.yaml'),
        '- type: allied-with\n  from: no-such-entity\n  to: no-such-other\n  evidence:\n    - source: s1\n      paragraph: 1\n',
      );
      const failure = await openMemoryStore(broken, { searchWorkerMinSpellings: 0 }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(SeedValidationError);
      expect((failure as SeedValidationError).problems.map((p) => p.message)).toContain(
        'unknown entity "no-such-entity"',
      );
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });

  it('falls back to the calling thread when the worker fails', async () => {
    const { kb } = loadKnowledgeBaseOrThrow(dir);
    const crashing = new URL('data:text/javascript,throw new Error("no worker today")');
    const pending = startSearchBuild(kb.entities, { minSpellings: 0, workerUrl: crashing })!;
    await expect(buildSearchDataInWorker(pending.spellings.labels, crashing).data).rejects.toThrow(/no worker today/);
    expect(await pending.data).toEqual(buildSearchData(pending.spellings.labels));

    // A worker that cannot even be created (here: a URL no worker can load) is a failure like any other.
    const unstartable = new URL('https://example.com/no-worker.mjs');
    await expect(buildSearchDataInWorker(pending.spellings.labels, unstartable).data).rejects.toThrow(
      /could not start/,
    );
    expect(await startSearchBuild(kb.entities, { minSpellings: 0, workerUrl: unstartable })!.data).toEqual(
      buildSearchData(pending.spellings.labels),
    );
  });
});
