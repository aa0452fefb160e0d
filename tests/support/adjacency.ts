import type { Entity, KnowledgeBase, LoadedRelation } from '../../src/model';
import type { KnowledgeGraph } from '../../src/model';
import { Adjacency } from '../../src/store/memory/adjacency';

/** The embedded store's index of a graphology graph, numbered in the graph's order. */
export function adjacencyOf(graph: KnowledgeGraph): Adjacency {
  const kb: KnowledgeBase = {
    sources: graph.getAttribute('sources') ?? [],
    entities: graph.mapNodes((id, a) => ({ id, ...a }) as unknown as Entity),
    relations: graph.mapEdges((key, a, from, to) => ({ ...a, key, from, to }) as unknown as LoadedRelation),
  };
  return new Adjacency(kb);
}
