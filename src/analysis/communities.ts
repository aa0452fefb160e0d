import louvain from 'graphology-communities-louvain';
import { seededRandom } from './betweenness';
import type { SimpleUndirected } from './projection';

export interface CommunitiesResult {
  /** node -> community number (0 = largest community). */
  membership: Record<string, number>;
  count: number;
  modularity: number;
}

/**
 * Louvain communities over the undirected projection, ties weighted by the number of claims.
 * Seeded so that the same graph always gets the same partition; communities are renumbered by
 * size, largest first, so numbers mean something to a reader.
 */
export function communities(
  graph: SimpleUndirected,
  options: { seed?: number; resolution?: number } = {},
): CommunitiesResult {
  if (graph.size === 0) {
    const membership: Record<string, number> = {};
    graph.forEachNode((n) => {
      membership[n] = Object.keys(membership).length;
    });
    return { membership, count: graph.order, modularity: 0 };
  }
  const detailed = louvain.detailed(graph, {
    getEdgeWeight: 'weight',
    rng: seededRandom(options.seed ?? 7),
    resolution: options.resolution ?? 1,
  });
  const sizes = new Map<number, number>();
  for (const c of Object.values(detailed.communities)) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  const ranked = [...sizes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([c]) => c);
  const renumber = new Map(ranked.map((c, i) => [c, i]));
  const membership: Record<string, number> = {};
  for (const [node, c] of Object.entries(detailed.communities)) membership[node] = renumber.get(c)!;
  return { membership, count: ranked.length, modularity: detailed.modularity };
}
