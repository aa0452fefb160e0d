import { DirectedGraph, UndirectedGraph } from 'graphology';
import { RELATION_TYPE_IDS, RELATION_TYPES, type GraphJson, type RelationLayer } from '../model';
import type { GraphStructure } from '../store/port';

const TYPE_NUMBER = new Map<string, number>(RELATION_TYPE_IDS.map((t, i) => [t, i]));

/** From any store's `graph(filters)` output, for a store without graphStructure. Unknown types are dropped. */
export function inputFromGraphJson(json: GraphJson): GraphStructure {
  const index = new Map(json.nodes.map((node, i) => [node.key, i]));
  const edges = json.edges.flatMap((e) => {
    const ends = [index.get(e.source), index.get(e.target), TYPE_NUMBER.get(String(e.attributes?.type))];
    return ends.includes(undefined) ? [] : [ends as number[]];
  });
  return {
    ids: json.nodes.map((n) => n.key),
    names: json.nodes.map((n) => String(n.attributes?.name ?? n.key)),
    kinds: json.nodes.map((n) => String(n.attributes?.kind ?? '')),
    source: Int32Array.from(edges, (e) => e[0]!),
    target: Int32Array.from(edges, (e) => e[1]!),
    type: Uint8Array.from(edges, (e) => e[2]!),
  };
}

/** What the analysis reads: a store's GraphStructure as it is, or one built from a JSON graph. */
export const asInput = (x: GraphJson | GraphStructure): GraphStructure =>
  'ids' in x && x.source instanceof Int32Array ? x : inputFromGraphJson(x as GraphJson);

/**
 * Centrality and communities need a simple graph: the knowledge graph is a directed multigraph
 * where two claims about one pair are two edges. These projections collapse parallel claims into
 * one tie whose `weight` is the number of claims.
 */
export type SimpleUndirected = UndirectedGraph<{ name: string; kind: string }, { weight: number }>;
export type SimpleDirected = DirectedGraph<{ name: string; kind: string }, { weight: number }>;

/** `layers`: keep only relations of these layers (all layers when omitted). */
export type ProjectionOptions = { layers?: readonly RelationLayer[] };

/**
 * A view's two projections, from one pass over its relations: undirected, and directed with a
 * symmetric relation counted both ways. With layers given, entities without a kept tie are left out.
 */
export function projections(
  graph: GraphJson | GraphStructure,
  { layers }: ProjectionOptions = {},
): [SimpleUndirected, SimpleDirected] {
  const input = asInput(graph);
  const n = input.ids.length;
  const keep = RELATION_TYPE_IDS.map((t) => !layers || layers.includes(RELATION_TYPES[t].layer));
  const symmetric = RELATION_TYPE_IDS.map((t) => RELATION_TYPES[t].symmetric);
  // Kept relations as counted pairs of entity numbers, each pair keyed by one number (a * n + b,
  // exact below 2^53): much cheaper than a string key per relation. A tie is keyed smaller end first.
  const [ties, arrows] = [new Map<number, number>(), new Map<number, number>()];
  const count = (pairs: Map<number, number>, key: number) => pairs.set(key, (pairs.get(key) ?? 0) + 1);
  for (let e = 0; e < input.source.length; e++) {
    const t = input.type[e]!;
    const s = input.source[e]!;
    const d = input.target[e]!;
    if (!keep[t] || s === d) continue;
    count(ties, s < d ? s * n + d : d * n + s);
    count(arrows, s * n + d);
    if (symmetric[t]) count(arrows, d * n + s);
  }
  const build = <G extends SimpleUndirected | SimpleDirected>(g: G, pairs: Map<number, number>): G => {
    const addNode = (i: number) => {
      if (!g.hasNode(input.ids[i]!)) g.addNode(input.ids[i]!, { name: input.names[i]!, kind: input.kinds[i]! });
    };
    // With a layer chosen, entities without a tie in it are not part of that layer's network.
    if (!layers) for (let i = 0; i < n; i++) addNode(i);
    for (const [key, weight] of pairs) {
      const s = Math.floor(key / n);
      const t = key - s * n;
      addNode(s);
      addNode(t);
      g.addEdge(input.ids[s]!, input.ids[t]!, { weight });
    }
    return g;
  };
  return [build(new UndirectedGraph(), ties), build(new DirectedGraph(), arrows)];
}
