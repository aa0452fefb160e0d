import { MemoryStore } from '../store/memory';
import type { GraphStore } from '../store/port';
import { spawnBenchChild } from './child-process';
import { progress, sample, timeOnce, type Latency } from './measure';
import type { Workload } from './workload';

export interface BuildFigures {
  loadMs: number;
  buildMs: number;
  totalMs: number;
  peakRssMB: number;
  entities: number;
  relations: number;
}

/** Builds the embedded store from the files in a fresh process (so RSS is the build's alone), with the flags `kg serve` runs with. */
export function measureBuild(dir: string, timeoutMs: number): Promise<BuildFigures | { error: string }> {
  return new Promise((resolve) => {
    const child = spawnBenchChild('build-child.ts', [dir]);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') return resolve({ error: `build did not finish within ${Math.round(timeoutMs / 1000)} s` });
      if (code !== 0) return resolve({ error: `build failed (exit ${code}): ${err.trim().split('\n').slice(0, 3).join(' ')}` });
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()!) as BuildFigures);
      } catch {
        resolve({ error: `build printed no figures: ${out.slice(0, 200)}` });
      }
    });
  });
}

export interface QueryFigures {
  search: Latency;
  neighborhood1: Latency;
  neighborhood2: Latency;
  neighborhood3: Latency;
  shortestPath: Latency;
  kShortest5: Latency;
  /** Mean size of what the queries returned, to read latencies against. */
  shape: { neighborhood2Nodes: number; neighborhood3Reachable: number; pathsFound: number };
}

/** The neighbourhood limit the API uses by default; results are capped there like a user's would be. */
export const NEIGHBORHOOD_LIMIT = 500;
export const MAX_HOPS = 6;

/** The same queries on any store: the embedded one here, Neo4j in src/bench/neo4j.ts. */
export async function measureQueries(store: GraphStore, w: Workload, budgetMs: number): Promise<QueryFigures> {
  const opts = (iterations: number) => ({ iterations, maxMs: budgetMs, warmup: 5 });
  const at = <T>(list: readonly T[], i: number) => list[i % list.length]!;
  progress('  search');
  const search = await sample((i) => store.search(at(w.searches, i), { limit: 20 }), opts(400));
  const nb = async (depth: number) => {
    progress(`  neighbourhood depth ${depth}`);
    return sample((i) => store.neighborhood(at(w.focus, i), { depth, limit: NEIGHBORHOOD_LIMIT }), opts(depth === 3 ? 200 : 400));
  };
  const neighborhood1 = await nb(1);
  const neighborhood2 = await nb(2);
  const neighborhood3 = await nb(3);
  progress('  shortest path');
  let found = 0;
  const shortestPath = await sample(async (i) => {
    const [a, b] = at(w.pairs, i);
    const r = await store.paths(a, b, { k: 1, maxHops: MAX_HOPS, directed: false });
    if (r.paths.length > 0) found++;
  }, opts(200));
  progress('  k=5 shortest paths');
  const kShortest5 = await sample((i) => {
    const [a, b] = at(w.pairs, i);
    return store.paths(a, b, { k: 5, maxHops: MAX_HOPS, directed: false });
  }, { ...opts(100), minIterations: 3 });
  let nodes2 = 0;
  let reach3 = 0;
  const probe = w.focus.slice(0, 20);
  for (const f of probe) {
    nodes2 += (await store.neighborhood(f, { depth: 2, limit: NEIGHBORHOOD_LIMIT }))!.counts.nodes;
    reach3 += (await store.neighborhood(f, { depth: 3, limit: NEIGHBORHOOD_LIMIT }))!.counts.reachable;
  }
  return {
    search,
    neighborhood1,
    neighborhood2,
    neighborhood3,
    shortestPath,
    kShortest5,
    shape: { neighborhood2Nodes: nodes2 / probe.length, neighborhood3Reachable: reach3 / probe.length, pathsFound: found / Math.max(1, shortestPath.samples + 5) },
  };
}

// Analytics are timed through the API itself (src/bench/analytics.ts).
export { measureAnalytics, type AnalyticsFigures } from './analytics';

export interface ExportFigure {
  format: string;
  ms?: number;
  bytes?: number;
  note?: string;
}

/**
 * Export time per format, as `kg export` does it: the whole graph from the store, then the
 * format's renderer (src/interop/export) to its text or files (zipped, as over HTTP).
 */
/**
 * A format whose time, extrapolated from the previous size, would pass this is skipped (and says
 * so). Not only for time: at 100k the GEXF writer (graphology-gexf, one string in memory) ran the
 * bench process, which also holds the store, out of its 4 GB heap when this was raised to 90 s.
 */
export const EXPORT_BUDGET_MS = 30_000;

export async function measureExports(store: MemoryStore, previous?: { entities: number; figures: ExportFigure[] }): Promise<ExportFigure[]> {
  let registry: typeof import('../interop/export');
  try {
    registry = await import('../interop/export');
  } catch {
    progress('  export json (interop exporters not in this checkout)');
    const json = await timeOnce(async () => JSON.stringify(await store.graph()));
    return [{ format: 'json', ms: json.ms, bytes: Buffer.byteLength(json.value) }, { format: 'other formats', note: 'src/interop/export is not in this checkout: skipped' }];
  }
  const figures: ExportFigure[] = [];
  for (const format of registry.EXPORT_FORMAT_IDS) {
    if (format !== 'json' && !previous && store.entities().ids.length > 20_000) {
      figures.push({ format, note: 'skipped: no smaller size in this run to extrapolate its time from (run a smaller size first)' });
      continue;
    }
    const before = previous?.figures.find((f) => f.format === format);
    if (before?.ms !== undefined && previous) {
      // Some exporters grow faster than linearly (GraphML went 34x from 10k to 100k): estimate with a margin.
      const estimate = before.ms * (store.entities().ids.length / previous.entities) ** 1.5;
      if (estimate > EXPORT_BUDGET_MS) {
        figures.push({ format, note: `skipped: about ${Math.round(estimate / 1000)} s by extrapolation from ${Math.round(before.ms)} ms at ${previous.entities} entities (budget ${EXPORT_BUDGET_MS / 1000} s)` });
        continue;
      }
    }
    progress(`  export ${format}`);
    try {
      const r = await timeOnce(async () => registry.exportBody(format, await store.graph()));
      figures.push({ format, ms: r.ms, bytes: r.value.length });
    } catch (e) {
      figures.push({ format, note: `failed: ${(e as Error).message.split('\n')[0]}` });
    }
  }
  return figures;
}
