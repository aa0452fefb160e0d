import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MultiDirectedGraph } from 'graphology';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSeed } from '../../src/bench/generate';
import { Prng } from '../../src/bench/prng';
import type { EntityAttributes, GraphAttributes, RelationAttributes } from '../../src/seed/build-graph';
import { loadKnowledgeBaseOrThrow } from '../../src/seed/load';
import { MemoryStore } from '../../src/store/memory';
import { Adjacency } from '../../src/store/memory/adjacency';
import { FilterContext } from '../../src/store/memory/filters';
import { kShortestPaths } from '../../src/store/memory/paths';
import type { GraphFilters, GraphJson, NeighborhoodOptions } from '../../src/store/port';

/**
 * The embedded store answers neighbourhood and whole-graph queries from a compact index for speed.
 * These tests hold it to the straightforward definition (breadth-first over graphology, induced
 * subgraph by scanning every relation, graphology's own export), written out here as the
 * reference: same entities, same relations, same order, same counts, under every filter.
 */
function referenceSubgraph(store: MemoryStore, nodes: ReadonlySet<string>, ctx: FilterContext): GraphJson {
  const out = new MultiDirectedGraph<EntityAttributes, RelationAttributes, GraphAttributes>();
  out.replaceAttributes({ sources: store.kg.getAttribute('sources') });
  for (const n of nodes) out.addNode(n, store.kg.getNodeAttributes(n));
  store.kg.forEachEdge((edge, a, s, t) => {
    if (nodes.has(s) && nodes.has(t) && ctx.edgePasses(a)) out.addDirectedEdgeWithKey(edge, s, t, ctx.edgeView(a));
  });
  return out.export() as GraphJson;
}

function referenceNeighborhood(store: MemoryStore, id: string, options: NeighborhoodOptions) {
  const kg = store.kg;
  const ctx = new FilterContext(kg.getAttribute('sources'), options);
  const byType: Record<string, number> = {};
  kg.forEachEdge(id, (_e, a, s, _t, sa, ta) => {
    const other = s === id ? ta : sa;
    if (ctx.edgePasses(a) && ctx.nodePasses(other)) byType[a.type] = (byType[a.type] ?? 0) + 1;
  });
  const kept = new Set([id]);
  const seen = new Set([id]);
  let frontier = [id];
  let truncated = false;
  for (let d = 0; d < options.depth && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const node of frontier) {
      kg.forEachEdge(node, (_e, a, s, t, sa, ta) => {
        const other = s === node ? t : s;
        if (seen.has(other) || !ctx.edgePasses(a) || !ctx.nodePasses(s === node ? ta : sa)) return;
        seen.add(other);
        next.push(other);
        if (kept.size < options.limit) kept.add(other);
        else truncated = true;
      });
    }
    frontier = next;
  }
  const graph = referenceSubgraph(store, kept, ctx);
  return { graph, truncated, counts: { nodes: graph.nodes.length, edges: graph.edges.length, byType, reachable: seen.size } };
}

const FILTERS: GraphFilters[] = [
  {},
  { types: ['targets', 'allied-with', 'part-of'] },
  { excludeTypes: ['responds-to', 'located-in'] },
  { kinds: ['MilitantGroup', 'Person', 'State'] },
  { status: ['alleged', 'denied'] },
  { asOf: '2012-06' },
  { knownBy: '2016' },
  { types: ['supports', 'funds', 'harbors', 'opposes'], asOf: '2015', status: ['reported'] },
];

let dir: string;
let store: MemoryStore;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kg-traversal-'));
  generateSeed({ nodes: 400, edgesPerNode: 3, seed: 11, outDir: dir, entitiesPerFile: 150, relationsPerFile: 500 });
  store = new MemoryStore(loadKnowledgeBaseOrThrow(dir).kb);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('embedded store traversals match their definition', () => {
  it('neighbourhoods: same entities, relations, order, truncation and counts for every depth, cap and filter', async () => {
    const rng = new Prng(5);
    const ids = store.kg.nodes();
    // Hubs (the first entities) and ordinary entities alike.
    const focus = [ids[0]!, ids[1]!, ...Array.from({ length: 12 }, () => rng.pick(ids))];
    let compared = 0;
    for (const id of focus) {
      for (const filters of FILTERS) {
        for (const depth of [1, 2, 3]) {
          for (const limit of [1, 7, 60, 5000]) {
            const options = { ...filters, depth, limit };
            const ours = await store.neighborhood(id, options);
            expect(JSON.stringify(ours), `${id} ${JSON.stringify(options)}`).toBe(JSON.stringify(referenceNeighborhood(store, id, options)));
            compared++;
          }
        }
      }
    }
    expect(compared).toBe(focus.length * FILTERS.length * 12);
  });

  it('truncates hub neighbourhoods at the cap and still counts everything reachable', async () => {
    const hub = store.kg.nodes()[0]!;
    const r = (await store.neighborhood(hub, { depth: 2, limit: 10 }))!;
    expect(r.truncated).toBe(true);
    expect(r.graph.nodes).toHaveLength(10);
    expect(r.counts.reachable).toBeGreaterThan(10);
  });

  it('whole-graph export: same as graphology export of the filtered graph', async () => {
    for (const filters of FILTERS) {
      const ctx = new FilterContext(store.kg.getAttribute('sources'), filters);
      const nodes = new Set(store.kg.filterNodes((_n, a) => ctx.nodePasses(a)));
      expect(JSON.stringify(await store.graph(filters)), JSON.stringify(filters)).toBe(JSON.stringify(referenceSubgraph(store, nodes, ctx)));
    }
  });

  it('returns copies: changing a result does not change the store', async () => {
    const hub = store.kg.nodes()[0]!;
    const first = (await store.neighborhood(hub, { depth: 1, limit: 5 }))!;
    first.graph.nodes[0]!.attributes!.name = 'changed';
    first.graph.edges[0]!.attributes!.type = 'funds';
    const again = (await store.neighborhood(hub, { depth: 1, limit: 5 }))!;
    expect(again.graph.nodes[0]!.attributes!.name).not.toBe('changed');
    expect(JSON.stringify(again)).toBe(JSON.stringify(referenceNeighborhood(store, hub, { depth: 1, limit: 5 })));
  });

  it('paths: the indexed search returns exactly the paths of the graph search, for k, direction and filters', () => {
    const adjacency = new Adjacency(store.kg);
    const rng = new Prng(9);
    const ids = store.kg.nodes();
    let found = 0;
    for (let i = 0; i < 40; i++) {
      const from = i < 4 ? ids[i]! : rng.pick(ids);
      const to = rng.pick(ids);
      for (const filters of [FILTERS[0]!, FILTERS[1]!, FILTERS[3]!, FILTERS[5]!]) {
        const ctx = new FilterContext(store.kg.getAttribute('sources'), filters);
        for (const directed of [false, true]) {
          for (const k of [1, 5]) {
            const options = { k, maxHops: 4, directed };
            const plain = kShortestPaths(store.kg, ctx, from, to, options);
            const indexed = kShortestPaths(store.kg, ctx, from, to, { ...options, adjacency });
            expect(indexed, `${from} -> ${to} ${JSON.stringify({ filters, directed, k })}`).toEqual(plain);
            found += plain.length;
          }
        }
      }
    }
    // Not vacuous: many of these searches find paths, several per query with k = 5.
    expect(found).toBeGreaterThan(300);
  });
});

