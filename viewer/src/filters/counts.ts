import type { DataGraph } from '../graph/data-graph';

export interface GraphCounts {
  byKind: Map<string, number>;
  byType: Map<string, number>;
  byStatus: Map<string, number>;
}

/** How many entities of each kind and claims of each type and status the view holds. */
export function countGraph(graph: DataGraph): GraphCounts {
  const byKind = new Map<string, number>();
  const byType = new Map<string, number>();
  const byStatus = new Map<string, number>();
  graph.forEachNode((_n, a) => byKind.set(a.kind, (byKind.get(a.kind) ?? 0) + 1));
  graph.forEachEdge((_e, a) => {
    byType.set(a.type, (byType.get(a.type) ?? 0) + 1);
    byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
  });
  return { byKind, byType, byStatus };
}

/** What the folding keeps out of the drawing: entities by kind, claims touching them by type. */
export function countFolded(graph: DataGraph, isFolded: (entity: string) => boolean): GraphCounts {
  const byKind = new Map<string, number>();
  const byType = new Map<string, number>();
  const byStatus = new Map<string, number>();
  graph.forEachNode((n, a) => {
    if (isFolded(n)) byKind.set(a.kind, (byKind.get(a.kind) ?? 0) + 1);
  });
  graph.forEachEdge((_e, a, s, t) => {
    if (!isFolded(s) && !isFolded(t)) return;
    byType.set(a.type, (byType.get(a.type) ?? 0) + 1);
    byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
  });
  return { byKind, byType, byStatus };
}

export interface VisibleCounts {
  nodes: number;
  edges: number;
  hiddenNodes: number;
  hiddenEdges: number;
}

/** What remains on screen once hidden kinds and types are taken out (edges need both ends). */
export function visibleCounts(
  graph: DataGraph,
  hiddenKinds: ReadonlySet<string>,
  hiddenTypes: ReadonlySet<string>,
): VisibleCounts {
  let nodes = 0;
  graph.forEachNode((_n, a) => {
    if (!hiddenKinds.has(a.kind)) nodes++;
  });
  let edges = 0;
  graph.forEachEdge((_e, a, _s, _t, sa, ta) => {
    if (!hiddenTypes.has(a.type) && !hiddenKinds.has(sa.kind) && !hiddenKinds.has(ta.kind)) edges++;
  });
  return { nodes, edges, hiddenNodes: graph.order - nodes, hiddenEdges: graph.size - edges };
}
