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
  const found =
    graph.size === 0
      ? { communities: Object.fromEntries(graph.nodes().map((n, i) => [n, i])), modularity: 0 }
      : louvain.detailed(graph, { getEdgeWeight: 'weight', rng: seededRandom(seed), resolution });
  const groups = new Map<number, string[]>();
  for (const [n, c] of Object.entries(found.communities)) (groups.get(c) ?? groups.set(c, []).get(c)!).push(n);
  const members = [...groups].sort((a, b) => b[1].length - a[1].length || a[0] - b[0]).map(([, m]) => m);
  const membership = Object.fromEntries(members.flatMap((m, i) => m.map((n) => [n, i])));
  return { membership, members, count: members.length, modularity: found.modularity };
}

/**
 * Brokers between communities: nodes with ties into at least one other community, ranked by how
 * many claims cross (a broker carries traffic), then by how evenly their ties spread: the
 * participation coefficient (Guimerà & Amaral), 1 - Σ (ties into a community / all ties)².
 */
export function brokers(graph: SimpleUndirected, membership: Record<string, number>) {
  const result: { id: string; community: number; bridges: number[]; participation: number; external: number }[] = [];
  graph.forEachNode((node) => {
    // The membership covers the graph (communities() of it).
    const own = membership[node]!;
    const perCommunity = new Map<number, number>();
    let ties = 0;
    graph.forEachEdge(node, (_edge, { weight }, source, target) => {
      const c = membership[source === node ? target : source]!;
      perCommunity.set(c, (perCommunity.get(c) ?? 0) + weight);
      ties += weight;
    });
    const bridges = [...perCommunity.keys()].filter((c) => c !== own).sort((a, b) => a - b);
    if (bridges.length === 0) return;
    const participation = 1 - [...perCommunity.values()].reduce((sum, k) => sum + (k / ties) ** 2, 0);
    result.push({ id: node, community: own, bridges, participation, external: ties - (perCommunity.get(own) ?? 0) });
  });
  return result.sort(
    (a, b) =>
      b.external - a.external ||
      b.participation - a.participation ||
      b.bridges.length - a.bridges.length ||
      a.id.localeCompare(b.id),
  );
}
