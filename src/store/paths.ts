import { MultiDirectedGraph } from 'graphology';
import type { EdgeIterationCallback } from 'graphology-types';
import { byCodeUnits, RELATION_TYPES, type RelationStatus, type Source } from '../model';
import type { EntityAttributes, GraphPath, PathClaim, PathHop, PathsResult, RelationAttributes } from '../model';
import { citeEvidence, explainRelation, type StoredRelation } from './explain';
import type { FilterContext } from './filters';
import type { PathOptions } from './port';

/** A claim a hop follows: a relation, walked along (`forward`) or against (`backward`) it. */
type ClaimStep = Pick<PathClaim, 'edge' | 'direction'>;

/**
 * A hop: every claim between two entities passing the filters, in key order (an allegation and its
 * denial are one hop, not two routes); `edge`, `direction` and `cost` (1 unless weighted): its strongest claim's.
 */
export type Step = ClaimStep & { from: string; to: string; claims: ClaimStep[]; cost: number };

/** `cost`: hops, or the sum of hop costs when weighted. */
export type RawPath = { nodes: string[]; steps: Step[]; cost: number };

/** How much less a claim is worth by its status: an allegation is a weaker link than a report. */
const STATUS_COST: Record<RelationStatus, number> = { reported: 1, disputed: 1.5, alleged: 2, denied: 3 };

/** A claim's weighted cost, lower being stronger: a reported, singly cited, ungraded claim costs 1, as an unweighted hop. */
export function evidenceCost(attrs: Pick<RelationAttributes, 'status' | 'credibility' | 'evidence'>): number {
  const credibility = attrs.credibility === undefined ? 1 : 0.8 + 0.2 * (attrs.credibility - 1);
  return (STATUS_COST[attrs.status] * credibility) / (1 + 0.5 * (Math.max(1, attrs.evidence.length) - 1));
}

/** What the path searches read of a graph (graphology's names): a node's relations, both ways, in any order. */
export interface PathGraph {
  getNodeAttributes(node: string): EntityAttributes;
  forEachEdge(node: string, visit: EdgeIterationCallback<EntityAttributes, RelationAttributes>): void;
}

/** A move to a neighbour: every claim to it that may be followed, in key order, with its attributes (for its cost). */
export type Move = { from: string; to: string; claims: (ClaimStep & { attrs: RelationAttributes })[] };

/** A route's key, its entities in order: Yen's search bans a move (a route of two) by it. */
export const routeKey = (...nodes: string[]): string => nodes.join('\u0000');

/**
 * The claims a move from `node` (or, `into`, to it) may follow, with the entity at the other end.
 * Directed search follows symmetric relations both ways (their stored direction means nothing).
 * The entity moved to must pass the filters (the start of a path need not); `into`, the caller checks it.
 */
function claimsAt(graph: PathGraph, ctx: FilterContext, node: string, directed: boolean, into = false) {
  const claims: (Move['claims'][number] & { other: string })[] = [];
  graph.forEachEdge(node, (edge, attrs, source, target, sourceAttrs, targetAttrs) => {
    const out = source === node;
    // Against its direction (into a node: along it) only a symmetric relation is followed.
    if (directed && out === into && !RELATION_TYPES[attrs.type].symmetric) return;
    if (ctx.edgePasses(attrs) && (into || ctx.nodePasses(out ? targetAttrs : sourceAttrs)))
      claims.push({ edge, other: out ? target : source, direction: out ? 'forward' : 'backward', attrs });
  });
  return claims;
}

/** The moves from a node under the filters, one per neighbour, by their first claim's key (src/model/order.ts). */
export function movesFrom(graph: PathGraph, ctx: FilterContext, node: string, directed: boolean): Move[] {
  const byNeighbour = new Map<string, Move>();
  for (const { other, ...claim } of claimsAt(graph, ctx, node, directed).sort((a, b) => byCodeUnits(a.edge, b.edge))) {
    const move = byNeighbour.get(other);
    if (move) move.claims.push(claim);
    else byNeighbour.set(other, { from: node, to: other, claims: [claim] });
  }
  return [...byNeighbour.values()];
}

