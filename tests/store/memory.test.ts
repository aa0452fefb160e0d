import Graph from 'graphology';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBaseOrThrow } from '../../src/seed/load';
import { MemoryStore } from '../../src/store/memory';
import { UnknownEntityError } from '../../src/store/port';
import { miniSeed } from '../support/seed-fixture';

/** A small graph with a known shape: a chain a-b-c-d, a shortcut a-d that is alleged, and dates. */
const ENTITIES = ['a', 'b', 'c', 'd', 'e']
  .map((id) => `- id: ${id}\n  kind: ${id === 'e' ? 'Event' : 'MilitantGroup'}\n  name: Node ${id.toUpperCase()}\n  description: test\n${id === 'e' ? '  since: 2024-03\n' : ''}`)
  .join('');
const RELATIONS = `
- { type: allied-with, from: a, to: b, since: 2020, until: 2022-11, evidence: [{ source: src-a, paragraph: 1 }] }
- { type: targets, from: b, to: c, evidence: [{ source: src-a, paragraph: 2 }] }
- { type: targets, from: c, to: d, evidence: [{ source: src-b, paragraph: 1 }] }
- { type: funds, from: a, to: d, status: alleged, assertedBy: [b], evidence: [{ source: src-b, paragraph: 1 }] }
- { type: funds, from: a, to: d, status: denied, assertedBy: [a], evidence: [{ source: src-a, paragraph: 3 }] }
- { type: carried-out, from: c, to: e, evidence: [{ source: src-a, paragraph: 1 }] }
`;
const SOURCES = `- { id: src-a, title: Source A, published: 2024-01, file: a.txt }\n- { id: src-b, title: Source B, published: 2025-02, file: b.txt }\n`;

let store: MemoryStore;
beforeAll(() => {
  const fx = miniSeed({ 'sources.yaml': SOURCES, 'entities/main.yaml': ENTITIES, 'relations/main.yaml': RELATIONS });
  store = new MemoryStore(loadKnowledgeBaseOrThrow(fx.dir).kb);
  fx.cleanup();
});

describe('embedded store', () => {
  it('keeps an allegation and its denial as two edges between the same pair', async () => {
    const entity = await store.getEntity('a');
    expect(entity?.relations.funds?.map((r) => r.status).sort()).toEqual(['alleged', 'denied']);
    expect(entity?.relations.funds?.[0]?.evidence[0]).toMatchObject({ title: expect.stringMatching(/Source/), published: expect.any(String) });
  });

  it('returns null for an unknown entity and throws a named error for unknown path ends', async () => {
    expect(await store.getEntity('zzz')).toBeNull();
    expect(await store.neighborhood('zzz', { depth: 1, limit: 10 })).toBeNull();
    await expect(store.paths('a', 'zzz', { maxHops: 3, k: 1, directed: false })).rejects.toBeInstanceOf(UnknownEntityError);
  });

  it('grows the neighbourhood with depth, in both directions', async () => {
    const d1 = await store.neighborhood('b', { depth: 1, limit: 100 });
    expect(d1!.graph.nodes.map((n) => n.key).sort()).toEqual(['a', 'b', 'c']);
    const d2 = await store.neighborhood('b', { depth: 2, limit: 100 });
    expect(d2!.graph.nodes.map((n) => n.key).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(Graph.from(d2!.graph as any).size).toBe(d2!.counts.edges);
  });

  it('caps a neighbourhood and says it did', async () => {
    const r = await store.neighborhood('b', { depth: 2, limit: 2 });
    expect(r!.graph.nodes).toHaveLength(2);
    expect(r!.truncated).toBe(true);
    expect(r!.counts.reachable).toBe(5);
  });

  it('filters by relation type, status, date and source publication', async () => {
    const onlyTargets = await store.neighborhood('c', { depth: 1, limit: 100, types: ['targets'] });
    expect(onlyTargets!.graph.nodes.map((n) => n.key).sort()).toEqual(['b', 'c', 'd']);
    const denied = await store.neighborhood('a', { depth: 1, limit: 100, status: ['denied'] });
    expect(denied!.graph.edges.map((e) => e.attributes!.status)).toEqual(['denied']);
    const in2023 = await store.neighborhood('a', { depth: 1, limit: 100, asOf: '2023-06' });
    expect(in2023!.graph.edges.map((e) => e.attributes!.type)).not.toContain('allied-with');
    const knownIn2024 = await store.neighborhood('a', { depth: 1, limit: 100, knownBy: '2024-12' });
    expect(knownIn2024!.graph.edges.map((e) => e.attributes!.status).sort()).toEqual(['denied', 'reported']);
    const beforeEvent = await store.neighborhood('c', { depth: 1, limit: 100, asOf: '2024-01' });
    expect(beforeEvent!.graph.nodes.map((n) => n.key)).not.toContain('e');
  });

  it('finds the k shortest paths, shortest first, each hop explained with its citation', async () => {
    const r = await store.paths('a', 'd', { maxHops: 4, k: 3, directed: false });
    expect(r.paths.map((p) => p.hops.length)).toEqual([1, 1, 3]);
    const longest = r.paths[2]!;
    expect(longest.nodes).toEqual(['a', 'b', 'c', 'd']);
    expect(longest.hops[1]!.sentence).toBe('Node B targets Node C (Source A, ¶2)');
    expect(r.paths[0]!.hops[0]!.sentence).toMatch(/^Node A funds Node D \[(alleged by Node B|denied by Node A)\]/);
  });

  it('respects direction when asked, and explains an empty answer', async () => {
    const r = await store.paths('d', 'b', { maxHops: 4, k: 1, directed: true });
    expect(r.paths).toEqual([]);
    expect(r.reason).toMatch(/no path of at most 4 hops following relation directions/);
    const back = await store.paths('d', 'b', { maxHops: 4, k: 1, directed: false });
    expect(back.paths[0]!.hops.map((h) => h.direction)).toEqual(['backward', 'backward']);
  });

  it('searches names and aliases regardless of case and accents, ranking exact matches first', async () => {
    const hits = await store.search('node', { limit: 10 });
    expect(hits).toHaveLength(5);
    const exact = await store.search('NODE Á', { limit: 10 });
    expect(exact[0]).toMatchObject({ id: 'a', matched: 'Node A' });
    expect(await store.search('node', { limit: 10, kind: 'Event' })).toHaveLength(1);
  });

  it('counts what it holds', async () => {
    const s = await store.stats();
    expect(s).toMatchObject({ entities: 5, relations: 6, sources: 2, byStatus: { reported: 4, alleged: 1, denied: 1 } });
    expect(s.datedShare).toBeCloseTo(1 / 6);
  });
});
