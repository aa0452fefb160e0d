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

/**
 * The same queries on any store: the embedded one here, Neo4j in src/bench/neo4j.ts.
 * `minIterations` lowers the number of timed calls a query gets even when the budget is spent
 * (default 5, 3 for k=5 paths), `warmup` the untimed calls before them (default 5), and
 * `shapeProbes` the number of neighbourhoods asked again to describe what the queries return
 * (default 20): on Neo4j one query can take a minute at 100k.
 */
export async function measureQueries(
  store: GraphStore,
  w: Workload,
  budgetMs: number,
  limits: { minIterations?: number; shapeProbes?: number; warmup?: number } = {},
): Promise<QueryFigures> {
  const opts = (iterations: number) => ({ iterations, maxMs: budgetMs, warmup: limits.warmup ?? 5, ...(limits.minIterations === undefined ? {} : { minIterations: limits.minIterations }) });
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
  }, { ...opts(100), minIterations: Math.min(3, limits.minIterations ?? 3) });
  let nodes2 = 0;
  let reach3 = 0;
  const probe = w.focus.slice(0, limits.shapeProbes ?? 20);
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
    shape: { neighborhood2Nodes: nodes2 / Math.max(1, probe.length), neighborhood3Reachable: reach3 / Math.max(1, probe.length), pathsFound: found / Math.max(1, shortestPath.samples + 5) },
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
 * A format whose time, estimated from the smaller sizes of this run, would pass this is skipped
 * (and says so): the budget keeps the whole benchmark near a quarter of an hour. Memory needs no
 * guard of its own any more: GEXF and GraphML hand out their document in megabyte chunks, CSV
 * holds its files as buffers (about their size) and the whole-string writers that took 2-5 GB at
 * 100k entities are gone (GEXF through graphology-gexf once ran the bench out of its heap). STIX
 * still makes every object before writing them out (its bundle id hashes them all): about 1.8 GB
 * above the store at 100k (2.6 GB peak RSS with the store, within the 4 GB heap), and 40-45 s:
 * the budget lets it run there, so that every format has a figure at every size.
 */
export const EXPORT_BUDGET_MS = 60_000;
/** Added to every estimate: one run on a shared machine varies by about this much. */
export const EXPORT_ESTIMATE_MARGIN = 1.25;

/** What an export took at a smaller size earlier in the run. */
export interface ExportHistory {
  entities: number;
  figures: ExportFigure[];
}

/**
 * The time a format should take at `entities`, from the sizes measured before it in this run:
 * scaled by the growth measured between the last two sizes (the exponent k of time ~ size^k,
 * never taken below 1: nothing here is sublinear), or linearly with only one size, times the margin.
 */
export function estimateExportMs(format: string, entities: number, history: readonly ExportHistory[]): { ms: number; how: string } | undefined {
  const timed = history.flatMap((h) => {
    const ms = h.figures.find((f) => f.format === format)?.ms;
    return ms === undefined ? [] : [{ entities: h.entities, ms }];
  });
  const last = timed.at(-1);
  if (!last) return undefined;
  const before = timed.at(-2);
  const measured = before && last.entities > before.entities ? Math.log(last.ms / before.ms) / Math.log(last.entities / before.entities) : undefined;
  const k = Math.max(1, measured ?? 1);
  const ms = last.ms * (entities / last.entities) ** k * EXPORT_ESTIMATE_MARGIN;
  const growth =
    measured === undefined
      ? 'linearly'
      : `as time ~ size^${k.toFixed(2)} (measured from ${before!.entities} to ${last.entities} entities: ${measured.toFixed(2)}${measured < 1 ? ', taken as 1' : ''})`;
  return { ms, how: `about ${Math.round(ms / 1000)} s: ${Math.round(last.ms)} ms at ${last.entities} entities scaled ${growth}, plus ${Math.round((EXPORT_ESTIMATE_MARGIN - 1) * 100)}%` };
}

/**
 * Export time per format, as `kg export` and the API do it: the whole graph from the store, then
 * the format's chunks (src/interop/export; CSV zipped, as over HTTP) made and counted, each let go
 * once counted, as a socket or file would take them.
 */
export async function measureExports(store: MemoryStore, history: readonly ExportHistory[] = []): Promise<ExportFigure[]> {
  let registry: typeof import('../interop/export');
  try {
    registry = await import('../interop/export');
  } catch {
    progress('  export json (interop exporters not in this checkout)');
    const json = await timeOnce(async () => JSON.stringify(await store.graph()));
    return [{ format: 'json', ms: json.ms, bytes: Buffer.byteLength(json.value) }, { format: 'other formats', note: 'src/interop/export is not in this checkout: skipped' }];
  }
  const entities = store.entities().ids.length;
  const figures: ExportFigure[] = [];
  for (const format of registry.EXPORT_FORMAT_IDS) {
    const estimate = estimateExportMs(format, entities, history);
    if (format !== 'json' && !estimate && entities > 20_000) {
      figures.push({ format, note: 'skipped: no smaller size in this run to estimate its time from (run a smaller size first)' });
      continue;
    }
    if (estimate && estimate.ms > EXPORT_BUDGET_MS) {
      figures.push({ format, note: `skipped for time, not memory: ${estimate.how}, over the budget of ${EXPORT_BUDGET_MS / 1000} s` });
      continue;
    }
    progress(`  export ${format}`);
    try {
      const r = await timeOnce(async () => {
        let bytes = 0;
        for (const chunk of registry.exportBody(format, await store.graph())) bytes += chunk.length;
        return bytes;
      });
      figures.push({ format, ms: r.ms, bytes: r.value });
    } catch (e) {
      figures.push({ format, note: `failed: ${(e as Error).message.split('\n')[0]}` });
    }
  }
  return figures;
}
