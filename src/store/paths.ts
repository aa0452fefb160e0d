import { byCodeUnits, RELATION_TYPES, type RelationStatus, type Source } from '../model';
import type { EntityAttributes, RelationAttributes } from '../model';
import { citeEvidence, explainRelation } from './explain';
import type { FilterContext } from './filters';
import type { PathOptions } from './port';
import type { GraphPath, PathClaim, PathHop, PathsResult } from '../model';

/** One claim a hop can follow: a relation, walked along (`forward`) or against (`backward`) it. */
export interface ClaimStep {
  edge: string;
  direction: 'forward' | 'backward';
}

/**
 * A hop of a path: from one entity to the next, over every claim between the two that passes the
 * filters (an allegation and its denial are one hop, not two routes). `edge` and `direction` are
 * its strongest claim's: the cheapest by evidence cost, then the first in relation-key order.
 */
export interface Step extends ClaimStep {
  from: string;
  to: string;
  /** Every claim of the hop, in relation-key order. */
  claims: ClaimStep[];
  /** 1, or the strongest claim's evidence cost when paths are weighted. */
  cost: number;
}

export interface RawPath {
  nodes: string[];
  steps: Step[];
  /** Hops, or the sum of hop costs when weighted. */
  cost: number;
}

/** How much less a claim is worth by its status: an allegation is a weaker link than a report. */
const STATUS_COST: Record<RelationStatus, number> = { reported: 1, disputed: 1.5, alleged: 2, denied: 3 };

/**
 * The cost of one claim when paths are weighted by evidence strength (lower is stronger):
 *   status factor (STATUS_COST) x credibility factor (Admiralty 1 -> 0.8 ... 6 -> 1.8; 1 ungraded)
 *   / (1 + 0.5 x (citations - 1))   (each further citation makes the claim cheaper)
 * A reported, singly cited, ungraded claim costs exactly 1, so unweighted and weighted costs of
 * such paths agree. Citations are those left after the knownBy filter.
 */
export function evidenceCost(attrs: Pick<RelationAttributes, 'status' | 'credibility' | 'evidence'>): number {
  const credibility = attrs.credibility === undefined ? 1 : 0.8 + 0.2 * (attrs.credibility - 1);
  return (STATUS_COST[attrs.status] * credibility) / (1 + 0.5 * (Math.max(1, attrs.evidence.length) - 1));
}

type EdgeVisitor = (
  edge: string,
  attrs: RelationAttributes,
  source: string,
  target: string,
  sourceAttrs: EntityAttributes,
  targetAttrs: EntityAttributes,
) => void;

/**
 * What the path searches read of a graph: the embedded store's compact index
 * (Adjacency.pathGraph), the candidate subgraph the Neo4j adapter fetches (pathGraphOfLists
 * below), or a graphology KnowledgeGraph. The order in which it visits relations does not matter.
 */
export interface PathGraph {
  getNodeAttributes(node: string): EntityAttributes;
  forEachOutEdge(node: string, visit: EdgeVisitor): void;
  forEachInEdge(node: string, visit: EdgeVisitor): void;
}

/** A claim as the search holds it: the relation's attributes come along for its cost. */
interface MoveClaim extends ClaimStep {
  attrs: RelationAttributes;
}

/** A move from one entity to a neighbour: every claim between them it may follow, in key order. */
export interface Move {
  from: string;
  to: string;
  claims: MoveClaim[];
}

/** The key a move is banned by in Yen's search: the ordered pair of entities. */
export const moveKey = (from: string, to: string): string => `${from}\u0000${to}`;

/**
 * The claims a move from `node` may follow (or, `into`, a move to it), each with the entity at its
 * other end. Undirected search walks every relation both ways; directed search follows relations
 * forward, and symmetric relations both ways because their direction in the data carries no
 * meaning. The entity moved to must pass the filters; the start of a path need not.
 */
