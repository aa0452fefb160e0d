import { RELATION_TYPES } from '../../model';
import type { Adjacency } from './adjacency';
import type { FilterContext } from './filters';
import type { RawPath, Step } from './paths';

/**
 * Hop-count paths on the compact index: a bidirectional breadth-first search, and Yen's k shortest
 * paths on top of it. They return exactly what the reference definitions in paths.ts return
 * (shortestPath and kShortestPaths without an index), including which of several equally short
 * paths wins; tests/store/memory-traversal.test.ts holds them to that.
 *
 * Per call nothing is allocated in proportion to the graph: visits, distances and bans live in
 * typed arrays kept per index and stamped with a generation number, so clearing them is O(1).
 */

/** A path as entity and relation numbers of the index: nodes[i] -edges[i]-> nodes[i + 1]. */
interface IndexedPath {
  nodes: number[];
  edges: number[];
}

/**
 * Scratch space for the searches of one index. A stamp array holds, per entity (or relation),
 * the generation in which it was last set; anything else counts as unset. Searches run
 * synchronously to completion, so one set per index is enough.
 */
class SearchMarks {
  private generation = 0;
  /** Reached by the search from the start, at fromStart[i] hops. */
  readonly forward: Int32Array;
  readonly fromStart: Int32Array;
  /** Reached by the search from the end (over moves read backwards), at toEnd[i] hops. */
  readonly backward: Int32Array;
  readonly toEnd: Int32Array;
  /** Entities known not to lead to the other side (memo of the path reconstruction). */
  readonly deadEnd: Int32Array;
  readonly bannedNode: Int32Array;
  readonly bannedEdge: Int32Array;
  /** 1 for relations of a symmetric type (walked both ways even in directed searches). */
  readonly symmetric: Uint8Array;

  constructor(adj: Adjacency) {
    const n = adj.order;
    const m = adj.edgeKeys.length;
    this.forward = new Int32Array(n);
    this.fromStart = new Int32Array(n);
    this.backward = new Int32Array(n);
    this.toEnd = new Int32Array(n);
    this.deadEnd = new Int32Array(n);
    this.bannedNode = new Int32Array(n);
    this.bannedEdge = new Int32Array(m);
    this.symmetric = new Uint8Array(m);
    for (let e = 0; e < m; e++) this.symmetric[e] = RELATION_TYPES[adj.edgeAttrs[e]!.type].symmetric ? 1 : 0;
  }

  /**
   * A generation no stamp array holds yet, for the bans of a search. Stamps wrap around here and
   * only here (clearing every array), so the search that follows can take its own generation
   * with `next` without clearing the bans just set.
   */
  startBans(): number {
    if (this.generation >= 0x7ffffff0) {
      for (const a of [this.forward, this.backward, this.deadEnd, this.bannedNode, this.bannedEdge]) a.fill(0);
      this.generation = 0;
    }
    return ++this.generation;
  }

  /** The generation of a search, after startBans. */
  next(): number {
    return ++this.generation;
  }
}

const marksByIndex = new WeakMap<Adjacency, SearchMarks>();

function marksFor(adj: Adjacency): SearchMarks {
  let marks = marksByIndex.get(adj);
  if (!marks) marksByIndex.set(adj, (marks = new SearchMarks(adj)));
  return marks;
}

/** What a search may not use: entities and relations stamped with `stamp` in the marks. */
interface Bans {
  marks: SearchMarks;
  stamp: number;
}

/**
 * Shortest path from `start` to `end` of at most maxHops hops (start !== end), by the tie rule of
 * shortestPath in paths.ts.
 *
 * Two breadth-first searches, one from each end, each adding one layer at a time; the one whose
 * frontier has fewer relations to scan goes next. The first relation found joining the two sides
 * fixes the length: with complete layers 0..a from the start and 0..b from the end that did not
 * touch, it is a + 1 + b, and every shortest path runs through forward layers 1..a, then one hop
 * into backward layer b, then down the backward layers. So the search stops there, without
 * finishing the layer, and the path is rebuilt by the rule: a depth-first walk from the start over
 * the forward layers, trying moves in the stable order and remembering dead ends, to the first
 * entity of backward layer b the rule leads to; from there each step takes the first move to an
 * entity one hop closer to the end.
 */
