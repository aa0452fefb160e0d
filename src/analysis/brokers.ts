import type { SimpleUndirected } from './projection';

/**
 * Brokers between communities: nodes with ties into at least one other community, ranked by how
 * many claims cross (a broker carries traffic), then by how evenly their ties spread: the
 * participation coefficient (Guimerà & Amaral), 1 - Σ (ties into a community / all ties)².
 */
export function brokers(graph: SimpleUndirected, membership: Record<string, number>) {
  const result: { id: string; community: number; bridges: number[]; participation: number; external: number }[] = [];
  graph.forEachNode((node) => {
    const own = membership[node];
    if (own === undefined) return;
    const perCommunity = new Map<number, number>();
    let ties = 0;
    graph.forEachEdge(node, (_edge, { weight }, source, target) => {
      const c = membership[source === node ? target : source];
      if (c === undefined) return;
      perCommunity.set(c, (perCommunity.get(c) ?? 0) + weight);
      ties += weight;
    });
    const bridges = [...perCommunity.keys()].filter((c) => c !== own).sort((a, b) => a - b);
    if (bridges.length === 0 || ties === 0) return;
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