function claimsAt(graph: PathGraph, ctx: FilterContext, node: string, directed: boolean, into = false) {
  const claims: (MoveClaim & { other: string })[] = [];
  if (into && !ctx.nodePasses(graph.getNodeAttributes(node))) return claims;
  const visit =
    (always: boolean): EdgeVisitor =>
    (edge, attrs, source, target, sourceAttrs, targetAttrs) => {
      const out = source === node;
      if (!always && directed && !RELATION_TYPES[attrs.type].symmetric) return;
      if (ctx.edgePasses(attrs) && (into || ctx.nodePasses(out ? targetAttrs : sourceAttrs)))
        claims.push({ edge, other: out ? target : source, direction: out ? 'forward' : 'backward', attrs });
    };
  graph.forEachOutEdge(node, visit(!into));
  graph.forEachInEdge(node, visit(into));
  return claims;
}

/**
 * The moves available from a node under the filters, one per neighbour: all the claims joining
 * the node to one neighbour make one move (paths are routes through entities; parallel claims are
 * listed on their hop). Moves are ordered by their first claim's key (src/model/order.ts).
 */
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
function stepOf(move: Move, ctx: FilterContext, weighted: boolean): Step {
  const costs = move.claims.map((c) => evidenceCost(ctx.edgeView(c.attrs)));
  const best = costs.indexOf(Math.min(...costs));
  return {
    from: move.from,
    to: move.to,
    edge: move.claims[best]!.edge,
    direction: move.claims[best]!.direction,
    claims: move.claims.map(({ edge, direction }) => ({ edge, direction })),
    cost: weighted ? costs[best]! : 1,
  };
}

/** The neighbours a node moves to (`from`) and those moving into it (`into`), each once, unordered. */
interface MoveCache {
  from(node: string): string[];
  into(node: string): string[];
}

/** A MoveCache reading each node once per search: Yen's algorithm asks for the same nodes again and again. */
function moveCache(graph: PathGraph, ctx: FilterContext, directed: boolean): MoveCache {
  const read = (into: boolean) => {
    const known = new Map<string, string[]>();
    return (node: string) =>
      known.get(node) ??
      known.set(node, [...new Set(claimsAt(graph, ctx, node, directed, into).map((c) => c.other))]).get(node)!;
  };
  return { from: read(false), into: read(true) };
}

/**
 * Shortest route by hop count, avoiding banned nodes and moves (`moveKey` pairs).
 *
 * Which of several equally short routes wins is a property of the routes, not of a search order:
 * from the start, each step takes the first move (by its first claim's key) that still lies on
 * some shortest route. Here: a breadth-first search from both ends, one layer at a time on the
 * side with the smaller frontier, until they meet (L hops: a whole-graph search from one end
 * would reach most of a large graph); then the entities on shortest routes, found back from the
 * meeting layer on each side with their hops to the end; then a greedy walk from `from` that
 * always steps to such an entity one hop closer.
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
  if (bannedNodes.has(to)) return null;
  const usable = (node: string, next: string) => !bannedMoves.has(moveKey(node, next)) && !bannedNodes.has(next);
  const after = (node: string) => seen.from(node).filter((next) => usable(node, next));
  // The moves ending at a node, read backwards: the start is where paths begin, so the filters and
  // bans that keep a move from entering a node do not apply to it.
  const before = (node: string) =>
    seen
      .into(node)
      .filter(
        (p) =>
          !bannedMoves.has(moveKey(p, node)) &&
          (p === from || (!bannedNodes.has(p) && ctx.nodePasses(graph.getNodeAttributes(p)))),
      );
  const sides = [
    { dist: new Map([[from, 0]]), layers: [[from]], next: after },
    { dist: new Map([[to, 0]]), layers: [[to]], next: before },
  ];
  let length = -1;
  for (let hops = 0; hops < maxHops && length < 0; hops++) {
    const side = sides[0]!.layers.at(-1)!.length <= sides[1]!.layers.at(-1)!.length ? sides[0]! : sides[1]!;
    const other = side === sides[0] ? sides[1]! : sides[0]!;
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
  // Hops to the end of every entity on a shortest route: those where the searches met, then back
  // from them on each side, a layer at a time.
  const [ahead, behind] = sides as [(typeof sides)[0], (typeof sides)[0]];
  const toEnd = new Map<string, number>();
  for (const [n, d] of ahead.dist) if (behind.dist.get(n) === length - d) toEnd.set(n, length - d);
  for (let d = ahead.layers.length - 2; d >= 0; d--)
    for (const n of ahead.layers[d]!)
      if (after(n).some((m) => toEnd.get(m) === length - d - 1)) toEnd.set(n, length - d);
  for (let d = behind.layers.length - 2; d >= 0; d--)
    for (const n of behind.layers[d]!) if (before(n).some((p) => toEnd.get(p) === d + 1)) toEnd.set(n, d);
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
 * Cheapest route of at most maxHops hops, a hop costing its cheapest claim: dynamic programming
 * over the number of hops (Bellman-Ford bounded by maxHops, at most 6), exact under the hop limit
 * where Dijkstra is not. With positive costs the cheapest walk never repeats a node.
 */
