import { MultiDirectedGraph } from 'graphology';
import { beforeAll, describe, expect, it } from 'vitest';
import { Prng } from '../../src/bench/prng';
import { FILTER_SETS, useGeneratedStore } from './generated-store';
import type { EntityAttributes, GraphAttributes, KnowledgeGraph, RelationAttributes } from '../../src/model';
import { MemoryStore } from '../../src/store/memory';
import { Adjacency } from '../../src/store/memory/adjacency';
import { byCodeUnits, countsInOrder, type Entity, type KnowledgeBase, type LoadedRelation } from '../../src/model';
import { FilterContext } from '../../src/store/filters';
import {
  evidenceCost,
  kShortestPaths,
  routeKey,
  movesFrom,
  pathGraphOfLists,
  shortestPath,
  type Move,
  type PathGraph,
  type RawPath,
  type Step,
} from '../../src/store/paths';
import type { EntityKind, RelationStatus, RelationType, Source } from '../../src/model';
import type { GraphFilters, NeighborhoodOptions } from '../../src/store/port';
import type { GraphJson } from '../../src/model';

/**
 * The embedded store answers neighbourhood and whole-graph queries from a compact index for speed.
 * These tests hold it to the straightforward definition (breadth-first over graphology, induced
 * subgraph by scanning every relation, graphology's own export), written out here as the
 * reference: same entities, same relations, same order, same counts, under every filter.
 */
function referenceSubgraph(nodes: ReadonlySet<string>, ctx: FilterContext): GraphJson {
  const out = new MultiDirectedGraph<EntityAttributes, RelationAttributes, GraphAttributes>();
  out.replaceAttributes({ sources: kg.getAttribute('sources') });
  for (const n of nodes) out.addNode(n, kg.getNodeAttributes(n));
  kg.forEachEdge((edge, a, s, t) => {
    if (nodes.has(s) && nodes.has(t) && ctx.edgePasses(a)) out.addDirectedEdgeWithKey(edge, s, t, ctx.edgeView(a));
  });
  return out.export() as GraphJson;
}

function referenceNeighborhood(id: string, options: NeighborhoodOptions) {
  const ctx = new FilterContext(kg.getAttribute('sources'), options);
  const types: string[] = [];
  kg.forEachEdge(id, (_e, a, s, _t, sa, ta) => {
    const other = s === id ? ta : sa;
    if (ctx.edgePasses(a) && ctx.nodePasses(other)) types.push(a.type);
  });
  const byType = countsInOrder(types);
  const kept = new Set([id]);
  const seen = new Set([id]);
  let frontier = [id];
  let truncated = false;
  for (let d = 0; d < options.depth && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const node of frontier) {
      const reached: string[] = [];
      kg.forEachEdge(node, (_e, a, s, t, sa, ta) => {
        const other = s === node ? t : s;
        if (seen.has(other) || !ctx.edgePasses(a) || !ctx.nodePasses(s === node ? ta : sa)) return;
        seen.add(other);
        reached.push(other);
      });
      // The documented order (src/model/order.ts): by the first entity that reaches them, then by id.
      for (const other of reached.sort(byCodeUnits)) {
        next.push(other);
        if (kept.size < options.limit) kept.add(other);
        else truncated = true;
      }
    }
    frontier = next;
  }
  const graph = referenceSubgraph(kept, ctx);
  return {
    graph,
    truncated,
    counts: { nodes: graph.nodes.length, edges: graph.edges.length, byType, reachable: seen.size },
  };
}

const FILTERS = FILTER_SETS;

const generated = useGeneratedStore(11);
let store: MemoryStore;
/** The store's graph in graphology, read through its public export: the reference definitions walk it. */
let kg: KnowledgeGraph;
beforeAll(async () => {
  store = generated();
  kg = MultiDirectedGraph.from(await store.graph());
});

