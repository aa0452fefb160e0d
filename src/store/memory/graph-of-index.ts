import { MultiDirectedGraph } from 'graphology';
import type { Source } from '../../model';
import type { KnowledgeGraph } from '../../model';
import type { Adjacency } from './adjacency';

/**
 * The graphology graph the index describes: what buildGraph gives for the same knowledge base
 * (same keys, insertion order and attribute objects, so the same iteration order).
 */
export function graphOfIndex(adj: Adjacency, sources: Source[]): KnowledgeGraph {
  const graph: KnowledgeGraph = new MultiDirectedGraph({ allowSelfLoops: false });
  graph.replaceAttributes({ sources });
  for (let i = 0; i < adj.order; i++) graph.addNode(adj.ids[i]!, adj.nodeAttrs[i]!);
  for (let e = 0; e < adj.size; e++)
    graph.addDirectedEdgeWithKey(
      adj.edgeKeys[e]!,
      adj.ids[adj.edgeSource[e]!]!,
      adj.ids[adj.edgeTarget[e]!]!,
      adj.edgeAttrs[e]!,
    );
  return graph;
}
