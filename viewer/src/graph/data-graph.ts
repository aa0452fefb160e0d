import { MultiDirectedGraph } from 'graphology';
import type { EntityAttributes, GraphPath, RelationAttributes, SerializedGraph, Source } from '../api/types';

/**
 * The data the user is looking at: entities and claims as the API returned them, topology and
 * data only. Nothing here is about display; the graph sigma draws is derived from this one.
 */
export type DataGraph = MultiDirectedGraph<EntityAttributes, RelationAttributes>;

export function emptyDataGraph(): DataGraph {
  return new MultiDirectedGraph<EntityAttributes, RelationAttributes>({ allowSelfLoops: false });
}

/** Adds a serialised subgraph (neighbourhood, Cypher result) to `graph`; known keys are kept. */
export function mergeSubgraph(graph: DataGraph, sub: SerializedGraph): void {
  for (const n of sub.nodes) {
    if (n.attributes && !graph.hasNode(n.key)) graph.addNode(n.key, n.attributes);
  }
  for (const e of sub.edges) {
    if (!e.attributes || !graph.hasNode(e.source) || !graph.hasNode(e.target)) continue;
    const key = e.key ?? `${e.source}->${e.target}:${e.attributes.type}:${e.attributes.status}`;
    if (!graph.hasEdge(key)) graph.addDirectedEdgeWithKey(key, e.source, e.target, e.attributes);
  }
}

/** Sources listed by a serialised graph, by id: citations in panels name them. */
export function sourcesOf(sub: SerializedGraph): Map<string, Source> {
  return new Map((sub.attributes?.sources ?? []).map((s) => [s.id, s]));
}

/**
 * Adds the entities and claims of found paths that the current view lacks: every claim of every
 * hop. Entity attributes come from `lookup` (the API's entity endpoint); hops carry the claims'
 * own attributes.
 */
export function mergePaths(graph: DataGraph, paths: GraphPath[], entities: Map<string, EntityAttributes>): void {
  for (const p of paths) {
    for (const id of p.nodes) {
      const attrs = entities.get(id);
      if (attrs && !graph.hasNode(id)) graph.addNode(id, attrs);
    }
    for (const hop of p.hops) {
      for (const claim of hop.claims) {
        if (graph.hasEdge(claim.edge)) continue;
        const [source, target] = claim.direction === 'forward' ? [hop.from, hop.to] : [hop.to, hop.from];
        if (!graph.hasNode(source) || !graph.hasNode(target)) continue;
        graph.addDirectedEdgeWithKey(claim.edge, source, target, {
          type: claim.type,
          status: claim.status,
          assertedBy: claim.assertedBy,
          evidence: claim.evidence.map(({ source: s, paragraph, note }) => ({
            source: s,
            paragraph,
            ...(note ? { note } : {}),
          })),
        });
      }
    }
  }
}

/** Every claim between two entities, both directions: an allegation and its denial side by side. */
export function edgesBetween(graph: DataGraph, a: string, b: string): string[] {
  if (!graph.hasNode(a) || !graph.hasNode(b)) return [];
  return [...new Set([...graph.edges(a, b), ...graph.edges(b, a)])];
}
