/** The data sets of a benchmark run: ~5 relations per entity, plus a 1M-relation build case. */
export interface BenchSize {
  name: string;
  nodes: number;
  /** Only the build from files is measured (queries run at the smaller sizes). */
  buildOnly?: boolean;
}

export const SIZES: BenchSize[] = [
  { name: '1k', nodes: 1_000 },
  { name: '10k', nodes: 10_000 },
  { name: '100k', nodes: 100_000 },
  { name: '1M-edges', nodes: 200_000, buildOnly: true },
];

export const EDGES_PER_NODE = 5;
export const SEED = 42;
