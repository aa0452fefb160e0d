import type { SimpleUndirected } from './projection';

export interface Broker {
  id: string;
  community: number;
  /** Other communities this node has ties into. */
  bridges: number[];
  /** Participation coefficient (Guimerà & Amaral): 1 - Σ (ties into a community / all ties)²; 0 when every tie stays home. */
  participation: number;
  /** Claims tying it to other communities. */
  external: number;
}

/**
 * Brokers between communities: nodes with ties into at least one other community, ranked by how
 * many ties cross (a broker carries traffic), then by how evenly their ties spread (participation).
 */
export function brokers(graph: SimpleUndirected, membership: Record<string, number>): Broker[] {
  const result: Broker[] = [];
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