function cheapestPath(
  graph: PathGraph,
  ctx: FilterContext,
  from: string,
  to: string,
  maxHops: number,
  directed: boolean,
  bannedNodes: ReadonlySet<string>,
  bannedMoves: ReadonlySet<string>,
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
        if (move.to === from || bannedNodes.has(move.to) || bannedMoves.has(moveKey(move.from, move.to))) continue;
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
  // A walk through the same node twice would cost more than the same walk without the loop,
  // except on ties; refuse it rather than return a path that is not one.
  const nodes = [from, ...steps.map((st) => st.to)];
  if (new Set(nodes).size !== nodes.length) return null;
  return { nodes, steps, cost: best.cost };
}

const routeId = (nodes: readonly string[]) => nodes.join('\u0000');

/**
 * The k shortest loopless routes (Yen's algorithm). A route is a sequence of entities: the claims
 * between two consecutive entities are one hop, so k paths are k different routes, never one
 * route repeated over parallel claims. Among equally short routes, each search takes the one
 * shortestPath's rule picks, and candidates of equal cost keep the order they were found in.
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
  const search = (source: string, hops: number, bannedNodes: ReadonlySet<string>, bannedMoves: ReadonlySet<string>) =>
    weighted
      ? cheapestPath(graph, ctx, source, to, hops, directed, bannedNodes, bannedMoves)
      : shortestPath(graph, ctx, source, to, hops, directed, bannedNodes, bannedMoves, cache);
  const first = search(from, maxHops, new Set(), new Set());
  if (!first) return [];
  const found: RawPath[] = [first];
  const candidates: RawPath[] = [];
  const seen = new Set([routeId(first.nodes)]);
  while (found.length < k) {
    const last = found[found.length - 1]!;
    for (let i = 0; i < last.steps.length; i++) {
      const rootId = routeId(last.nodes.slice(0, i + 1));
      const bannedMoves = new Set(
        found
          .filter((p) => p.nodes.length > i + 1 && routeId(p.nodes.slice(0, i + 1)) === rootId)
          .map((p) => moveKey(p.nodes[i]!, p.nodes[i + 1]!)),
      );
      const spurPath = search(last.nodes[i]!, maxHops - i, new Set(last.nodes.slice(0, i)), bannedMoves);
      if (!spurPath) continue;
      const nodes = [...last.nodes.slice(0, i), ...spurPath.nodes];
      const steps = [...last.steps.slice(0, i), ...spurPath.steps];
      if (seen.has(routeId(nodes))) continue;
      seen.add(routeId(nodes));
      candidates.push({ nodes, steps, cost: steps.reduce((sum, st) => sum + st.cost, 0) });
    }
    if (candidates.length === 0) break;
    candidates.sort((a, b) => a.cost - b.cost || a.steps.length - b.steps.length);
    found.push(candidates.shift()!);
  }
  return found;
}

/** A relation as the path code reads it: its ends and attributes. */
export interface PathRelation {
  key: string;
  from: string;
  to: string;
  attributes: RelationAttributes;
}

