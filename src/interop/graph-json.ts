import { MultiDirectedGraph } from 'graphology';
import type { EntityAttributes, GraphAttributes, KnowledgeGraph, RelationAttributes } from '../model';
import type { GraphJson } from '../model';

/** A graphology graph from the serialised form every export starts from. */
export function graphFromJson(json: GraphJson): KnowledgeGraph {
  const graph: KnowledgeGraph = new MultiDirectedGraph<EntityAttributes, RelationAttributes, GraphAttributes>();
  graph.import(json);
  return graph;
}

/** The serialised form of a graph rebuilt by a reader, with the options the stores use. */
export function jsonFromParts(
  sources: GraphAttributes['sources'],
  nodes: { key: string; attributes: EntityAttributes }[],
  edges: { key: string; source: string; target: string; attributes: RelationAttributes }[],
): GraphJson {
  const graph: KnowledgeGraph = new MultiDirectedGraph<EntityAttributes, RelationAttributes, GraphAttributes>();
  graph.replaceAttributes({ sources });
  for (const n of nodes) graph.addNode(n.key, n.attributes);
  for (const e of edges) graph.addDirectedEdgeWithKey(e.key, e.source, e.target, e.attributes);
  return graph.export() as GraphJson;
}
