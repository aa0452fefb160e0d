import louvain from 'graphology-communities-louvain';
import { seededRandom } from './betweenness';
import type { SimpleUndirected } from './projection';

/**
 * Louvain communities over the undirected projection, ties weighted by the number of claims.
 * Seeded so that the same graph always gets the same partition; communities are renumbered by
 * size, largest first (0 = largest), so numbers mean something to a reader. Without ties, each node
 * is its own.
 */
export function communities(graph: SimpleUndirected, { seed = 7, resolution = 1 } = {}) {
  if (graph.size === 0)
    return { membership: Object.fromEntries(graph.nodes().map((n, i) => [n, i])), count: graph.order, modularity: 0 };
  const detailed = louvain.detailed(graph, { getEdgeWeight: 'weight', rng: seededRandom(seed), resolution });
  const sizes = new Map<number, number>();
  for (const c of Object.values(detailed.communities)) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  const ranked = [...sizes].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const renumber = new Map(ranked.map(([c], i) => [c, i]));
  const membership = Object.fromEntries(Object.entries(detailed.communities).map(([n, c]) => [n, renumber.get(c)!]));
  return { membership, count: ranked.length, modularity: detailed.modularity };
}
