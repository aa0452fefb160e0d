import { beforeAll, describe, expect, it } from 'vitest';
import { ElementBytes } from '../../src/api/answer-json';
import { Prng } from '../../src/bench/prng';
import type { NeighborhoodResult } from '../../src/model';
import { MemoryStore } from '../../src/store/memory';
import { FILTER_SETS, useGeneratedStore } from '../store/generated-store';
import { fixtureKnowledgeBase } from '../store/fixture';

/**
 * The HTTP API writes a neighbourhood from each element's JSON bytes, written once per frozen
 * element. These tests hold those bytes to the definition: exactly JSON.stringify of the store's answer
 * (itself checked against a plain breadth-first search in memory-traversal.test.ts), for every
 * depth, cap and filter, and for answers made of fresh objects as the Neo4j store gives them.
 */
const elementBytes = new ElementBytes();
const text = (answer: NeighborhoodResult) => elementBytes.neighborhoodJson(answer).toString('utf8');
// Chunks of 300 bytes: one or two elements each, and many elements larger than a chunk.
const smallChunks = new ElementBytes(undefined, 300);
const generated = useGeneratedStore(13);
let store: MemoryStore;
beforeAll(() => {
  store = generated();
});

describe('neighbourhood JSON bytes', () => {
  it('are JSON.stringify of the neighbourhood answer for every depth, cap and filter, twice', async () => {
    const rng = new Prng(3);
    const ids = store.entities().ids;
    const focus = [ids[0]!, ids[1]!, ...Array.from({ length: 12 }, () => rng.pick(ids))];
    let compared = 0;
    let truncated = 0;
    for (const id of focus) {
      for (const filters of FILTER_SETS) {
        for (const depth of [1, 2, 3]) {
          for (const limit of [1, 7, 60, 5000]) {
            const options = { ...filters, depth, limit };
            const answer = (await store.neighborhood(id, options))!;
            const expected = JSON.stringify(answer);
            // The second time from the written bytes.
            expect(text(answer), `${id} ${JSON.stringify(options)}`).toBe(expected);
            expect(text((await store.neighborhood(id, options))!)).toBe(expected);
            expect(smallChunks.neighborhoodJson(answer).toString('utf8')).toBe(expected);
            // Fresh objects, as Neo4j answers: the same text.
            expect(text(structuredClone(answer))).toBe(expected);
            if (answer.truncated) truncated++;
            compared++;
          }
        }
      }
    }
    expect(compared).toBe(focus.length * FILTER_SETS.length * 12);
    // Not vacuous: both truncated and whole answers were compared.
    expect(truncated).toBeGreaterThan(50);
    expect(truncated).toBeLessThan(compared);
  });

  it('keep non-ASCII text intact (names, aliases, notes)', async () => {
    const small = new MemoryStore(fixtureKnowledgeBase());
    for (const id of small.entities().ids) {
      for (const depth of [1, 3]) {
        const answer = (await small.neighborhood(id, { depth, limit: 500 }))!;
        expect(text(answer)).toBe(JSON.stringify(answer));
      }
    }
    expect(text((await small.neighborhood('a', { depth: 1, limit: 500 }))!)).toContain('Ālpha Fronte');
  });

  it('are written from elements the store shares frozen, so a caller cannot change the store', async () => {
    const first = (await store.neighborhood(store.entities().ids[0]!, { depth: 1, limit: 500 }))!;
    const node = first.graph.nodes[0]!;
    expect(Object.isFrozen(node) && Object.isFrozen(node.attributes)).toBe(true);
    expect(() => Object.assign(node.attributes!, { name: 'changed' })).toThrow(TypeError);
    const again = (await store.neighborhood(store.entities().ids[0]!, { depth: 1, limit: 500 }))!;
    expect(again.graph.nodes[0]).toBe(node);
  });
});
