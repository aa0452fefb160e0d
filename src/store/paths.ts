import { byCodeUnits, RELATION_TYPES, type RelationStatus, type Source } from '../model';
import type { EntityAttributes, RelationAttributes } from '../seed/build-graph';
import { citeEvidence, explainRelation } from './explain';
import type { FilterContext } from './filters';
import type { GraphPath, PathOptions, PathsResult } from './port';

/** A step of a path: the edge taken and whether it was walked along or against its direction. */
export interface Step {
  edge: string;
  from: string;
  to: string;
  direction: 'forward' | 'backward';
}

export interface RawPath {
  nodes: string[];
  steps: Step[];
  /** Hops, or the sum of hop costs when weighted. */
  cost: number;
}

/** How much less a claim is worth by its status: an allegation is a weaker link than a report. */
export const STATUS_COST: Record<RelationStatus, number> = { reported: 1, disputed: 1.5, alleged: 2, denied: 3 };

/**
 * The cost of one hop when paths are weighted by evidence strength (lower is stronger):
 *   status factor (reported 1, disputed 1.5, alleged 2, denied 3)
 *   x credibility factor (Admiralty 1 -> 0.8, 2 -> 1.0 ... 6 -> 1.8; 1 when not graded)
 *   / (1 + 0.5 x (citations - 1))   (each further citation makes the hop cheaper)
 * A reported, singly cited, ungraded hop costs exactly 1, so unweighted and weighted costs of
 * such paths agree. Citations are those left after the knownBy filter.
 */
export function evidenceCost(attrs: Pick<RelationAttributes, 'status' | 'credibility' | 'evidence'>): number {
  const credibility = attrs.credibility === undefined ? 1 : 0.8 + 0.2 * (attrs.credibility - 1);
  const citations = Math.max(1, attrs.evidence.length);
  return (STATUS_COST[attrs.status] * credibility) / (1 + 0.5 * (citations - 1));
}

export type HopCost = (step: Step) => number;

type EdgeVisitor = (edge: string, attrs: RelationAttributes, source: string, target: string, sourceAttrs: EntityAttributes, targetAttrs: EntityAttributes) => void;

/**
 * What the path searches read of a graph: the embedded store's compact index
 * (memory/index-path-graph.ts), the candidate subgraph the Neo4j adapter fetches
 * (pathGraphOfLists below), or a graphology KnowledgeGraph. The order in which a graph visits
 * relations does not matter: moves are put in relation-key order.
 */
export interface PathGraph {
  getNodeAttributes(node: string): EntityAttributes;
  forEachOutEdge(node: string, visit: EdgeVisitor): void;
  forEachInEdge(node: string, visit: EdgeVisitor): void;
}

/**
 * The moves available from a node under the filters. Undirected search walks every edge both
 * ways; directed search follows edges forward, and symmetric relations both ways because their
 * direction in the data carries no meaning.
 */
export function movesFrom(graph: PathGraph, ctx: FilterContext, node: string, directed: boolean): Step[] {
  const steps: Step[] = [];
  graph.forEachOutEdge(node, (edge, attrs, _s, target, _sa, targetAttrs) => {
    if (ctx.edgePasses(attrs) && ctx.nodePasses(targetAttrs)) steps.push({ edge, from: node, to: target, direction: 'forward' });
  });
  graph.forEachInEdge(node, (edge, attrs, source, _t, sourceAttrs) => {
    if (!directed || RELATION_TYPES[attrs.type].symmetric) {
      if (ctx.edgePasses(attrs) && ctx.nodePasses(sourceAttrs)) steps.push({ edge, from: node, to: source, direction: 'backward' });
    }
  });
  return steps.sort(byEdgeKey);
}

/**
 * The moves that end at a node (movesFrom read backwards): a relation into it walked forward,
 * and, when undirected or symmetric, a relation out of it walked backward by its other end.
 * Each step is the move as its origin (`step.from`) would take it.
 */
export function movesInto(graph: PathGraph, ctx: FilterContext, node: string, directed: boolean): Step[] {
  const steps: Step[] = [];
  if (!ctx.nodePasses(graph.getNodeAttributes(node))) return steps;
  graph.forEachInEdge(node, (edge, attrs, source) => {
    if (ctx.edgePasses(attrs)) steps.push({ edge, from: source, to: node, direction: 'forward' });
  });
  graph.forEachOutEdge(node, (edge, attrs, _s, target) => {
    if ((!directed || RELATION_TYPES[attrs.type].symmetric) && ctx.edgePasses(attrs)) steps.push({ edge, from: target, to: node, direction: 'backward' });
  });
  return steps.sort(byEdgeKey);
}