/** A move as a path's hop: its strongest claim is the cheapest by evidence cost, then the first by key. */
function stepOf({ from, to, claims }: Move, ctx: FilterContext, weighted: boolean): Step {
  const costs = claims.map((c) => evidenceCost(ctx.edgeView(c.attrs)));
  const best = costs.indexOf(Math.min(...costs));
  const { edge, direction } = claims[best]!;
  const all = claims.map((c) => ({ edge: c.edge, direction: c.direction }));
  return { from, to, edge, direction, claims: all, cost: weighted ? costs[best]! : 1 };
}

/** The neighbours a node moves to (`from`) and those moving into it (`into`), each once, read once per search. */
function moveCache(graph: PathGraph, ctx: FilterContext, directed: boolean) {
  const read = (into: boolean) => {
    const known = new Map<string, string[]>();
    return (node: string) =>
      known.get(node) ??
      known.set(node, [...new Set(claimsAt(graph, ctx, node, directed, into).map((c) => c.other))]).get(node)!;
  };
  return { from: read(false), into: read(true) };
}

/**
 * Shortest route by hop count, avoiding banned nodes and moves (`routeKey` pairs). Among equally
 * short routes, each step from the start takes the first move (by key) still on a shortest route.
 * Breadth-first from both ends, on the side with the smaller frontier, until they meet (from one
 * end it would reach most of a large graph); then a greedy walk from `from` by the hops to the end.
 */
export function shortestPath(
  graph: PathGraph,
  ctx: FilterContext,
  from: string,
  to: string,
  maxHops: number,
  directed: boolean,
  bannedNodes: ReadonlySet<string>,
  bannedMoves: ReadonlySet<string>,
  seen = moveCache(graph, ctx, directed),
): RawPath | null {
  if (from === to) return { nodes: [from], steps: [], cost: 0 };
  if (bannedNodes.has(to) || !ctx.nodePasses(graph.getNodeAttributes(to))) return null;
  const usable = (node: string, next: string) => !bannedMoves.has(routeKey(node, next)) && !bannedNodes.has(next);
  const after = (node: string) => seen.from(node).filter((next) => usable(node, next));
  // The moves ending at a node, read backwards: the start is where paths begin, so the filters and
  // bans that keep a move from entering a node do not apply to it.
  const enters = (p: string) => p === from || (!bannedNodes.has(p) && ctx.nodePasses(graph.getNodeAttributes(p)));
  const before = (node: string) => seen.into(node).filter((p) => enters(p) && !bannedMoves.has(routeKey(p, node)));
  const ahead = { dist: new Map([[from, 0]]), layers: [[from]], next: after };
  const behind = { dist: new Map([[to, 0]]), layers: [[to]], next: before };
  let length = -1;
  for (let hops = 0; hops < maxHops && length < 0; hops++) {
    const [side, other] =
      ahead.layers.at(-1)!.length <= behind.layers.at(-1)!.length ? [ahead, behind] : [behind, ahead];
    const layer: string[] = [];
    for (const node of side.layers.at(-1)!) {
      for (const n of side.next(node)) {
        if (side.dist.has(n)) continue;
        side.dist.set(n, side.layers.length);
        layer.push(n);
        if (other.dist.has(n)) length = hops + 1;
      }
    }
    if (layer.length === 0) return null;
    side.layers.push(layer);
  }
  if (length < 0) return null;
  // Hops to the end: exact for every entity the backward search reached; for those the forward
  // search reached on a shortest route, back from its last layer (which the backward search reached).
  const toEnd = new Map(behind.dist);
  for (let d = ahead.layers.length - 2; d >= 0; d--)
    for (const n of ahead.layers[d]!)
      if (after(n).some((m) => toEnd.get(m) === length - d - 1)) toEnd.set(n, length - d);
  const steps: Step[] = [];
  let node = from;
  for (let left = length; left > 0; left--) {
    const move = movesFrom(graph, ctx, node, directed).find((m) => usable(node, m.to) && toEnd.get(m.to) === left - 1)!;
    steps.push(stepOf(move, ctx, false));
    node = move.to;
  }
  return { nodes: [from, ...steps.map((st) => st.to)], steps, cost: length };
}

