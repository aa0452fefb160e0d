import { adjacencyOf } from '../support/adjacency';
import { beforeAll, describe, expect, it } from 'vitest';
import { Prng } from '../../src/bench/prng';
import { FILTER_SETS, useGeneratedStore } from './generated-store';
import { MemoryStore } from '../../src/store/memory';
import { ElementJson } from '../../src/store/memory/element-json';
import { fixtureKnowledgeBase } from './fixture';

/**
 * The HTTP API sends neighbourhoods as bytes assembled from each entity's and relation's JSON,
 * written once per store. These tests hold those bytes to the definition: exactly
 * JSON.stringify of the neighbourhood answer (itself checked against a plain breadth-first search
 * in memory-traversal.test.ts), for every depth, cap and filter.
 */
const FILTERS = FILTER_SETS;

const generated = useGeneratedStore(13);
let store: MemoryStore;
beforeAll(() => {
  store = generated();
});

describe('neighbourhood JSON bytes', () => {
  it('are JSON.stringify of the neighbourhood answer for every depth, cap and filter', async () => {
    const rng = new Prng(3);
    const ids = store.kg.nodes();
    const focus = [ids[0]!, ids[1]!, ...Array.from({ length: 12 }, () => rng.pick(ids))];
    let compared = 0;
    let truncated = 0;
    for (const id of focus) {
      for (const filters of FILTERS) {
        for (const depth of [1, 2, 3]) {
          for (const limit of [1, 7, 60, 5000]) {
            const options = { ...filters, depth, limit };
            const expected = JSON.stringify(await store.neighborhood(id, options));
            const bytes = store.neighborhoodJson(id, options);
            expect(bytes?.toString('utf8'), `${id} ${JSON.stringify(options)}`).toBe(expected);
            if (expected.includes('"truncated":true')) truncated++;
            compared++;
          }
        }
      }
    }
    expect(compared).toBe(focus.length * FILTERS.length * 12);
    // Not vacuous: both truncated and whole answers were compared.
    expect(truncated).toBeGreaterThan(50);
    expect(truncated).toBeLessThan(compared);
  });

  it('keep non-ASCII text intact (names, aliases, notes) and know unknown entities', async () => {
    const small = new MemoryStore(fixtureKnowledgeBase());
    for (const id of small.kg.nodes()) {
      for (const depth of [1, 3]) {
        const bytes = small.neighborhoodJson(id, { depth, limit: 500 })!;
        expect(bytes.toString('utf8')).toBe(JSON.stringify(await small.neighborhood(id, { depth, limit: 500 })));
      }
    }
    expect(small.neighborhoodJson('a', { depth: 1, limit: 500 })!.toString('utf8')).toContain('Ālpha Fronte');
    expect(small.neighborhoodJson('no-such-entity', { depth: 1, limit: 500 })).toBeNull();
  });

  it('hold every element exactly, also when they are spread over many chunks', () => {
    const adj = adjacencyOf(store.kg);
    // Chunks of 300 bytes: one or two elements each, and many elements larger than a chunk.
    const elements = new ElementJson(adj, 300);
    const entities = Array.from({ length: adj.order }, (_, i) => i).reverse();
    const relations = Array.from({ length: adj.edgeKeys.length }, (_, e) => e);
    const joined = elements.join('{"nodes":[', entities, '],"edges":[', relations, ']}').toString('utf8');
    const expected = JSON.stringify({
      nodes: entities.map((i) => ({ key: adj.ids[i], attributes: adj.nodeAttrs[i] })),
      edges: relations.map((e) => ({
        key: adj.edgeKeys[e],
        source: adj.ids[adj.edgeSource[e]!],
        target: adj.ids[adj.edgeTarget[e]!],
        attributes: adj.edgeAttrs[e],
      })),
    });
    expect(joined).toBe(expected);
    expect(elements.size).toBe(
      Buffer.byteLength(expected) - '{"nodes":[],"edges":[]}'.length - (entities.length - 1) - (relations.length - 1),
    );
    expect(new ElementJson(adj, 1000).join('[', [], '', [], ']').toString()).toBe('[]');
  });
});