/** The one move order (src/model/order.ts): by relation key, whatever order a graph keeps. */
const byEdgeKey = (a: Step, b: Step) => byCodeUnits(a.edge, b.edge);

/**
 * Shortest path by hop count, avoiding banned nodes and edges.
 *
 * Which of several equally short paths wins is a property of the paths, not of a search order:
 * from the start, each step takes the first move in relation-key order that still lies on some
 * shortest path. Here: hop distances to `to` by a breadth-first search over moves read backwards, then a
 * greedy walk from `from` that always steps to a node one hop closer.
 */
export function shortestPath(
  graph: PathGraph,
  ctx: FilterContext,
  from: string,
  to: string,
  maxHops: number,
  directed: boolean,
  bannedNodes: ReadonlySet<string>,
  bannedEdges: ReadonlySet<string>,
): RawPath | null {
  if (from === to) return { nodes: [from], steps: [], cost: 0 };
  if (bannedNodes.has(to)) return null;
  // The start is where paths begin, so the filters and bans that keep a move from entering a
  // node do not apply to it; every other node of a path is entered by a move.
  const enterable = (node: string) => node === from || (!bannedNodes.has(node) && ctx.nodePasses(graph.getNodeAttributes(node)));
  const hopsToEnd = new Map<string, number>([[to, 0]]);
  let frontier = [to];
  for (let hop = 1; hop <= maxHops && frontier.length > 0 && !hopsToEnd.has(from); hop++) {
    const next: string[] = [];
    for (const node of frontier) {
      for (const step of movesInto(graph, ctx, node, directed)) {
        if (hopsToEnd.has(step.from) || bannedEdges.has(step.edge) || !enterable(step.from)) continue;
        hopsToEnd.set(step.from, hop);
        next.push(step.from);
      }
    }
    frontier = next;
  }
  const length = hopsToEnd.get(from);
  if (length === undefined) return null;
  const steps: Step[] = [];
  let node = from;
  for (let left = length; left > 0; left--) {
    const step = movesFrom(graph, ctx, node, directed).find((st) => !bannedEdges.has(st.edge) && !bannedNodes.has(st.to) && hopsToEnd.get(st.to) === left - 1)!;
    steps.push(step);
    node = step.to;
  }
  return { nodes: [from, ...steps.map((st) => st.to)], steps, cost: length };
}

/**
 * Cheapest path of at most maxHops hops under a positive hop cost: dynamic programming over the
 * number of hops (Bellman-Ford bounded by maxHops, at most 6), exact under the hop limit where
 * Dijkstra is not. With positive costs the cheapest walk never repeats a node.
 */
function cheapestPath(
  graph: PathGraph,
  ctx: FilterContext,
  from: string,
  to: string,
  maxHops: number,
  directed: boolean,
  bannedNodes: ReadonlySet<string>,
  bannedEdges: ReadonlySet<string>,
  cost: HopCost,
): RawPath | null {
  if (from === to) return { nodes: [from], steps: [], cost: 0 };
  // layers[h]: node -> best cost with exactly h hops, and the step that got there.
  const layers: Map<string, { cost: number; step: Step | null }>[] = [new Map([[from, { cost: 0, step: null }]])];
  let best: { hops: number; cost: number } | null = null;
  for (let h = 1; h <= maxHops; h++) {
    const layer = new Map<string, { cost: number; step: Step | null }>();
    for (const [node, { cost: base }] of layers[h - 1]!) {
      if (node === to) continue;
      for (const step of movesFrom(graph, ctx, node, directed)) {
        if (step.to === from || bannedNodes.has(step.to) || bannedEdges.has(step.edge)) continue;
        const c = base + cost(step);
        const prev = layer.get(step.to);
        if (!prev || c < prev.cost) layer.set(step.to, { cost: c, step });
      }
    }
    layers.push(layer);
    const reached = layer.get(to);
    if (reached && (!best || reached.cost < best.cost)) best = { hops: h, cost: reached.cost };
    if (layer.size === 0) break;
  }
  if (!best) return null;
  const steps: Step[] = [];
  let node = to;
  for (let h = best.hops; h > 0; h--) {
    const step = layers[h]!.get(node)!.step!;
    steps.unshift(step);
    node = step.from;
  }
  // A walk through the same node twice would cost more than the same walk without the loop,
  // except on ties; refuse it rather than return a path that is not one.
  const nodes = [from, ...steps.map((st) => st.to)];
  if (new Set(nodes).size !== nodes.length) return null;
  return { nodes, steps, cost: best.cost };
}