/**
 * Cheapest route of at most maxHops hops, a hop costing its cheapest claim: Bellman-Ford over the
 * number of hops (at most 6), exact under the hop limit where Dijkstra is not.
 */
function cheapestPath(
  ...[graph, ctx, from, to, maxHops, directed, bannedNodes, bannedMoves]: Parameters<typeof shortestPath>
): RawPath | null {
  if (from === to) return { nodes: [from], steps: [], cost: 0 };
  // layers[h]: node -> best cost with exactly h hops, and the hop that got there.
  const layers: Map<string, { cost: number; step?: Step }>[] = [new Map([[from, { cost: 0 }]])];
  let best: { hops: number; cost: number } | null = null;
  for (let h = 1; h <= maxHops; h++) {
    const layer: (typeof layers)[number] = new Map();
    for (const [node, { cost: base }] of layers[h - 1]!) {
      if (node === to) continue;
      for (const move of movesFrom(graph, ctx, node, directed)) {
        if (move.to === from || bannedNodes.has(move.to) || bannedMoves.has(routeKey(move.from, move.to))) continue;
        const step = stepOf(move, ctx, true);
        const c = base + step.cost;
        const prev = layer.get(move.to);
        if (!prev || c < prev.cost) layer.set(move.to, { cost: c, step });
      }
    }
    layers.push(layer);
    const reached = layer.get(to);
    if (reached && (!best || reached.cost < best.cost)) best = { hops: h, cost: reached.cost };
    if (layer.size === 0) break;
  }
  if (!best) return null;
  const steps: Step[] = [];
  // Back from `to`: the hop that reached the node at h hops, then the node that hop came from.
  for (let h = best.hops, node = to; h > 0; h--, node = steps[0]!.from) steps.unshift(layers[h]!.get(node)!.step!);
  // With positive costs only a tie can make the cheapest walk repeat a node: refuse it, not a path.
  const nodes = [from, ...steps.map((st) => st.to)];
  if (new Set(nodes).size !== nodes.length) return null;
  return { nodes, steps, cost: best.cost };
}

/**
 * The k shortest loopless routes (Yen's algorithm): k different entity sequences, never one route
 * repeated over parallel claims. Candidates of equal cost keep the order they were found in.
 */
export function kShortestPaths(
  graph: PathGraph,
  ctx: FilterContext,
  from: string,
  to: string,
  options: Pick<PathOptions, 'k' | 'maxHops' | 'directed' | 'weighted'>,
): RawPath[] {
  const { k, maxHops, directed, weighted = false } = options;
  const cache = moveCache(graph, ctx, directed);
  const search = (source: string, hops: number, bannedNodes: ReadonlySet<string>, bannedMoves: ReadonlySet<string>) => {
    const args = [graph, ctx, source, to, hops, directed, bannedNodes, bannedMoves] as const;
    return weighted ? cheapestPath(...args) : shortestPath(...args, cache);
  };
  const first = search(from, maxHops, new Set(), new Set());
  const candidates = first ? [first] : [];
  const seen = new Set(candidates.map((p) => routeKey(...p.nodes)));
  const found: RawPath[] = [];
  while (found.length < k && candidates.length > 0) {
    const last = candidates.sort((a, b) => a.cost - b.cost || a.steps.length - b.steps.length).shift()!;
    found.push(last);
    for (let i = 0; found.length < k && i < last.steps.length; i++) {
      // The routes found with this root (every route ends at `to`, so each goes on past it).
      const root = routeKey(...last.nodes.slice(0, i + 1));
      const withRoot = found.filter((p) => routeKey(...p.nodes.slice(0, i + 1)) === root);
      const bannedMoves = new Set(withRoot.map((p) => routeKey(p.nodes[i]!, p.nodes[i + 1]!)));
      const spurPath = search(last.nodes[i]!, maxHops - i, new Set(last.nodes.slice(0, i)), bannedMoves);
      if (!spurPath) continue;
      const nodes = [...last.nodes.slice(0, i), ...spurPath.nodes];
      const steps = [...last.steps.slice(0, i), ...spurPath.steps];
      if (seen.has(routeKey(...nodes))) continue;
      seen.add(routeKey(...nodes));
      candidates.push({ nodes, steps, cost: steps.reduce((sum, st) => sum + st.cost, 0) });
    }
  }
  return found;
}

