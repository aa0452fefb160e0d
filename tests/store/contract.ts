import Graph from 'graphology';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/model';
import type { GraphStore } from '../../src/store/port';
import { Neo4jRequiredError, UnknownEntityError } from '../../src/model/errors';
import { fixtureKnowledgeBase, FIXTURE_RELATIONS } from './fixture';

/**
 * The store contract: one set of tests every GraphStore must pass, written once. `makeStore`
 * returns a store holding exactly the given knowledge base (for Neo4j: after syncing it in), and
 * may be called again to re-seed.
 */
export type MakeStore = (kb: KnowledgeBase) => Promise<GraphStore>;

const keys = (g: { nodes: { key: string }[] }) => g.nodes.map((n) => n.key).sort();

export function describeStoreContract(name: string, makeStore: MakeStore, skip: string | false = false): void {
  describe.skipIf(skip !== false)(`store contract: ${name}`, () => {
    let store: GraphStore;
    beforeAll(async () => {
      store = await makeStore(fixtureKnowledgeBase());
    });
    afterAll(async () => {
      await store?.close();
    });

    it('reports its kind and what it holds in health', async () => {
      expect(await store.health()).toMatchObject({ ok: true, store: store.kind, entities: 6, relations: 7 });
    });

    it('counts entities, relations and sources per kind, type and status', async () => {
      const s = await store.stats();
      expect(s).toMatchObject({
        entities: 6,
        relations: 7,
        sources: 2,
        byKind: { MilitantGroup: 4, Event: 1, State: 1 },
        byType: { 'allied-with': 1, targets: 2, funds: 2, 'carried-out': 1, 'located-in': 1 },
        byStatus: { reported: 5, alleged: 1, denied: 1 },
      });
      expect(s.datedShare).toBeCloseTo(1 / 7);
    });

    describe('search', () => {
      it('is blind to case and accents, and puts the exact name first, saying which spelling matched', async () => {
        expect((await store.search('NODE Á', { limit: 10 }))[0]).toMatchObject({
          id: 'a',
          name: 'Node A',
          kind: 'MilitantGroup',
          matched: 'Node A',
        });
        // "a" begins an alias of Node A and only sits inside "Pakistan": Node A ranks first.
        const hits = await store.search('a', { limit: 10 });
        expect(hits.map((h) => h.id)).toEqual(['a', 'f']);
        expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
      });
      it('finds aliases and demonyms, and names the spelling that matched', async () => {
        expect((await store.search('fronte', { limit: 5 }))[0]).toMatchObject({ id: 'a', matched: 'Ālpha Fronte' });
        expect((await store.search('af', { limit: 5 }))[0]).toMatchObject({ id: 'a', matched: 'AF' });
        expect((await store.search('pakistani', { limit: 5 }))[0]).toMatchObject({ id: 'f', matched: 'Pakistani' });
        expect((await store.search('pak', { limit: 5 }))[0]).toMatchObject({ id: 'f', matched: 'Pakistan' });
      });
      it('treats transliteration variants as one spelling on every store (searchKey)', async () => {
        expect((await store.search('Paakistaan', { limit: 5 }))[0]).toMatchObject({ id: 'f', matched: 'Pakistan' });
        expect((await store.search('alpha-fronte', { limit: 5 }))[0]).toMatchObject({
          id: 'a',
          matched: 'Ālpha Fronte',
        });
      });
      it('filters by kind, honours the limit, and returns nothing for an empty or unmatched query', async () => {
        expect(await store.search('node', { limit: 10 })).toHaveLength(5);
        expect((await store.search('node', { limit: 10, kind: 'Event' })).map((h) => h.id)).toEqual(['e']);
        expect(await store.search('node', { limit: 2 })).toHaveLength(2);
        expect(await store.search('  !! ', { limit: 10 })).toEqual([]);
        expect(await store.search('zzzz', { limit: 10 })).toEqual([]);
      });
    });

    describe('entity', () => {
      it('keeps an allegation and its denial as two relations, each with cited evidence', async () => {
        const a = await store.getEntity('a');
        expect(a).toMatchObject({
          id: 'a',
          kind: 'MilitantGroup',
          name: 'Node A',
          aliases: ['AF', 'Ālpha Fronte'],
          degree: 3,
        });
        const funds = a!.relations.funds!;
        expect(funds.map((r) => r.status).sort()).toEqual(['alleged', 'denied']);
        const alleged = funds.find((r) => r.status === 'alleged')!;
        expect(alleged).toMatchObject({
          from: 'a',
          to: 'd',
          direction: 'outgoing',
          assertedBy: ['b'],
          other: { id: 'd', name: 'Node D', kind: 'MilitantGroup' },
        });
        expect(alleged.evidence).toEqual([
          { source: 'src-b', paragraph: 1, title: 'Source B', publisher: 'Press B', published: '2025-02' },
        ]);
        expect(a!.relations['allied-with']![0]).toMatchObject({ since: '2020', until: '2022-11' });
      });
      it('shows relations in both directions, with their properties', async () => {
        const c = await store.getEntity('c');
        expect(c!.degree).toBe(3);
        const incoming = c!.relations.targets!.find((r) => r.direction === 'incoming')!;
        expect(incoming).toMatchObject({ from: 'b', to: 'c', credibility: 2, other: { id: 'b' } });
        expect(incoming.evidence[0]).toMatchObject({ paragraph: 2, note: 'a note' });
      });
      it('keeps facts and mentions', async () => {
        const f = await store.getEntity('f');
        expect(f).toMatchObject({
          demonyms: ['Pakistani'],
          facts: [{ name: 'fighters', value: 100, source: 'src-b', paragraph: 2 }],
          mentions: [{ source: 'src-b', paragraph: 1 }],
        });
      });
      it('returns null for an unknown id', async () => {
        expect(await store.getEntity('zzz')).toBeNull();
      });
    });

    describe('neighbourhood', () => {
      it('grows with depth, in both directions, as a graph Graph.from reads', async () => {
        const d1 = await store.neighborhood('b', { depth: 1, limit: 100 });
        expect(keys(d1!.graph)).toEqual(['a', 'b', 'c']);
        expect(d1!.counts).toMatchObject({
          nodes: 3,
          edges: 2,
          reachable: 3,
          byType: { 'allied-with': 1, targets: 1 },
        });
        const d2 = await store.neighborhood('b', { depth: 2, limit: 100 });
        expect(keys(d2!.graph)).toEqual(['a', 'b', 'c', 'd', 'e']);
        const g = Graph.from(d2!.graph as never);
        expect(g.size).toBe(6);
        expect(g.getAttribute('sources')).toHaveLength(2);
        expect(g.getNodeAttribute('a', 'name')).toBe('Node A');
        const d3 = await store.neighborhood('b', { depth: 3, limit: 100 });
        expect(keys(d3!.graph)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
      });
      it('caps the nodes and says so, still counting what is reachable', async () => {
        const r = await store.neighborhood('b', { depth: 2, limit: 2 });
        expect(r!.graph.nodes).toHaveLength(2);
        expect(r!.graph.nodes.map((n) => n.key)).toContain('b');
        expect(r!.truncated).toBe(true);
        expect(r!.counts.reachable).toBe(5);
        expect((await store.neighborhood('b', { depth: 2, limit: 5 }))!.truncated).toBe(false);
      });
      it('filters by relation type, excluded type, status and kind', async () => {
        expect(keys((await store.neighborhood('c', { depth: 1, limit: 100, types: ['targets'] }))!.graph)).toEqual([
          'b',
          'c',
          'd',
        ]);
        expect(
          keys((await store.neighborhood('c', { depth: 1, limit: 100, excludeTypes: ['targets'] }))!.graph),
        ).toEqual(['c', 'e']);
        const denied = await store.neighborhood('a', { depth: 1, limit: 100, status: ['denied'] });
        expect(denied!.graph.edges.map((e) => e.attributes!.status)).toEqual(['denied']);
        expect(denied!.counts.byType).toEqual({ funds: 1 });
        const groups = await store.neighborhood('c', { depth: 2, limit: 100, kinds: ['MilitantGroup'] });
        expect(keys(groups!.graph)).toEqual(['a', 'b', 'c', 'd']);
        // The focus stays even when its own kind is filtered out.
        expect(keys((await store.neighborhood('c', { depth: 1, limit: 100, kinds: ['Event'] }))!.graph)).toEqual([
          'c',
          'e',
        ]);
      });
      it('reads partial as-of dates generously: a month or year covers all its days', async () => {
        const types = async (asOf: string) =>
          (await store.neighborhood('a', { depth: 1, limit: 100, asOf }))!.graph.edges
            .map((e) => e.attributes!.type)
            .sort();
        expect(await types('2022')).toContain('allied-with');
        expect(await types('2022-11-30')).toContain('allied-with');
        expect(await types('2022-12')).not.toContain('allied-with');
        expect(await types('2019')).toEqual(['funds', 'funds']);
        const nodes = async (asOf: string) =>
          keys((await store.neighborhood('c', { depth: 1, limit: 100, asOf }))!.graph);
        expect(await nodes('2024')).toContain('e');
        expect(await nodes('2024-03-01')).toContain('e');
        expect(await nodes('2024-02')).not.toContain('e');
      });
      it('keeps only evidence published by knownBy, and drops relations left without any', async () => {
        const known = await store.neighborhood('a', { depth: 1, limit: 100, knownBy: '2024-12' });
        expect(known!.graph.edges.map((e) => e.attributes!.status).sort()).toEqual(['denied', 'reported']);
        // Source A is dated 2024 alone: it is known by the last day of 2024, not before (issue 16).
        for (const before of ['2024-01-01', '2024-11', '2024-12-30', '2023']) {
          const r = await store.neighborhood('a', { depth: 1, limit: 100, knownBy: before });
          expect(r!.graph.edges, before).toEqual([]);
          expect((await store.graph({ knownBy: before })).edges, before).toEqual([]);
          expect(
            (await store.paths('a', 'c', { maxHops: 3, k: 1, directed: false, knownBy: before })).paths,
            before,
          ).toEqual([]);
        }
        expect(
          (await store.neighborhood('a', { depth: 1, limit: 100, knownBy: '2024-12-31' }))!.graph.edges,
        ).toHaveLength(2);
        expect(
          (await store.graph({ knownBy: '2024' })).edges
            .map((e) => e.attributes!.evidence.map((c) => c.source).join())
            .sort(),
        ).toEqual(['src-a', 'src-a', 'src-a', 'src-a', 'src-a']);
        // Source B is dated 2025-02: known by the end of February.
        expect((await store.graph({ knownBy: '2025-02-27' })).edges).toHaveLength(5);
        expect((await store.graph({ knownBy: '2025-02' })).edges).toHaveLength(7);
        const located = await store.neighborhood('e', { depth: 1, limit: 100, knownBy: '2024' });
        const edge = located!.graph.edges.find((e) => e.attributes!.type === 'located-in')!;
        expect(edge.attributes!.evidence.map((c) => c.source)).toEqual(['src-a']);
        const later = await store.neighborhood('e', { depth: 1, limit: 100, knownBy: '2025-02' });
        expect(later!.graph.edges.find((e) => e.attributes!.type === 'located-in')!.attributes!.evidence).toHaveLength(
          2,
        );
      });
      it('returns null for an unknown id', async () => {
        expect(await store.neighborhood('zzz', { depth: 1, limit: 10 })).toBeNull();
      });
    });

    describe('paths', () => {
      it('finds the k shortest routes, shortest first, parallel claims together on one hop, each hop explained', async () => {
        // Two routes: a-d directly (over two claims: an allegation and its denial) and a-b-c-d.
        const r = await store.paths('a', 'd', { maxHops: 4, k: 3, directed: false });
        expect(r.paths.map((p) => p.nodes)).toEqual([
          ['a', 'd'],
          ['a', 'b', 'c', 'd'],
        ]);
        const hop = r.paths[0]!.hops[0]!;
        // Every claim between the two, in key order, each with its status, asserters and citations.
        expect(
          hop.claims.map((c) => [c.edge, c.status, c.assertedBy, c.evidence.map((e) => `${e.source} ¶${e.paragraph}`)]),
        ).toEqual([
          ['a--funds--d--alleged--by-b', 'alleged', ['b'], ['src-b ¶1']],
          ['a--funds--d--denied--by-a', 'denied', ['a'], ['src-a ¶3']],
        ]);
        expect(hop.claims.map((c) => c.direction)).toEqual(['forward', 'forward']);
        // The hop keeps its strongest claim at the top (an allegation costs less than a denial).
        expect(hop).toMatchObject({
          edge: 'a--funds--d--alleged--by-b',
          from: 'a',
          to: 'd',
          type: 'funds',
          direction: 'forward',
          status: 'alleged',
        });
        expect(hop.evidence).toEqual([
          { source: 'src-b', paragraph: 1, title: 'Source B', publisher: 'Press B', published: '2025-02' },
        ]);
        expect(r.paths[0]!.edges).toEqual(['a--funds--d--alleged--by-b']);
        // Its sentence says the claims disagree.
        expect(hop.sentence).toBe(
          'Sources disagree: Node A funds Node D [alleged by Node B] (Source B, ¶1); Node A funds Node D [denied by Node A] (Source A, ¶3)',
        );
        const longest = r.paths[1]!;
        expect(longest.hops[1]!.sentence).toBe('Node B targets Node C (Source A, ¶2)');
        expect(longest.hops[1]!.claims).toHaveLength(1);
        // Weighted, a hop costs its cheapest claim: the allegation's 2, not the denial's 3.
        const weighted = await store.paths('a', 'd', { maxHops: 4, k: 3, directed: false, weighted: true });
        expect(weighted.paths.map((p) => [p.nodes.join('-'), p.cost])).toEqual([
          ['a-d', 2],
          ['a-b-c-d', 3],
        ]);
      });
      it('respects direction when asked, and explains an empty answer', async () => {
        const r = await store.paths('d', 'b', { maxHops: 4, k: 1, directed: true });
        expect(r.paths).toEqual([]);
        expect(r.reason).toMatch(/no path of at most 4 hops following relation directions/);
        // Two routes of two hops (d-a-b and d-c-b): the tie goes to the moves whose relation keys
        // come first (src/model/order.ts), a--funds--d before c--targets--d.
        const back = await store.paths('d', 'b', { maxHops: 4, k: 1, directed: false });
        expect(back.paths[0]!.nodes).toEqual(['d', 'a', 'b']);
        expect(back.paths[0]!.hops.map((h) => h.direction)).toEqual(['backward', 'forward']);
      });
      it('bounds paths by maxHops and applies the filters to every hop', async () => {
        expect((await store.paths('a', 'f', { maxHops: 3, k: 3, directed: false })).paths).toEqual([]);
        const four = await store.paths('a', 'f', { maxHops: 4, k: 1, directed: false });
        expect(four.paths[0]!.nodes).toHaveLength(5);
        expect(four.paths[0]!.nodes.slice(2)).toEqual(['c', 'e', 'f']);
        const reported = await store.paths('a', 'd', { maxHops: 4, k: 3, directed: false, status: ['reported'] });
        expect(reported.paths.map((p) => p.nodes)).toEqual([['a', 'b', 'c', 'd']]);
        const before = await store.paths('a', 'd', { maxHops: 4, k: 3, directed: false, asOf: '2023' });
        expect(before.paths.map((p) => p.nodes)).toEqual([['a', 'd']]);
        // A filter that leaves one of a hop's claims leaves the hop with that one.
        const denied = await store.paths('a', 'd', { maxHops: 4, k: 3, directed: false, status: ['denied'] });
        expect(denied.paths.map((p) => p.hops[0]!.claims.map((c) => c.status))).toEqual([['denied']]);
        expect(denied.paths[0]!.hops[0]!.sentence).toBe('Node A funds Node D [denied by Node A] (Source A, ¶3)');
      });
      it('throws UnknownEntityError naming the missing end, and refuses a path to itself', async () => {
        await expect(store.paths('a', 'zzz', { maxHops: 3, k: 1, directed: false })).rejects.toMatchObject({
          name: 'UnknownEntityError',
          id: 'zzz',
          param: 'to',
        });
        await expect(store.paths('zzz', 'a', { maxHops: 3, k: 1, directed: false })).rejects.toBeInstanceOf(
          UnknownEntityError,
        );
        expect((await store.paths('a', 'a', { maxHops: 3, k: 1, directed: false })).reason).toMatch(/same entity/);
      });
    });

    describe('whole graph', () => {
      it('exports every entity and relation with the sources, readable by Graph.from', async () => {
        const json = await store.graph();
        const g = Graph.from(json as never);
        expect(g.order).toBe(6);
        expect(g.size).toBe(7);
        expect(g.multi).toBe(true);
        expect(g.getAttribute('sources').map((s: { id: string }) => s.id)).toEqual(['src-a', 'src-b']);
        const targets = json.edges.find((e) => e.source === 'b' && e.target === 'c')!;
        expect(targets.attributes).toEqual({
          type: 'targets',
          status: 'reported',
          assertedBy: [],
          credibility: 2,
          evidence: [{ source: 'src-a', paragraph: 2, note: 'a note' }],
        });
        const e = json.nodes.find((n) => n.key === 'e')!;
        expect(e.attributes).toMatchObject({ kind: 'Event', since: '2024-03', aliases: [], facts: [] });
      });
      it('applies the same filters', async () => {
        const g = await store.graph({ kinds: ['MilitantGroup'], status: ['reported'] });
        expect(keys(g)).toEqual(['a', 'b', 'c', 'd']);
        expect(g.edges).toHaveLength(3);
        expect(keys(await store.graph({ asOf: '2024-01' }))).not.toContain('e');
      });
    });

    describe('sources', () => {
      it('lists the sources with the number of citations to each', async () => {
        const list = await store.sources();
        expect(list.map((s) => [s.id, s.citations])).toEqual([
          ['src-a', 5],
          ['src-b', 5],
        ]);
        expect(list[1]).toMatchObject({ title: 'Source B', publisher: 'Press B', published: '2025-02', file: 'b.txt' });
      });
      it('shows what one source supports, and null for an unknown source', async () => {
        const b = await store.source('src-b');
        expect(b!.relations.map((r) => `${r.from} ${r.type} ${r.to} ${r.status}`).sort()).toEqual([
          'a funds d alleged',
          'c targets d reported',
          'e located-in f reported',
        ]);
        expect(b!.entities).toEqual([{ id: 'f', name: 'Pakistan', kind: 'State' }]);
        expect(b!.citations).toBe(5);
        expect(await store.source('zzz')).toBeNull();
      });
    });

    it('runs read-only Cypher on Neo4j, and says Neo4j is required on the embedded store', async () => {
      const options = { timeoutMs: 5000, maxRows: 2 };
      if (store.kind === 'memory') {
        await expect(store.runCypher('RETURN 1', {}, options)).rejects.toBeInstanceOf(Neo4jRequiredError);
        return;
      }
      const r = await store.runCypher(
        'MATCH (n:Entity)-[r]->(m:Entity) WHERE n.id IN $ids RETURN n, r, m.id AS to, 1 AS one ORDER BY r.key',
        { ids: ['a', 'c'] },
        options,
      );
      expect(r.columns).toEqual(['n', 'r', 'to', 'one']);
      expect(r.rows).toHaveLength(2);
      expect(r.truncated).toBe(true);
      expect(r.rows[0]![3]).toBe(1);
      const g = Graph.from(r.graph as never);
      expect(g.hasNode('a')).toBe(true);
      // Relationship ends the query did not return are fetched, so every edge can be drawn.
      const ends = await store.runCypher('MATCH ()-[r:TARGETS]->() RETURN r', {}, { timeoutMs: 5000, maxRows: 10 });
      expect(keys(ends.graph)).toEqual(['b', 'c', 'd']);
    });

    it('re-seeding the same data changes nothing; a relation removed from the seed is gone', async () => {
      const before = { stats: await store.stats(), graph: await store.graph() };
      const again = await makeStore(fixtureKnowledgeBase());
      expect(await again.stats()).toEqual(before.stats);
      expect(keys(await again.graph())).toEqual(keys(before.graph));
      const withoutDenial = FIXTURE_RELATIONS.split('\n')
        .filter((l) => !l.includes('status: denied'))
        .join('\n');
      const smaller = await makeStore(fixtureKnowledgeBase(withoutDenial));
      expect((await smaller.stats()).relations).toBe(6);
      expect((await smaller.getEntity('a'))!.relations.funds!.map((r) => r.status)).toEqual(['alleged']);
      await again.close();
      await smaller.close();
      // Leave the store as the other tests expect it.
      const restored = await makeStore(fixtureKnowledgeBase());
      expect(await restored.stats()).toEqual(before.stats);
      await restored.close();
    });
  });
}
