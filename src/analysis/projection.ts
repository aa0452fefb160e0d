import { DirectedGraph, UndirectedGraph } from 'graphology';
import { RELATION_TYPES, type RelationLayer, type RelationType } from '../model';
import type { GraphJson } from '../store/port';

/**
 * Centrality and communities need a simple graph: the knowledge graph is a directed multigraph
 * where two claims about one pair are two edges. These projections collapse parallel claims into
 * one tie whose `weight` is the number of claims.
 */
export type SimpleUndirected = UndirectedGraph<{ name: string; kind: string }, { weight: number }>;
export type SimpleDirected = DirectedGraph<{ name: string; kind: string }, { weight: number }>;

export interface ProjectionOptions {
  /** Keep only relations of these layers (all layers when omitted). */
  layers?: readonly RelationLayer[];
}

function keep(type: RelationType, options: ProjectionOptions): boolean {
  return !options.layers || options.layers.includes(RELATION_TYPES[type].layer);
}

/** Undirected, parallel claims merged; nodes without a kept tie are left out when layers are given. */
export function undirectedProjection(json: GraphJson, options: ProjectionOptions = {}): SimpleUndirected {
  const g: SimpleUndirected = new UndirectedGraph();
  if (!options.layers) for (const n of json.nodes) g.addNode(n.key, { name: String(n.attributes?.name ?? n.key), kind: String(n.attributes?.kind ?? '') });
  const attrs = new Map(json.nodes.map((n) => [n.key, n.attributes]));
  for (const e of json.edges) {
    const type = e.attributes?.type as RelationType | undefined;
    if (!type || !keep(type, options) || e.source === e.target) continue;
    for (const id of [e.source, e.target]) {
      if (!g.hasNode(id)) g.addNode(id, { name: String(attrs.get(id)?.name ?? id), kind: String(attrs.get(id)?.kind ?? '') });
    }
    g.updateEdge(e.source, e.target, (a) => ({ weight: (a.weight ?? 0) + 1 }));
  }
  return g;
}

/** Directed, parallel claims merged; a symmetric relation counts in both directions. */
export function directedProjection(json: GraphJson, options: ProjectionOptions = {}): SimpleDirected {
  const g: SimpleDirected = new DirectedGraph();
  const undirected = undirectedProjection(json, options);
  undirected.forEachNode((n, a) => g.addNode(n, a));
  for (const e of json.edges) {
    const type = e.attributes?.type as RelationType | undefined;
    if (!type || !keep(type, options) || e.source === e.target) continue;
    const add = (s: string, t: string) => g.updateEdge(s, t, (a) => ({ weight: (a.weight ?? 0) + 1 }));
    add(e.source, e.target);
    if (RELATION_TYPES[type].symmetric) add(e.target, e.source);
  }
  return g;
}