function shortestIndexed(adj: Adjacency, ctx: FilterContext, start: number, end: number, maxHops: number, directed: boolean, bans: Bans): IndexedPath | null {
  const { offsets, neighbour, edge, outgoing, edgeAttrs, nodeAttrs } = adj;
  const { marks, stamp: banned } = bans;
  const { forward, fromStart, backward, toEnd, deadEnd, bannedNode, bannedEdge, symmetric } = marks;
  const all = ctx.passesAll;
  // The start is never entered by a move, so node filters and bans do not apply to it.
  if (bannedNode[end] === banned || (!all && !ctx.nodePasses(nodeAttrs[end]!))) return null;

  const visit = marks.next();
  forward[start] = visit;
  fromStart[start] = 0;
  backward[end] = visit;
  toEnd[end] = 0;
  let forwardLayer = [start];
  let backwardLayer = [end];
  let forwardWork = offsets[start + 1]! - offsets[start]!;
  let backwardWork = offsets[end + 1]! - offsets[end]!;
  let a = 0;
  let b = 0;
  let met = false;
  search: while (a + b < maxHops) {
    if (forwardLayer.length === 0 || backwardLayer.length === 0) return null;
    const next: number[] = [];
    let work = 0;
    if (forwardWork <= backwardWork) {
      for (const u of forwardLayer) {
        for (let k = offsets[u]!, stop = offsets[u + 1]!; k < stop; k++) {
          const e = edge[k]!;
          if (directed && outgoing[k] === 0 && symmetric[e] === 0) continue;
          const v = neighbour[k]!;
          if (forward[v] === visit || bannedNode[v] === banned || bannedEdge[e] === banned) continue;
          if (!all && !(ctx.edgePasses(edgeAttrs[e]!) && ctx.nodePasses(nodeAttrs[v]!))) continue;
          if (backward[v] === visit) {
            met = true;
            break search;
          }
          forward[v] = visit;
          fromStart[v] = a + 1;
          next.push(v);
          work += offsets[v + 1]! - offsets[v]!;
        }
      }
      a++;
      forwardLayer = next;
      forwardWork = work;
    } else {
      for (const v of backwardLayer) {
        for (let k = offsets[v]!, stop = offsets[v + 1]!; k < stop; k++) {
          const e = edge[k]!;
          // The move u -> v: along a relation into v, or against one out of v.
          if (directed && outgoing[k] === 1 && symmetric[e] === 0) continue;
          const u = neighbour[k]!;
          if (backward[u] === visit || bannedEdge[e] === banned) continue;
          if (u !== start && (bannedNode[u] === banned || (!all && !ctx.nodePasses(nodeAttrs[u]!)))) continue;
          if (!all && !ctx.edgePasses(edgeAttrs[e]!)) continue;
          if (forward[u] === visit) {
            met = true;
            break search;
          }
          backward[u] = visit;
          toEnd[u] = b + 1;
          next.push(u);
          work += offsets[u + 1]! - offsets[u]!;
        }
      }
      b++;
      backwardLayer = next;
      backwardWork = work;
    }
  }
  if (!met) return null;

  // Whether the move along slot k is one the search may take (the entity it enters is checked
  // by the caller, through the layer it lies in).
  const usable = (k: number, pass: number) => {
    if (outgoing[k] !== pass) return false;
    const e = edge[k]!;
    if (pass === 0 && directed && symmetric[e] === 0) return false;
    return bannedEdge[e] !== banned && (all || ctx.edgePasses(edgeAttrs[e]!));
  };
  const nodes = [start];
  const edges: number[] = [];
  // Depth-first from the start over forward layers 1..a, first moves first, then one hop into
  // backward layer b.
  const reachBackward = (u: number, hops: number): boolean => {
    const first = offsets[u]!;
    const stop = offsets[u + 1]!;
    for (let pass = 1; pass >= 0; pass--) {
      for (let k = first; k < stop; k++) {
        const v = neighbour[k]!;
        if (hops === a) {
          if (backward[v] !== visit || toEnd[v] !== b || !usable(k, pass)) continue;
          nodes.push(v);
          edges.push(edge[k]!);
          return true;
        }
        if (forward[v] !== visit || fromStart[v] !== hops + 1 || deadEnd[v] === visit || !usable(k, pass)) continue;
        nodes.push(v);
        edges.push(edge[k]!);
        if (reachBackward(v, hops + 1)) return true;
        nodes.pop();
        edges.pop();
        deadEnd[v] = visit;
      }
    }
    return false;
  };
  reachBackward(start, 0);
  // The backward layers give every entity's distance to the end: step to one a hop closer.
  let u = nodes[nodes.length - 1]!;
  for (let left = b; left > 0; left--) {
    let step = -1;
    for (let pass = 1; pass >= 0 && step < 0; pass--) {
      for (let k = offsets[u]!, stop = offsets[u + 1]!; k < stop; k++) {
        const v = neighbour[k]!;
        if (backward[v] === visit && toEnd[v] === left - 1 && usable(k, pass)) {
          step = k;
          break;
        }
      }
    }
    u = neighbour[step]!;
    nodes.push(u);
    edges.push(edge[step]!);
  }
  return { nodes, edges };
}

