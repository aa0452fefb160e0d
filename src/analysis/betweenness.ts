import type { SimpleUndirected } from './projection';

export interface BetweennessOptions {
  /** Exact (Brandes) up to this many nodes; above it, sampled from `pivots` sources. */
  exactUpTo: number;
  pivots: number;
  /** Seed of the pivot sampler, so that one graph always gets the same answer. */
  seed: number;
}

export const DEFAULT_BETWEENNESS: BetweennessOptions = { exactUpTo: 2000, pivots: 256, seed: 42 };

export interface BetweennessResult {
  scores: Record<string, number>;
  method: 'exact' | 'sampled';
  /** Sources the shortest paths were counted from (all nodes when exact). */
  sources: number;
}

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
 * Betweenness centrality over hop counts (Brandes), normalised to 0..1 as the share of shortest
 * paths between other pairs that pass through a node. Above `exactUpTo` nodes it counts paths
 * from a random sample of sources and scales up (Brandes & Pich 2007), so its cost stays
 * O(pivots x edges) and never blocks a request for long; the result says which was done.
 */
export function betweenness(graph: SimpleUndirected, options: Partial<BetweennessOptions> = {}): BetweennessResult {
  const opts = { ...DEFAULT_BETWEENNESS, ...options };
  const nodes = graph.nodes();
  const n = nodes.length;
  const index = new Map(nodes.map((id, i) => [id, i]));
  const neighbours = nodes.map((id) => graph.neighbors(id).map((m) => index.get(m)!));
  const centrality = new Float64Array(n);

  let sources: number[] = nodes.map((_, i) => i);
  const sampled = n > opts.exactUpTo && opts.pivots < n;
  if (sampled) {
    const random = seededRandom(opts.seed);
    const pool = [...sources];
    for (let i = pool.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    sources = pool.slice(0, opts.pivots);
  }

  const sigma = new Float64Array(n);
  const dist = new Int32Array(n);
  const delta = new Float64Array(n);
  const order: number[] = [];
  const preds: number[][] = nodes.map(() => []);
  for (const s of sources) {
    sigma.fill(0);
    dist.fill(-1);
    delta.fill(0);
    order.length = 0;
    for (const p of preds) p.length = 0;
    sigma[s] = 1;
    dist[s] = 0;
    const queue = [s];
    for (let head = 0; head < queue.length; head++) {
      const v = queue[head]!;
      order.push(v);
      for (const w of neighbours[v]!) {
        if (dist[w]! < 0) {
          dist[w] = dist[v]! + 1;
          queue.push(w);
        }
        if (dist[w] === dist[v]! + 1) {
          sigma[w]! += sigma[v]!;
          preds[w]!.push(v);
        }
      }
    }
    for (let i = order.length - 1; i >= 0; i--) {
      const w = order[i]!;
      for (const v of preds[w]!) delta[v]! += (sigma[v]! / sigma[w]!) * (1 + delta[w]!);
      if (w !== s) centrality[w]! += delta[w]!;
    }
  }

  // Undirected: each pair was counted from both ends. Normalise by the pairs not involving v.
  const scale = (sampled ? n / sources.length : 1) / 2;
  const pairs = n > 2 ? ((n - 1) * (n - 2)) / 2 : 1;
  const scores: Record<string, number> = {};
  nodes.forEach((id, i) => {
    scores[id] = (centrality[i]! * scale) / pairs;
  });
  return { scores, method: sampled ? 'sampled' : 'exact', sources: sources.length };
}