describe('embedded store traversals match their definition', () => {
  it('neighbourhoods: same entities, relations, order, truncation and counts for every depth, cap and filter', async () => {
    const rng = new Prng(5);
    const ids = kg.nodes();
    // Hubs (the first entities) and ordinary entities alike.
    const focus = [ids[0]!, ids[1]!, ...Array.from({ length: 12 }, () => rng.pick(ids))];
    let compared = 0;
    for (const id of focus) {
      for (const filters of FILTERS) {
        for (const depth of [1, 2, 3]) {
          for (const limit of [1, 7, 60, 5000]) {
            const options = { ...filters, depth, limit };
            const ours = await store.neighborhood(id, options);
            expect(JSON.stringify(ours), `${id} ${JSON.stringify(options)}`).toBe(
              JSON.stringify(referenceNeighborhood(id, options)),
            );
            compared++;
          }
        }
      }
    }
    expect(compared).toBe(focus.length * FILTERS.length * 12);
  });

  it('truncates hub neighbourhoods at the cap and still counts everything reachable', async () => {
    const hub = kg.nodes()[0]!;
    const r = (await store.neighborhood(hub, { depth: 2, limit: 10 }))!;
    expect(r.truncated).toBe(true);
    expect(r.graph.nodes).toHaveLength(10);
    expect(r.counts.reachable).toBeGreaterThan(10);
  });

  it('whole-graph export: same as graphology export of the filtered graph', async () => {
    for (const filters of FILTERS) {
      const ctx = new FilterContext(kg.getAttribute('sources'), filters);
      const nodes = new Set(kg.filterNodes((_n, a) => ctx.nodePasses(a)));
      expect(JSON.stringify(await store.graph(filters)), JSON.stringify(filters)).toBe(
        JSON.stringify(referenceSubgraph(nodes, ctx)),
      );
    }
  });

  it('shares frozen elements: changing a result throws and leaves the store as it was', async () => {
    const hub = kg.nodes()[0]!;
    const first = (await store.neighborhood(hub, { depth: 1, limit: 5 }))!;
    expect(() => (first.graph.nodes[0]!.attributes!.name = 'changed')).toThrow(TypeError);
    expect(() => (first.graph.edges[0]!.attributes!.type = 'funds')).toThrow(TypeError);
    const again = (await store.neighborhood(hub, { depth: 1, limit: 5 }))!;
    expect(again.graph.nodes[0]!.attributes!.name).not.toBe('changed');
    expect(JSON.stringify(again)).toBe(JSON.stringify(referenceNeighborhood(hub, { depth: 1, limit: 5 })));
  });
});

/**
 * Small random multigraphs with what the generator rarely makes: parallel and opposite relations
 * between the same pair, symmetric types mixed with directed ones, entities and relations that
 * filters drop, and pieces that do not connect.
 */
function randomGraph(rng: Prng, nodes: number, relations: number): KnowledgeGraph {
  const kinds: EntityKind[] = ['MilitantGroup', 'Person', 'State', 'Place'];
  const types: RelationType[] = ['allied-with', 'rival-of', 'targets', 'funds', 'supports', 'part-of'];
  const statuses: RelationStatus[] = ['reported', 'alleged', 'denied'];
  const dates = [undefined, '2005', '2012-03', '2019'];
  const sources = [
    { id: 'early', published: '2008' },
    { id: 'late', published: '2020' },
  ] as unknown as Source[];
  const g: KnowledgeGraph = new MultiDirectedGraph({ allowSelfLoops: false });
  g.replaceAttributes({ sources });
  for (let i = 0; i < nodes; i++) {
    const since = rng.pick(dates);
    g.addNode(`n${i}`, {
      kind: rng.pick(kinds),
      name: `n${i}`,
      aliases: [],
      demonyms: [],
      description: '',
      ...(since ? { since } : {}),
      facts: [],
      mentions: [],
    });
  }
  for (let r = 0; r < relations; r++) {
    const a = rng.int(nodes);
    let b = rng.int(nodes - 1);
    if (b >= a) b++;
    // Now and then a second claim about the same pair, one way or the other.
    const [s, t] =
      r > 0 && rng.next() < 0.2
        ? rng.next() < 0.5
          ? g.extremities(`r${r - 1}`)
          : [...g.extremities(`r${r - 1}`)].reverse()
        : [`n${a}`, `n${b}`];
    const since = rng.pick(dates);
    const until = rng.next() < 0.2 ? '2014' : undefined;
    g.addDirectedEdgeWithKey(`r${r}`, s!, t!, {
      type: rng.pick(types),
      status: rng.pick(statuses),
      ...(since ? { since } : {}),
      ...(until && (!since || since < until) ? { until } : {}),
      assertedBy: [],
      evidence: [{ source: rng.next() < 0.6 ? 'early' : 'late', paragraph: 1 }],
    });
  }
  return g;
}

const RANDOM_FILTERS: GraphFilters[] = [
  {},
  {},
  { types: ['allied-with', 'targets', 'funds'] },
  { kinds: ['MilitantGroup', 'Person', 'State'] },
  { status: ['reported', 'alleged'] },
  { asOf: '2013' },
  { knownBy: '2010' },
];

/**
 * The tie rule by brute force: every loopless route of at most maxHops hops, enumerated
 * depth-first with moves (one per neighbour, all its claims) in the stable order, comes out in the
 * order of its move sequence; the first of the least length is the one the rule names. Also counts
 * how many shortest routes there were.
 */
