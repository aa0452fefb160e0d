import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openMemoryStore } from '../store/memory/from-files';
import { measureAnalytics, measureBuild, measureExports, measureQueries, type ExportHistory } from './embedded';
import { generateSeed } from './generate';
import { measureHttp } from './http';
import { machineInfo, versions } from './machine';
import { progress, timeOnce } from './measure';
import { renderMarkdown, renderTable, type BenchResults, type SizeResult } from './report';
import { EDGES_PER_NODE, SEED, SIZES } from './sizes';
import { VIEWER_PAGE_TIMEOUT_S } from './viewer';
import { drawWorkload } from './workload';

/** Node counts the viewer part draws (issue 8 asks for 1k / 5k / 20k). */
const VIEWER_SIZES = [1000, 5000, 20000];
const VIEWER_SIZES_QUICK = [1000, 5000];

/** "20k" or "20000" -> 20000 (NaN when it is neither). */
function parseNodeCount(text: string): number {
  const m = /^(\d+)(k?)$/i.exec(text.trim());
  return m ? Number(m[1]) * (m[2] ? 1000 : 1) : NaN;
}

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');

const USAGE = `npm run bench [-- options]
  --sizes LIST     sizes to run (default all: ${SIZES.map((s) => s.name).join(',')}); "none" runs no
                   store size (e.g. with --viewer-sizes to measure the viewer alone)
  --viewer-sizes LIST  node counts for the viewer part (default ${VIEWER_SIZES.join(',')}; --quick: ${VIEWER_SIZES_QUICK.join(',')})
  --viewer-timeout S   limit per viewer page load in seconds (default ${VIEWER_PAGE_TIMEOUT_S}); a size over it is
                   reported as timed out and the other sizes still run
  --quick          1k and 10k only, shorter sampling (a smoke run)
  --skip LIST      parts to skip: http,kuzu,viewer,neo4j,analytics
  --neo4j-overwrite  with NEO4J_URI set: also load each size into that database (emptied first!)
                   with UNWIND batches of 500, 2000 and 10000 rows, and time the same queries
  --data DIR       where generated data sets are cached (default: $TMPDIR/kg-bench-data)
  --no-markdown    do not rewrite BENCHMARKS.md
  --out FILE       JSON results (default bench/results/latest.json)
  --render FILE    measure nothing: print the table and rewrite BENCHMARKS.md from saved JSON results`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string' },
      'viewer-sizes': { type: 'string' },
      'viewer-timeout': { type: 'string' },
      quick: { type: 'boolean', default: false },
      skip: { type: 'string', default: '' },
      data: { type: 'string' },
      'no-markdown': { type: 'boolean', default: false },
      out: { type: 'string' },
      render: { type: 'string' },
      'neo4j-overwrite': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.render) {
    const saved = JSON.parse(readFileSync(path.resolve(values.render), 'utf8')) as BenchResults;
    console.log(renderTable(saved));
    if (!values['no-markdown']) {
      writeFileSync(path.join(REPO, 'BENCHMARKS.md'), renderMarkdown(saved));
      console.log('BENCHMARKS.md rewritten');
    }
    return 0;
  }
  const skip = new Set(values.skip!.split(',').filter(Boolean));
  const wanted = values.sizes === 'none' ? [] : values.sizes ? values.sizes.split(',') : values.quick ? ['1k', '10k'] : SIZES.map((s) => s.name);
  const unknown = wanted.filter((w) => !SIZES.some((s) => s.name === w));
  if (unknown.length > 0) {
    console.error(`bench: unknown size ${unknown.join(', ')}; known: ${SIZES.map((s) => s.name).join(', ')}`);
    return 2;
  }
  const viewerSizes = values['viewer-sizes'] ? values['viewer-sizes'].split(',').map(parseNodeCount) : values.quick ? VIEWER_SIZES_QUICK : VIEWER_SIZES;
  if (viewerSizes.some((n) => !Number.isInteger(n) || n < 2)) {
    console.error(`bench: --viewer-sizes takes node counts such as 1000,5k,20k; got "${values['viewer-sizes']}"`);
    return 2;
  }
  const viewerTimeoutS = values['viewer-timeout'] === undefined ? VIEWER_PAGE_TIMEOUT_S : Number(values['viewer-timeout']);
  if (!(viewerTimeoutS > 0)) {
    console.error(`bench: --viewer-timeout takes a number of seconds; got "${values['viewer-timeout']}"`);
    return 2;
  }
  const dataRoot = path.resolve(values.data ?? path.join(tmpdir(), 'kg-bench-data'));
  const budgetMs = values.quick ? 1000 : 4000;
  const httpSeconds = values.quick ? 3 : 8;
  const started = Date.now();
  const results: BenchResults = {
    startedAt: new Date(started).toISOString(),
    machine: machineInfo(),
    versions: versions(REPO),
    quick: values.quick!,
    sizes: [],
    notes: [],
  };

  const neo4j = skip.has('neo4j') ? undefined : (await import('./neo4j')).neo4jBenchPlan(values['neo4j-overwrite']!);
  if (neo4j) results.neo4j = neo4j.figures;

  const exportHistory: ExportHistory[] = [];
  for (const size of SIZES.filter((s) => wanted.includes(s.name))) {
    const dir = path.join(dataRoot, `${size.name}-seed${SEED}`);
    progress(`${size.name}: generating ${size.nodes} entities (cached in ${dir})`);
    const manifest = generateSeed({ nodes: size.nodes, edgesPerNode: EDGES_PER_NODE, seed: SEED, outDir: dir });
    const r: SizeResult = { size: size.name, nodes: manifest.nodes, edges: manifest.edges, files: manifest.files, megabytes: manifest.bytes / 1e6 };
    results.sizes.push(r);
    progress(`${size.name}: build from files in a fresh process`);
    r.build = await measureBuild(dir, 180_000);
    if (size.buildOnly) continue;

    progress(`${size.name}: loading in this process for the queries`);
    const loaded = await timeOnce(async () => (await openMemoryStore(dir)).store);
    const store = loaded.value;
    // From the store's own arrays: building graphology in this process would enlarge the heap the
    // HTTP server below collects garbage in, and `kg serve` never builds it.
    const workload = drawWorkload(store.entities());
    // What a server adds at start-up on this store, timed before anything else prepares it.
    r.jsonPrepareMs = (await timeOnce(() => store.prepareJson())).ms;
    progress(`${size.name}: queries`);
    r.queries = await measureQueries(store, workload, budgetMs);
    if (!skip.has('analytics')) {
      progress(`${size.name}: analytics`);
      r.analytics = await measureAnalytics(store);
    }
    progress(`${size.name}: export`);
    r.exports = await measureExports(store, exportHistory);
    exportHistory.push({ entities: store.entities().ids.length, figures: r.exports });
    if (!skip.has('http')) {
      progress(`${size.name}: HTTP`);
      r.http = await measureHttp(store, dir, workload, httpSeconds);
      // The same neighbourhood load on `kg serve --processes 2`: one process per core of this machine.
      r.http.push(...(await measureHttp(store, dir, workload, httpSeconds, { processes: 2, endpoints: ['neighborhood'] })));
    }
    if (!skip.has('kuzu')) {
      const { measureKuzu } = await import('./kuzu');
      progress(`${size.name}: Kùzu`);
      r.kuzu = await measureKuzu(store, workload, r.queries, budgetMs, path.join(dataRoot, `${size.name}-kuzu`));
    }
    if (neo4j?.config) {
      const { measureNeo4jSize } = await import('./neo4j');
      progress(`${size.name}: Neo4j (${neo4j.figures.target})`);
      r.neo4j = await measureNeo4jSize(neo4j.config, dir, workload, budgetMs);
    }
  }
  if (neo4j?.config) await (await import('./neo4j')).closeNeo4jBench();

  if (!skip.has('viewer')) {
    const { measureViewer } = await import('./viewer');
    progress('viewer: Chromium');
    results.viewer = await measureViewer(viewerSizes, { timeoutS: viewerTimeoutS });
  }
  results.durationS = (Date.now() - started) / 1000;
  const cores = results.machine.cores;
  const loadEnd = os.loadavg().map((l) => Math.round(l * 100) / 100);
  results.notes.push(
    `Load average at start ${results.machine.loadAverageAtStart.join(' / ')}, at end ${loadEnd.join(' / ')} on ${cores} cores${Math.max(...results.machine.loadAverageAtStart, ...loadEnd) > cores ? ': other work was competing for the CPU, so latencies and build times are higher (and noisier) than on a quiet machine' : ''}.`,
  );

  const out = path.resolve(values.out ?? path.join(REPO, 'bench', 'results', 'latest.json'));
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(renderTable(results));
  console.log(`\nJSON: ${path.relative(process.cwd(), out)}`);
  if (!values['no-markdown']) {
    writeFileSync(path.join(REPO, 'BENCHMARKS.md'), renderMarkdown(results));
    console.log('BENCHMARKS.md rewritten');
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
