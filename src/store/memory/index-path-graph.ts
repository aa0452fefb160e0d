import type { Adjacency } from './adjacency';
import type { PathGraph } from '../paths';

/**
 * The compact index seen through the few graph methods the path searches use (out-edges and
 * in-edges are the two parts of an entity's slice), so paths never need a graphology graph.
 */
export function pathGraphOf(adj: Adjacency): PathGraph {
  const { offsets, inDegree, edge, neighbour, edgeKeys, edgeAttrs, ids, nodeAttrs } = adj;
  const entity = (id: string) => {
    const i = adj.indexOf.get(id);
    if (i === undefined) throw new Error(`unknown entity "${id}"`);
    return i;
  };
  return {
    getNodeAttributes: (id) => nodeAttrs[entity(id)]!,
    forEachOutEdge(id, visit) {
      const v = entity(id);
      for (let k = offsets[v]! + inDegree[v]!; k < offsets[v + 1]!; k++) {
        const u = neighbour[k]!;
        visit(edgeKeys[edge[k]!]!, edgeAttrs[edge[k]!]!, id, ids[u]!, nodeAttrs[v]!, nodeAttrs[u]!);
      }
    },
    forEachInEdge(id, visit) {
      const v = entity(id);
      for (let k = offsets[v]!; k < offsets[v]! + inDegree[v]!; k++) {
        const u = neighbour[k]!;
        visit(edgeKeys[edge[k]!]!, edgeAttrs[edge[k]!]!, ids[u]!, id, nodeAttrs[u]!, nodeAttrs[v]!);
      }
    },
  };
}