function bruteForceShortest(
  g: KnowledgeGraph,
  ctx: FilterContext,
  from: string,
  to: string,
  maxHops: number,
  directed: boolean,
  bannedNodes: Set<string>,
  bannedMoves: Set<string>,
) {
  let best: { nodes: string[]; moves: Move[] } | null = null;
  let ties = 0;
  const nodes = [from];
  const moves: Move[] = [];
  const walk = (node: string) => {
    if (node === to) {
      if (!best || moves.length < best.moves.length) [best, ties] = [{ nodes: [...nodes], moves: [...moves] }, 1];
      else if (moves.length === best.moves.length) ties++;
      return;
    }
    if (moves.length === maxHops) return;
    for (const move of movesFrom(g, ctx, node, directed)) {
      if (nodes.includes(move.to) || bannedNodes.has(move.to) || bannedMoves.has(routeKey(move.from, move.to)))
        continue;
      nodes.push(move.to);
      moves.push(move);
      walk(move.to);
      nodes.pop();
      moves.pop();
    }
  };
  walk(from);
  const found = best as { nodes: string[]; moves: Move[] } | null;
  if (from === to) return { path: { nodes: [from], steps: [] as Step[], cost: 0 }, ties };
  if (!found) return { path: null, ties };
  // Each hop as the search must give it: every claim in key order, the strongest one on top.
  const steps: Step[] = found.moves.map((m) => {
    const costs = m.claims.map((c) => evidenceCost(ctx.edgeView(g.getEdgeAttributes(c.edge))));
    const top = m.claims[costs.indexOf(Math.min(...costs))]!;
    return {
      from: m.from,
      to: m.to,
      edge: top.edge,
      direction: top.direction,
      claims: m.claims.map(({ edge, direction }) => ({ edge, direction })),
      cost: 1,
    };
  });
  return { path: { nodes: found.nodes, steps, cost: steps.length } as RawPath, ties };
}