/** The candidate subgraph the Neo4j adapter fetches for a path search, as a graph (relations with both ends in it). */
export function pathGraphOfLists(
  entities: ReadonlyMap<string, EntityAttributes>,
  relations: readonly StoredRelation[],
): PathGraph {
  const graph = new MultiDirectedGraph<EntityAttributes, RelationAttributes>();
  entities.forEach((attributes, id) => graph.addNode(id, attributes));
  for (const { key, from, to, attributes } of relations)
    if (graph.hasNode(from) && graph.hasNode(to)) graph.addDirectedEdgeWithKey(key, from, to, attributes);
  return graph;
}

/** What explaining a path needs of a store: a relation by key, an entity's name, the sources. */
type PathLookup = {
  relation(key: string): StoredRelation;
  name(id: string): string;
  sourceById: ReadonlyMap<string, Source>;
};

/**
 * A found path as the API gives it: each hop lists all its claims and keeps its strongest claim's
 * fields at the top (as when a hop was one claim); its sentence gives that claim first.
 */
export function explainPath(p: RawPath, ctx: FilterContext, lookup: PathLookup): GraphPath {
  const hops = p.steps.map(({ from, to, ...step }): PathHop => {
    const claims = step.claims.map(({ edge, direction }): PathClaim => {
      const r = lookup.relation(edge);
      const { type, status, assertedBy, evidence: cited } = ctx.edgeView(r.attributes);
      const evidence = citeEvidence(cited, lookup.sourceById);
      const [fromName, toName, assertedByNames] = [lookup.name(r.from), lookup.name(r.to), assertedBy.map(lookup.name)];
      const sentence = explainRelation({ type, status, evidence, fromName, toName, assertedByNames });
      return { edge, type, direction, status, assertedBy, evidence, sentence };
    });
    const top = claims.find((c) => c.edge === step.edge)!;
    const sentence = [top, ...claims.filter((c) => c !== top)].map((c) => c.sentence).join('; ');
    const { edge, type, direction, status, evidence } = top;
    const said = disagree(claims) ? `Sources disagree: ${sentence}` : sentence;
    return { edge, from, to, type, direction, status, evidence, sentence: said, claims };
  });
  return { nodes: p.nodes, edges: p.steps.map((s) => s.edge), hops, cost: Math.round(p.cost * 1000) / 1000 };
}

/** Whether some claim denies or disputes what another claim of the same type affirms (or disputes it otherwise). */
function disagree(claims: readonly Pick<PathClaim, 'type' | 'status'>[]): boolean {
  const contests = (a: Pick<PathClaim, 'status'>) => a.status === 'denied' || a.status === 'disputed';
  return claims.some((a) => contests(a) && claims.some((b) => b !== a && b.type === a.type && b.status !== a.status));
}

/** The port's answer for the paths found, or the reason there are none. */
export function pathsAnswer(raw: RawPath[], options: PathOptions, explain: (p: RawPath) => GraphPath): PathsResult {
  if (raw.length > 0) return { paths: raw.map(explain) };
  const following = options.directed ? 'following relation directions ' : '';
  return { paths: [], reason: `no path of at most ${options.maxHops} hops ${following}under the given filters` };
}
