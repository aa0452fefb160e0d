import { DirectedGraph, UndirectedGraph } from 'graphology';
import { RELATION_TYPE_IDS, RELATION_TYPES, type RelationLayer } from '../model';
import type { GraphJson } from '../model';
import { inputFromGraphJson, isAnalysisInput, type AnalysisInput } from './input';

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

/**
 * Kept relations as counted pairs of entity numbers. A pair is keyed by one number
 * (a * n + b, exact below 2^53), which is much cheaper than a string key per relation.
 */
function countPairs(input: AnalysisInput, options: ProjectionOptions, directed: boolean): Map<number, number> {
  const n = input.ids.length;
  const keepType = RELATION_TYPE_IDS.map((t) => !options.layers || options.layers.includes(RELATION_TYPES[t].layer));
  const symmetric = RELATION_TYPE_IDS.map((t) => RELATION_TYPES[t].symmetric);
  const pairs = new Map<number, number>();
  const add = (a: number, b: number) => {
    const key = directed || a < b ? a * n + b : b * n + a;
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
  };
  const { source, target, type } = input;
  for (let e = 0; e < source.length; e++) {
    const t = type[e]!;
    const s = source[e]!;
    const d = target[e]!;
    if (!keepType[t] || s === d) continue;
    add(s, d);
    if (directed && symmetric[t]) add(d, s);
  }
  return pairs;
}

function project<G extends SimpleUndirected | SimpleDirected>(
  g: G,
  input: AnalysisInput,
  options: ProjectionOptions,
  directed: boolean,
): G {
  const n = input.ids.length;
  const added = new Uint8Array(n);
  const addNode = (i: number) => {
    if (added[i]) return;
    added[i] = 1;
    g.addNode(input.ids[i]!, { name: input.names[i]!, kind: input.kinds[i]! });
  };
  // With a layer chosen, entities without a tie in it are not part of that layer's network.
  if (!options.layers) for (let i = 0; i < n; i++) addNode(i);
  for (const [key, weight] of countPairs(input, options, directed)) {
    const s = Math.floor(key / n);
    const t = key - s * n;
    addNode(s);
    addNode(t);
    g.addEdge(input.ids[s]!, input.ids[t]!, { weight });
  }
  return g;
}

const asInput = (graph: GraphJson | AnalysisInput): AnalysisInput =>
  isAnalysisInput(graph) ? graph : inputFromGraphJson(graph);

/** Undirected, parallel claims merged; nodes without a kept tie are left out when layers are given. */
export function undirectedProjection(
  graph: GraphJson | AnalysisInput,
  options: ProjectionOptions = {},
): SimpleUndirected {
  return project<SimpleUndirected>(new UndirectedGraph(), asInput(graph), options, false);
}

/** Directed, parallel claims merged; a symmetric relation counts in both directions. */
export function directedProjection(graph: GraphJson | AnalysisInput, options: ProjectionOptions = {}): SimpleDirected {
  return project<SimpleDirected>(new DirectedGraph(), asInput(graph), options, true);
}