describe('shortest paths: one tie rule, held by the search and brute force', () => {
  it('agree on random multigraphs under filters, directions, bans and hop limits', () => {
    const rng = new Prng(23);
    const tally = { found: 0, none: 0, cutByHops: 0, withTies: 0, banned: 0, parallel: 0 };
    for (let round = 0; round < 60; round++) {
      const g = randomGraph(rng, 6 + rng.int(10), 4 + rng.int(36));
      const ids = g.nodes();
      for (let q = 0; q < 40; q++) {
        const from = rng.pick(ids);
        const to = rng.next() < 0.03 ? from : rng.pick(ids);
        const filters = rng.pick(RANDOM_FILTERS);
        const ctx = new FilterContext(g.getAttribute('sources'), filters);
        const directed = rng.next() < 0.4;
        const maxHops = 1 + rng.int(5);
        const bannedNodes = new Set(Array.from({ length: rng.int(3) }, () => rng.pick(ids)).filter((n) => n !== from));
        const bannedMoves = new Set(
          Array.from({ length: rng.int(3) }, () => {
            const [s, t] = g.extremities(rng.pick(g.edges()));
            return rng.next() < 0.5 ? routeKey(s, t) : routeKey(t, s);
          }),
        );
        const label = `round ${round}: ${from} -> ${to} ${JSON.stringify({ filters, directed, maxHops, bannedNodes: [...bannedNodes], bannedMoves: [...bannedMoves] })}`;
        const expected = bruteForceShortest(g, ctx, from, to, maxHops, directed, bannedNodes, bannedMoves);
        const reference = shortestPath(g, ctx, from, to, maxHops, directed, bannedNodes, bannedMoves);
        expect(reference, label).toEqual(expected.path);
        if (expected.path) tally.found++;
        else {
          tally.none++;
          if (bruteForceShortest(g, ctx, from, to, 8, directed, bannedNodes, bannedMoves).path) tally.cutByHops++;
        }
        if (expected.ties > 1) tally.withTies++;
        if (expected.path && (bannedNodes.size > 0 || bannedMoves.size > 0)) tally.banned++;
        if (expected.path?.steps.some((st) => st.claims.length > 1)) tally.parallel++;
      }
    }
    // Not vacuous: paths found and not, some only because of the hop limit, many with ties to
    // break, and hops over several parallel claims.
    expect(tally.found).toBeGreaterThan(600);
    expect(tally.none).toBeGreaterThan(300);
    expect(tally.cutByHops).toBeGreaterThan(50);
    // (Fewer ties than when parallel claims made separate paths: routes tie, claims no longer do.)
    expect(tally.withTies).toBeGreaterThan(60);
    expect(tally.banned).toBeGreaterThan(300);
    expect(tally.parallel).toBeGreaterThan(50);
  });

  it('k shortest paths are k different routes: no two share their entity sequence, and parallel claims sit on one hop', () => {
    const rng = new Prng(41);
    let several = 0;
    for (let round = 0; round < 40; round++) {
      const g = randomGraph(rng, 6 + rng.int(10), 4 + rng.int(36));
      const ids = g.nodes();
      for (let q = 0; q < 25; q++) {
        const from = rng.pick(ids);
        const to = rng.pick(ids);
        const ctx = new FilterContext(g.getAttribute('sources'), rng.pick(RANDOM_FILTERS));
        const directed = rng.next() < 0.4;
        const paths = kShortestPaths(g, ctx, from, to, { k: 10, maxHops: 4, directed, weighted: rng.next() < 0.5 });
        const routes = paths.map((p) => p.nodes.join('>'));
        expect(new Set(routes).size, routes.join(' | ')).toBe(routes.length);
        for (const p of paths) {
          for (const st of p.steps) {
            // The hop's claims are exactly the moves between its two entities.
            expect(st.claims.map((c) => c.edge)).toEqual(
              movesFrom(g, ctx, st.from, directed)
                .find((m) => m.to === st.to)!
                .claims.map((c) => c.edge),
            );
          }
        }
        if (paths.length > 2) several++;
      }
    }
    expect(several).toBeGreaterThan(100);
  });

  it('k shortest paths: the same paths over every graph view the stores use, whatever order it keeps relations in', () => {
    const rng = new Prng(31);
    let found = 0;
    let several = 0;
    for (let round = 0; round < 40; round++) {
      const g = randomGraph(rng, 6 + rng.int(10), 4 + rng.int(36));
      const index = indexOf(g).pathGraph();
      const lists = listsView(g);
      const ids = g.nodes();
      for (let q = 0; q < 25; q++) {
        const from = rng.pick(ids);
        const to = rng.pick(ids);
        const ctx = new FilterContext(g.getAttribute('sources'), rng.pick(RANDOM_FILTERS));
        const options = { k: 1 + rng.int(7), maxHops: 1 + rng.int(6), directed: rng.next() < 0.4 };
        const plain = kShortestPaths(g, ctx, from, to, options);
        const label = `round ${round}: ${from} -> ${to} ${JSON.stringify(options)}`;
        expect(kShortestPaths(index, ctx, from, to, options), label).toEqual(plain);
        expect(kShortestPaths(lists, ctx, from, to, options), label).toEqual(plain);
        found += plain.length;
        if (plain.length > 2) several++;
      }
    }
    expect(found).toBeGreaterThan(800);
    expect(several).toBeGreaterThan(100);
  });

  it('weighted paths: the search over the index seen as a graph returns exactly the paths it gives on graphology', () => {
    const rng = new Prng(37);
    let found = 0;
    for (let round = 0; round < 40; round++) {
      const g = randomGraph(rng, 6 + rng.int(10), 4 + rng.int(36));
      const indexGraph = indexOf(g).pathGraph();
      const ids = g.nodes();
      for (let q = 0; q < 25; q++) {
        const from = rng.pick(ids);
        const to = rng.pick(ids);
        const ctx = new FilterContext(g.getAttribute('sources'), rng.pick(RANDOM_FILTERS));
        const options = { k: 1 + rng.int(5), maxHops: 1 + rng.int(6), directed: rng.next() < 0.4, weighted: true };
        const plain = kShortestPaths(g, ctx, from, to, options);
        expect(kShortestPaths(indexGraph, ctx, from, to, options), `round ${round}: ${from} -> ${to}`).toEqual(plain);
        found += plain.length;
      }
    }
    expect(found).toBeGreaterThan(500);
  });
});

/** The store's compact index of a graph, built from its lists in reverse (a different relation order). */
function indexOf(g: KnowledgeGraph): Adjacency {
  const kb: KnowledgeBase = {
    sources: g.getAttribute('sources'),
    entities: g.mapNodes((id, a) => ({ id, ...a }) as unknown as Entity).reverse(),
    relations: g.mapEdges((key, a, from, to) => ({ ...a, key, from, to }) as unknown as LoadedRelation).reverse(),
  };
  return new Adjacency(kb);
}

/** The graph as the Neo4j adapter sees a candidate subgraph: plain lists, relations shuffled. */
function listsView(g: KnowledgeGraph): PathGraph {
  const relations = g
    .mapEdges((key, attributes, from, to) => ({ key, from, to, attributes }))
    .sort(() => 0)
    .reverse();
  return pathGraphOfLists(new Map(g.mapNodes((id, a) => [id, a] as const)), relations);
}