const pathId = (p: RawPath) => p.steps.map((s) => s.edge).join('|');

export interface KShortestOptions {
  k: number;
  maxHops: number;
  directed: boolean;
  /** When given, paths are ranked by the sum of hop costs instead of hop count. */
  cost?: HopCost;
}

/**
 * The k shortest loopless paths (Yen's algorithm over hop counts). Parallel edges between the same
 * pair count as distinct paths, since each is a distinct claim with its own evidence. Among equally
 * short paths, each search takes the one shortestPath's rule picks, and candidates of equal cost
 * keep the order they were found in.
 */
export function kShortestPaths(graph: PathGraph, ctx: FilterContext, from: string, to: string, options: KShortestOptions): RawPath[] {
  const { k, maxHops, directed, cost } = options;
  const search = (source: string, hops: number, bannedNodes: ReadonlySet<string>, bannedEdges: ReadonlySet<string>) =>
    cost
      ? cheapestPath(graph, ctx, source, to, hops, directed, bannedNodes, bannedEdges, cost)
      : shortestPath(graph, ctx, source, to, hops, directed, bannedNodes, bannedEdges);
  const first = search(from, maxHops, new Set(), new Set());
  if (!first) return [];
  const found: RawPath[] = [first];
  const candidates: RawPath[] = [];
  const seen = new Set([pathId(first)]);
  while (found.length < k) {
    const last = found[found.length - 1]!;
    for (let i = 0; i < last.steps.length; i++) {
      const spur = last.nodes[i]!;
      const rootSteps = last.steps.slice(0, i);
      const rootId = rootSteps.map((s) => s.edge).join('|');
      const bannedEdges = new Set<string>();
      for (const p of found) {
        if (p.steps.length > i && p.steps.slice(0, i).map((s) => s.edge).join('|') === rootId) bannedEdges.add(p.steps[i]!.edge);
      }
      const bannedNodes = new Set(last.nodes.slice(0, i));
      const spurPath = search(spur, maxHops - i, bannedNodes, bannedEdges);
      if (!spurPath) continue;
      const steps = [...rootSteps, ...spurPath.steps];
      const candidate: RawPath = { nodes: [...last.nodes.slice(0, i), ...spurPath.nodes], steps, cost: cost ? steps.reduce((sum, st) => sum + cost(st), 0) : steps.length };
      const id = pathId(candidate);
      if (!seen.has(id)) {
        seen.add(id);
        candidates.push(candidate);
      }
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
export function pathGraphOfLists(entities: ReadonlyMap<string, EntityAttributes>, relations: readonly PathRelation[]): PathGraph {
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
  return {
    getNodeAttributes: attributesOf,
    forEachOutEdge: (node, visit) => out.get(node)?.forEach((r) => visit(r.key, r.attributes, r.from, r.to, attributesOf(r.from), attributesOf(r.to))),
    forEachInEdge: (node, visit) => into.get(node)?.forEach((r) => visit(r.key, r.attributes, r.from, r.to, attributesOf(r.from), attributesOf(r.to))),
  };
}

/** What explaining a path needs of a store: a relation by key, an entity's name, the sources. */
export interface PathLookup {
  relation(key: string): PathRelation;
  name(id: string): string;
  sourceById: ReadonlyMap<string, Source>;
}

/** A found path as the API gives it: each hop with its claim's status, citations and sentence. */
export function explainPath(p: RawPath, ctx: FilterContext, lookup: PathLookup): GraphPath {
  const hops = p.steps.map((step) => {
    const r = lookup.relation(step.edge);
    const a = ctx.edgeView(r.attributes);
    const evidence = citeEvidence(a.evidence, lookup.sourceById);
    return {
      edge: step.edge,
      from: step.from,
      to: step.to,
      type: a.type,
      direction: step.direction,
      status: a.status,
      evidence,
      sentence: explainRelation({
        type: a.type,
        fromName: lookup.name(r.from),
        toName: lookup.name(r.to),
        status: a.status,
        assertedByNames: a.assertedBy.map((x) => lookup.name(x)),
        evidence,
      }),
    };
  });
  return { nodes: p.nodes, edges: p.steps.map((s) => s.edge), hops, cost: Math.round(p.cost * 1000) / 1000 };
}

/** The port's answer for the paths found, or the reason there are none. */
export function pathsAnswer(raw: RawPath[], options: PathOptions, explain: (p: RawPath) => GraphPath): PathsResult {
  if (raw.length === 0) {
    return { paths: [], reason: `no path of at most ${options.maxHops} hops ${options.directed ? 'following relation directions ' : ''}under the given filters` };
  }
  return { paths: raw.map(explain) };
}
