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

/** Kept edges as counted pairs; counting in a Map first is much faster than updating graph edges. */
function countPairs(json: GraphJson, options: ProjectionOptions, directed: boolean): Map<string, { s: string; t: string; weight: number }> {
  const pairs = new Map<string, { s: string; t: string; weight: number }>();
  const add = (s: string, t: string) => {
    const [a, b] = directed || s < t ? [s, t] : [t, s];
    const key = `${a}\u0000${b}`;
    const pair = pairs.get(key);
    if (pair) pair.weight++;
    else pairs.set(key, { s: a, t: b, weight: 1 });
  };
  for (const e of json.edges) {
    const type = e.attributes?.type as RelationType | undefined;
    if (!type || !keep(type, options) || e.source === e.target) continue;
    add(e.source, e.target);
    if (directed && RELATION_TYPES[type].symmetric) add(e.target, e.source);
  }
  return pairs;
}

function project<G extends SimpleUndirected | SimpleDirected>(g: G, json: GraphJson, options: ProjectionOptions, directed: boolean): G {
  const attrs = new Map(json.nodes.map((n) => [n.key, n.attributes]));
  const addNode = (id: string) => {
    if (!g.hasNode(id)) g.addNode(id, { name: String(attrs.get(id)?.name ?? id), kind: String(attrs.get(id)?.kind ?? '') });
  };
  // With a layer chosen, entities without a tie in it are not part of that layer's network.
  if (!options.layers) for (const n of json.nodes) addNode(n.key);
  for (const { s, t, weight } of countPairs(json, options, directed).values()) {
    addNode(s);
    addNode(t);
    g.addEdge(s, t, { weight });
  }
  return g;
}

/** Undirected, parallel claims merged; nodes without a kept tie are left out when layers are given. */
export function undirectedProjection(json: GraphJson, options: ProjectionOptions = {}): SimpleUndirected {
  return project<SimpleUndirected>(new UndirectedGraph(), json, options, false);
}

/** Directed, parallel claims merged; a symmetric relation counts in both directions. */
export function directedProjection(json: GraphJson, options: ProjectionOptions = {}): SimpleDirected {
  return project<SimpleDirected>(new DirectedGraph(), json, options, true);
}
