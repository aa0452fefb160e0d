import type { SimpleUndirected } from './projection';

export const DEFAULT_BETWEENNESS = {
  /** Exact (Brandes) up to this many nodes; above it, sampled from `pivots` sources. */
  exactUpTo: 2000,
  pivots: 256,
  /** Seed of the pivot sampler, so that one graph always gets the same answer. */
  seed: 42,
  /** Upper bound on sources x (nodes + adjacency entries) when sampling. */
  workBudget: 15_000_000,
};
export type BetweennessOptions = typeof DEFAULT_BETWEENNESS;

/** A small deterministic PRNG (mulberry32): same seed, same sample. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Betweenness over hop counts (Brandes), normalised to 0..1; above `exactUpTo` nodes, from a sample
 * of sources scaled up (Brandes & Pich 2007), with `sources` the number used. Hand-written because
 * graphology-metrics' is exact only (hours at 100k entities); the tests hold the exact case to it.
 */
export function betweenness(graph: SimpleUndirected, options: Partial<BetweennessOptions> = {}) {
  const opts = { ...DEFAULT_BETWEENNESS, ...options };
  const nodes = graph.nodes();
  const n = nodes.length;
  const index = new Map(nodes.map((id, i) => [id, i]));
  // Adjacency in compressed rows: one typed array, no per-node allocations in the hot loop.
  const offsets = new Int32Array(n + 1);
  nodes.forEach((id, i) => (offsets[i + 1] = offsets[i]! + graph.degree(id)));
  const adjacency = new Int32Array(offsets[n]!);
  nodes.forEach((id, i) => {
    let k = offsets[i]!;
    graph.forEachNeighbor(id, (m) => (adjacency[k++] = index.get(m)!));
  });

  // Sampled above the threshold, with the sample also capped by a work budget (sources x
  // adjacency size) so that one view stays under about a second even on a 100k-entity graph.
  const pivots = Math.min(opts.pivots, Math.max(16, Math.floor(opts.workBudget / Math.max(1, n + adjacency.length))));
  const sampled = n > opts.exactUpTo && pivots < n;
  let sources = Int32Array.from({ length: n }, (_, i) => i);
  if (sampled) {
    const random = seededRandom(opts.seed);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [sources[i], sources[j]] = [sources[j]!, sources[i]!];
    }
    sources = sources.slice(0, pivots);
  }

  const centrality = new Float64Array(n);
  const sigma = new Float64Array(n);
  const dist = new Int32Array(n);
  const delta = new Float64Array(n);
  const queue = new Int32Array(n);
  for (const s of sources) {
    sigma.fill(0);
    dist.fill(-1);
    delta.fill(0);
    sigma[s] = 1;
    dist[s] = 0;
    queue[0] = s;
    let tail = 1;
    for (let head = 0; head < tail; head++) {
      const v = queue[head]!;
      const dv = dist[v]!;
      for (let k = offsets[v]!; k < offsets[v + 1]!; k++) {
        const w = adjacency[k]!;
        if (dist[w]! < 0) {
          dist[w] = dv + 1;
          queue[tail++] = w;
        }
        if (dist[w] === dv + 1) sigma[w]! += sigma[v]!;
      }
    }
    // Predecessors are the neighbours one step closer to s: found again instead of stored.
    for (let i = tail - 1; i > 0; i--) {
      const w = queue[i]!;
      const dw = dist[w]!;
      const share = (1 + delta[w]!) / sigma[w]!;
      for (let k = offsets[w]!; k < offsets[w + 1]!; k++) {
        const v = adjacency[k]!;
        if (dist[v] === dw - 1) delta[v]! += sigma[v]! * share;
      }
      centrality[w]! += delta[w]!;
    }
  }

  // Undirected: each pair was counted from both ends. Normalise by the pairs not involving v.
  const scale = (sampled ? n / sources.length : 1) / 2;
  const pairs = n > 2 ? ((n - 1) * (n - 2)) / 2 : 1;
  const scores = Object.fromEntries(nodes.map((id, i) => [id, (centrality[i]! * scale) / pairs]));
  return { scores, method: sampled ? ('sampled' as const) : ('exact' as const), sources: sources.length };
}
