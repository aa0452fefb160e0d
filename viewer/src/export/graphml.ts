import type { MultiDirectedGraph } from 'graphology';
import { graphmlPieces, type GraphmlData } from '../../../src/interop/graphml';

/** The view as GraphML, by the server's writer (graphology-graphml only parses). Attributes must already be scalars. */
export function writeGraphml(graph: MultiDirectedGraph): string {
  const pieces = graphmlPieces({
    nodes: () => graph.mapNodes((id, a) => ({ id, data: a as GraphmlData })),
    edges: () => graph.mapEdges((id, a, source, target) => ({ id, source, target, data: a as GraphmlData })),
  });
  return [...pieces].join('');
}