function toRawPath(adj: Adjacency, p: IndexedPath): RawPath {
  const steps: Step[] = p.edges.map((e, i) => {
    const from = p.nodes[i]!;
    return { edge: adj.edgeKeys[e]!, from: adj.ids[from]!, to: adj.ids[p.nodes[i + 1]!]!, direction: adj.edgeSource[e] === from ? 'forward' : 'backward' };
  });
  return { nodes: p.nodes.map((n) => adj.ids[n]!), steps, cost: steps.length };
}

const samePrefix = (a: readonly number[], b: readonly number[], length: number) => {
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return false;
  return true;
};

const sameEdges = (a: readonly number[], b: readonly number[]) => a.length === b.length && samePrefix(a, b, a.length);

/**
 * Yen's k shortest loopless paths by hop count, as kShortestPaths in paths.ts runs it (same spur
 * searches, same bans, candidates of equal length in the order they were found), on entity and
 * relation numbers. Bans are stamps in the marks rather than sets of keys.
 */
export function kShortestPathsIndexed(adj: Adjacency, ctx: FilterContext, from: string, to: string, options: { k: number; maxHops: number; directed: boolean }): RawPath[] {
  if (from === to) return [{ nodes: [from], steps: [], cost: 0 }];
  const start = adj.indexOf.get(from);
  const end = adj.indexOf.get(to);
  if (start === undefined || end === undefined) return [];
  const { k, maxHops, directed } = options;
  const marks = marksFor(adj);
  const first = shortestIndexed(adj, ctx, start, end, maxHops, directed, { marks, stamp: marks.startBans() });
  if (!first) return [];
  const found: IndexedPath[] = [first];
  const candidates: IndexedPath[] = [];
  const known = (p: IndexedPath) => found.some((q) => sameEdges(p.edges, q.edges)) || candidates.some((q) => sameEdges(p.edges, q.edges));
  while (found.length < k) {
    const last = found[found.length - 1]!;
    for (let i = 0; i < last.edges.length; i++) {
      // The root (the first i hops of the last path) may not be re-entered, and the spur may not
      // leave by a relation that a path found with the same root already took.
      const stamp = marks.startBans();
      for (let j = 0; j < i; j++) marks.bannedNode[last.nodes[j]!] = stamp;
      for (const p of found) if (p.edges.length > i && samePrefix(p.edges, last.edges, i)) marks.bannedEdge[p.edges[i]!] = stamp;
      const spur = shortestIndexed(adj, ctx, last.nodes[i]!, end, maxHops - i, directed, { marks, stamp });
      if (!spur) continue;
      const candidate = { nodes: [...last.nodes.slice(0, i), ...spur.nodes], edges: [...last.edges.slice(0, i), ...spur.edges] };
      if (!known(candidate)) candidates.push(candidate);
    }
    if (candidates.length === 0) break;
    // The shortest candidate, the earliest found among equals (what a stable sort would put first).
    let best = 0;
    for (let c = 1; c < candidates.length; c++) if (candidates[c]!.edges.length < candidates[best]!.edges.length) best = c;
    found.push(candidates.splice(best, 1)[0]!);
  }
  return found.map((p) => toRawPath(adj, p));
}

/**
 * One shortest path search with bans given as keys, for callers outside Yen's loop (tests compare
 * it with shortestPath). Looking the banned relations up scans the relation keys once.
 */
export function shortestPathIndexed(
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
  const start = adj.indexOf.get(from);
  const end = adj.indexOf.get(to);
  if (start === undefined || end === undefined) return null;
  const marks = marksFor(adj);
  const stamp = marks.startBans();
  for (const node of bannedNodes) {
    const i = adj.indexOf.get(node);
    if (i !== undefined) marks.bannedNode[i] = stamp;
  }
  if (bannedEdges.size > 0) adj.edgeKeys.forEach((key, e) => bannedEdges.has(key) && (marks.bannedEdge[e] = stamp));
  const path = shortestIndexed(adj, ctx, start, end, maxHops, directed, { marks, stamp });
  return path && toRawPath(adj, path);
}