/** A PathGraph over plain lists: the candidate subgraph the Neo4j adapter fetches for a path search. */
export function pathGraphOfLists(
  entities: ReadonlyMap<string, EntityAttributes>,
  relations: readonly PathRelation[],
): PathGraph {
  const out = new Map<string, PathRelation[]>();
  const into = new Map<string, PathRelation[]>();
  for (const r of relations) {
    if (!entities.has(r.from) || !entities.has(r.to)) continue;
    (out.get(r.from) ?? out.set(r.from, []).get(r.from)!).push(r);
    (into.get(r.to) ?? into.set(r.to, []).get(r.to)!).push(r);
  }
  const attributesOf = (id: string) => {
    const a = entities.get(id);
    if (!a) throw new Error(`unknown entity "${id}"`);
    return a;
  };
  const walk = (lists: Map<string, PathRelation[]>) => (node: string, visit: EdgeVisitor) =>
    lists.get(node)?.forEach((r) => visit(r.key, r.attributes, r.from, r.to, attributesOf(r.from), attributesOf(r.to)));
  return { getNodeAttributes: attributesOf, forEachOutEdge: walk(out), forEachInEdge: walk(into) };
}

/** What explaining a path needs of a store: a relation by key, an entity's name, the sources. */
export interface PathLookup {
  relation(key: string): PathRelation;
  name(id: string): string;
  sourceById: ReadonlyMap<string, Source>;
}

/**
 * A found path as the API gives it. Each hop lists every claim between its two entities (status,
 * who asserts it, citations, sentence), and keeps its strongest claim's edge, type, status and
 * citations at the top, as hops had them when a hop was one claim. The hop's sentence gives the
 * strongest claim first, then the others, and opens with "Sources disagree:" when one claim
 * denies or disputes what another of the same type affirms.
 */
export function explainPath(p: RawPath, ctx: FilterContext, lookup: PathLookup): GraphPath {
  const hops = p.steps.map((step): PathHop => {
    const claims = step.claims.map(({ edge, direction }): PathClaim => {
      const r = lookup.relation(edge);
      const { type, status, assertedBy, evidence: cited } = ctx.edgeView(r.attributes);
      const evidence = citeEvidence(cited, lookup.sourceById);
      const names = { fromName: lookup.name(r.from), toName: lookup.name(r.to) };
      const assertedByNames = assertedBy.map((id) => lookup.name(id));
      const sentence = explainRelation({ type, status, evidence, assertedByNames, ...names });
      return { edge, type, direction, status, assertedBy, evidence, sentence };
    });
    const top = claims.find((c) => c.edge === step.edge)!;
    const sentence = [top, ...claims.filter((c) => c !== top)].map((c) => c.sentence).join('; ');
    const { edge, type, direction, status, evidence } = top;
    const { from, to } = step;
    const said = disagree(claims) ? `Sources disagree: ${sentence}` : sentence;
    return { edge, from, to, type, direction, status, evidence, sentence: said, claims };
  });
  return { nodes: p.nodes, edges: p.steps.map((s) => s.edge), hops, cost: Math.round(p.cost * 1000) / 1000 };
}

/** Whether some claim denies or disputes what another claim of the same type affirms (or disputes it otherwise). */
function disagree(claims: readonly Pick<PathClaim, 'type' | 'status'>[]): boolean {
  return claims.some(
    (a) =>
      (a.status === 'denied' || a.status === 'disputed') &&
      claims.some((b) => b !== a && b.type === a.type && b.status !== a.status),
  );
}

/** The port's answer for the paths found, or the reason there are none. */
export function pathsAnswer(raw: RawPath[], options: PathOptions, explain: (p: RawPath) => GraphPath): PathsResult {
  if (raw.length > 0) return { paths: raw.map(explain) };
  const following = options.directed ? 'following relation directions ' : '';
  return { paths: [], reason: `no path of at most ${options.maxHops} hops ${following}under the given filters` };
}
