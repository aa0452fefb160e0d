import type { Adjacency } from './adjacency';

/**
 * Entities ranked by degree (ties by number), and each entity's relation slots ordered by the
 * rank of the entity at the other end, highest first. A relation between two entities of a set is
 * then found from its lower-ranked end only, by reading that end's slots until the other end ranks
 * lower: a hub, whose slots are mostly ties to smaller entities, is hardly read at all. Finding the
 * relations among a neighbourhood's entities then costs about what it returns instead of the sum
 * of their degrees.
 */
export class DegreeOrder {
  /** Entity i's position in (degree, number) order. */
  readonly rank: Int32Array;
  /** Adjacency slot numbers: for entity i, slots[offsets[i] .. offsets[i + 1]) by descending rank of the neighbour. */
  readonly slots: Int32Array;
  /** How many of entity i's slots lead to a higher-ranked entity (the ones read from i). */
  readonly upward: Int32Array;

  constructor(adj: Adjacency) {
    const n = adj.order;
    const { offsets, neighbour } = adj;
    const degree = (i: number) => offsets[i + 1]! - offsets[i]!;
    const byDegree = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => degree(a) - degree(b) || a - b);
    this.rank = new Int32Array(n);
    for (let r = 0; r < n; r++) this.rank[byDegree[r]!] = r;
    const rank = this.rank;
    this.slots = Int32Array.from({ length: offsets[n]! }, (_, k) => k);
    this.upward = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const slice = this.slots.subarray(offsets[i]!, offsets[i + 1]!);
      slice.sort((a, b) => rank[neighbour[b]!]! - rank[neighbour[a]!]!);
      let up = 0;
      while (up < slice.length && rank[neighbour[slice[up]!]!]! > rank[i]!) up++;
      this.upward[i] = up;
    }
  }
}
