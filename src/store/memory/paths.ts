import { RELATION_TYPES } from '../../model';
import type { KnowledgeGraph } from '../../seed/build-graph';
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
}

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
  if (from === to) return { nodes: [from], steps: [] };
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

function unwind(parent: Map<string, Step | null>, to: string): RawPath {
  const steps: Step[] = [];
  let cursor = parent.get(to) ?? null;
  while (cursor) {
    steps.unshift(cursor);
    cursor = parent.get(cursor.from) ?? null;
  }
  return { nodes: [steps[0]?.from ?? to, ...steps.map((s) => s.to)], steps };
}

const pathId = (p: RawPath) => p.steps.map((s) => s.edge).join('|');

/**
 * The k shortest loopless paths (Yen's algorithm over hop counts). Parallel edges between the same
 * pair count as distinct paths, since each is a distinct claim with its own evidence.
 */
export function kShortestPaths(
  graph: KnowledgeGraph,
  ctx: FilterContext,
  from: string,
  to: string,
  k: number,
  maxHops: number,
  directed: boolean,
): RawPath[] {
  const first = shortestPath(graph, ctx, from, to, maxHops, directed, new Set(), new Set());
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
      const spurPath = shortestPath(graph, ctx, spur, to, maxHops - i, directed, bannedNodes, bannedEdges);
      if (!spurPath) continue;
      const candidate: RawPath = { nodes: [...last.nodes.slice(0, i), ...spurPath.nodes], steps: [...rootSteps, ...spurPath.steps] };
      const id = pathId(candidate);
      if (!seen.has(id)) {
        seen.add(id);
        candidates.push(candidate);
      }
    }
    if (candidates.length === 0) break;
    candidates.sort((a, b) => a.steps.length - b.steps.length);
    found.push(candidates.shift()!);
  }
  return found;
}
