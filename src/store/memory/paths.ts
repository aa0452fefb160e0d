import { RELATION_TYPES, type RelationStatus } from '../../model';
import type { KnowledgeGraph, RelationAttributes } from '../../seed/build-graph';
import type { Adjacency } from './adjacency';
import type { FilterContext } from './filters';

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

/**
 * The moves available from a node under the filters. Undirected search walks every edge both
 * ways; directed search follows edges forward, and symmetric relations both ways because their
 * direction in the data carries no meaning.
 */
export function movesFrom(graph: KnowledgeGraph, ctx: FilterContext, node: string, directed: boolean): Step[] {
  const steps: Step[] = [];
  graph.forEachOutEdge(node, (edge, attrs, _s, target, _sa, targetAttrs) => {
    if (ctx.edgePasses(attrs) && ctx.nodePasses(targetAttrs)) steps.push({ edge, from: node, to: target, direction: 'forward' });
  });
  graph.forEachInEdge(node, (edge, attrs, source, _t, sourceAttrs) => {
    if (!directed || RELATION_TYPES[attrs.type].symmetric) {
      if (ctx.edgePasses(attrs) && ctx.nodePasses(sourceAttrs)) steps.push({ edge, from: node, to: source, direction: 'backward' });
    }
  });
  return steps;
}

/**
 * Shortest path by hop count (breadth-first), avoiding banned nodes and edges. Among paths of
 * equal length the first found wins; moves are visited in a stable order so results repeat.
 */
function shortestPath(
  graph: KnowledgeGraph,
  ctx: FilterContext,
  from: string,
  to: string,
  maxHops: number,
  directed: boolean,
  bannedNodes: ReadonlySet<string>,
  bannedEdges: ReadonlySet<string>,
): RawPath | null {
  if (from === to) return { nodes: [from], steps: [], cost: 0 };
  const parent = new Map<string, Step | null>([[from, null]]);
  let frontier = [from];
  for (let hop = 0; hop < maxHops && frontier.length > 0; hop++) {
    const next: string[] = [];
    for (const node of frontier) {
      for (const step of movesFrom(graph, ctx, node, directed)) {
        if (parent.has(step.to) || bannedNodes.has(step.to) || bannedEdges.has(step.edge)) continue;
        parent.set(step.to, step);
        if (step.to === to) return unwind(parent, to);
        next.push(step.to);
      }
    }
    frontier = next;
  }
  return null;
}

/**
 * The same breadth-first search as shortestPath, on the compact index: moves in the same order
 * (outgoing relations, then incoming ones, each in graphology's order), visited entities marked
 * in the index's stamp array instead of a map, no object per move. It returns exactly what
 * shortestPath returns; only the first hit's parents become Step objects.
 */
function shortestPathIndexed(
  adj: Adjacency,
  ctx: FilterContext,
  from: string,
  to: string,
  maxHops: number,
  directed: boolean,
  bannedNodes: ReadonlySet<string>,
  bannedEdges: ReadonlySet<string>,
): RawPath | null {
  if (from === to) return { nodes: [from], steps: [], cost: 0 };
  const source = adj.indexOf.get(from);
  const target = adj.indexOf.get(to);
  if (source === undefined || target === undefined) return null;
  const { offsets, neighbour, edge, outgoing, edgeAttrs, nodeAttrs } = adj;
  const visit = adj.beginVisit();
  adj.mark(source, visit);
  // Banned entities can never be entered: marking them visited has the same effect.
  for (const b of bannedNodes) {
    const i = adj.indexOf.get(b);
    if (i !== undefined) adj.mark(i, visit);
  }
  const all = ctx.passesAll;
  const parentSlot = adj.scratch;
  let frontier = [source];
  for (let hop = 0; hop < maxHops && frontier.length > 0; hop++) {
    const next: number[] = [];
    for (const node of frontier) {
      const start = offsets[node]!;
      const end = offsets[node + 1]!;
      // Forward moves first, then backward ones, as movesFrom lists them.
      for (let pass = 1; pass >= 0; pass--) {
        for (let k = start; k < end; k++) {
          if (outgoing[k] !== pass) continue;
          const e = edge[k]!;
          const attrs = edgeAttrs[e]!;
          if (pass === 0 && directed && !RELATION_TYPES[attrs.type].symmetric) continue;
          const other = neighbour[k]!;
          if (!all && !(ctx.edgePasses(attrs) && ctx.nodePasses(nodeAttrs[other]!))) continue;
          if (adj.isMarked(other, visit) || (bannedEdges.size > 0 && bannedEdges.has(adj.edgeKeys[e]!))) continue;
          adj.mark(other, visit);
          parentSlot[other] = k;
          if (other === target) return unwindIndexed(adj, parentSlot, source, target);
          next.push(other);
        }
      }
    }
    frontier = next;
  }
  return null;
}

function unwindIndexed(adj: Adjacency, parentSlot: Int32Array, source: number, target: number): RawPath {
  const steps: Step[] = [];
  let node = target;
  while (node !== source) {
    // The slot belongs to the entity we came from: the relation's other end.
    const k = parentSlot[node]!;
    const e = adj.edge[k]!;
    const fromNode = adj.edgeSource[e] === node ? adj.edgeTarget[e]! : adj.edgeSource[e]!;
    steps.unshift({ edge: adj.edgeKeys[e]!, from: adj.ids[fromNode]!, to: adj.ids[node]!, direction: adj.outgoing[k] === 1 ? 'forward' : 'backward' });
    node = fromNode;
  }
  return { nodes: [adj.ids[source]!, ...steps.map((s) => s.to)], steps, cost: steps.length };
}

function unwind(parent: Map<string, Step | null>, to: string): RawPath {
  const steps: Step[] = [];
  let cursor = parent.get(to) ?? null;
  while (cursor) {
    steps.unshift(cursor);
    cursor = parent.get(cursor.from) ?? null;
  }
  return { nodes: [steps[0]?.from ?? to, ...steps.map((s) => s.to)], steps, cost: steps.length };
}

/**
 * Cheapest path of at most maxHops hops under a positive hop cost: dynamic programming over the
 * number of hops (Bellman-Ford bounded by maxHops, at most 6), exact under the hop limit where
 * Dijkstra is not. With positive costs the cheapest walk never repeats a node.
 */
function cheapestPath(
  graph: KnowledgeGraph,
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
  /** The store's compact index of the same graph: hop-count searches then run on it (same results, faster). */
  adjacency?: Adjacency;
}

/**
 * The k shortest loopless paths (Yen's algorithm over hop counts). Parallel edges between the same
 * pair count as distinct paths, since each is a distinct claim with its own evidence.
 */
export function kShortestPaths(graph: KnowledgeGraph, ctx: FilterContext, from: string, to: string, options: KShortestOptions): RawPath[] {
  const { k, maxHops, directed, cost } = options;
  const search = (source: string, hops: number, bannedNodes: ReadonlySet<string>, bannedEdges: ReadonlySet<string>) =>
    cost
      ? cheapestPath(graph, ctx, source, to, hops, directed, bannedNodes, bannedEdges, cost)
      : options.adjacency
        ? shortestPathIndexed(options.adjacency, ctx, source, to, hops, directed, bannedNodes, bannedEdges)
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
