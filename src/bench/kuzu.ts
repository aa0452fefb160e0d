import type { MemoryStore } from '../store/memory';
import type { Latency } from './measure';
import type { Workload } from './workload';

export interface KuzuQueryFigure {
  query: string;
  ours: Latency;
  kuzu: Latency;
  ratioP50: number;
  ratioP95: number;
}

export interface KuzuFigures {
  unavailable?: string;
  loadMs?: number;
  queries: KuzuQueryFigure[];
  note?: string;
}

export async function measureKuzu(_store: MemoryStore, _w: Workload, _budgetMs: number, _dir: string): Promise<KuzuFigures> {
  return { unavailable: 'not written yet', queries: [] };
}
