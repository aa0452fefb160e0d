import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openMemoryStore } from '../store/memory/from-files';
import { BATCH_SIZE, checkBatchSize } from '../store/neo4j/sync';
import { missingPrerequisite } from '../../tools/neo4j-local/control';
import { measureAnalytics, measureBuild, measureExports, measureQueries, type ExportHistory } from './embedded';
import { generateSeed } from './generate';
import { measureHttp } from './http';
import { machineInfo, versions } from './machine';
import { progress, timeOnce } from './measure';
import type { Neo4jBench } from './neo4j';
import { mergeNeo4jResults, renderMarkdown, renderTable, type BenchResults, type SizeResult } from './report';
import { EDGES_PER_NODE, SEED, SIZES } from './sizes';
import { VIEWER_PAGE_TIMEOUT_S } from './viewer';
import { drawWorkload, type Workload } from './workload';

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
  --neo4j-only     only the Neo4j part (and the embedded store's queries it is compared with), for
                   --sizes; its figures are merged into the saved results (--out) and BENCHMARKS.md
  --neo4j-overwrite  with NEO4J_URI set: allow the Neo4j part to empty that database (every Entity and
                   Source node) before each timed sync. Without NEO4J_URI the benchmark starts a local
                   Neo4j of its own (Java 17+ and Maven needed) and stops it at the end
  --neo4j-heap SIZE, --neo4j-pagecache SIZE  memory of that local Neo4j (default 6g, or 13g with the
                   1M-relation size, whose one-transaction sync needs about 9 GB; and 2g)
  --neo4j-batch-size N  rows per UNWIND statement of the sync (default: kg seed's)
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
      'neo4j-only': { type: 'boolean', default: false },
      'neo4j-heap': { type: 'string' },
      'neo4j-pagecache': { type: 'string' },
      'neo4j-batch-size': { type: 'string' },
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
  const neo4jOnly = values['neo4j-only']!;
  if (neo4jOnly) {
    if (skip.has('neo4j')) {
      console.error('bench: --neo4j-only and --skip neo4j leave nothing to run');
      return 2;
    }
    for (const part of ['http', 'kuzu', 'viewer', 'analytics']) skip.add(part);
  }
  const batchSize = values['neo4j-batch-size'] === undefined ? undefined : Number(values['neo4j-batch-size']);
  const wrongBatch = batchSize === undefined ? null : checkBatchSize(batchSize, values['neo4j-batch-size']);
  if (wrongBatch) {
    console.error(`bench: --neo4j-batch-size: ${wrongBatch}`);
    return 2;
  }
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

  let neo4j: Neo4jBench | undefined;
  if (!skip.has('neo4j')) {
    const { LOCAL_NEO4J_HEAP_FOR_1M, openNeo4jBench, planNeo4jBench } = await import('./neo4j');
    const plan = planNeo4jBench(values['neo4j-overwrite']!, missingPrerequisite);
    if (plan.run === 'skip') {
      progress(`neo4j: ${plan.reason}`);
      results.neo4j = { skipped: plan.reason };
    } else {
      // The 1M-relation sync is one transaction of about 9 GB, and Neo4j refuses one past 70% of its heap.
      const heap = values['neo4j-heap'] ?? (wanted.includes('1M-edges') ? LOCAL_NEO4J_HEAP_FOR_1M : undefined);
      const opened = await openNeo4jBench(plan, { heap, pageCache: values['neo4j-pagecache'] });
      results.neo4j = { ...opened.figures, batchSize: batchSize ?? BATCH_SIZE };
      if ('config' in opened) neo4j = opened;
      else progress(`neo4j: ${opened.figures.error}`);
    }
  }

  try {
    if (neo4j && wanted.length > 0) {
      const { warmUpNeo4j } = await import('./neo4j');
      const warm = SIZES.find((s) => s.name === '10k')!;
      const dir = path.join(dataRoot, `${warm.name}-seed${SEED}`);
      generateSeed({ nodes: warm.nodes, edgesPerNode: EDGES_PER_NODE, seed: SEED, outDir: dir });
      progress(`neo4j: warming up (${warm.name} synced twice, untimed, then emptied)`);
      await warmUpNeo4j(neo4j.config, dir);
    }
    const exportHistory: ExportHistory[] = [];
    for (const size of SIZES.filter((s) => wanted.includes(s.name))) {
      const dir = path.join(dataRoot, `${size.name}-seed${SEED}`);
      progress(`${size.name}: generating ${size.nodes} entities (cached in ${dir})`);
      const manifest = generateSeed({ nodes: size.nodes, edgesPerNode: EDGES_PER_NODE, seed: SEED, outDir: dir });
      const r: SizeResult = { size: size.name, nodes: manifest.nodes, edges: manifest.edges, files: manifest.files, megabytes: manifest.bytes / 1e6 };
      results.sizes.push(r);
      if (!neo4jOnly) {
        progress(`${size.name}: build from files in a fresh process`);
        r.build = await measureBuild(dir, 180_000);
      }
      let workload: Workload | undefined;
      if (!size.buildOnly) {
        progress(`${size.name}: loading in this process for the queries`);
        const loaded = await timeOnce(async () => (await openMemoryStore(dir)).store);
        const store = loaded.value;
        // From the store's own arrays: building graphology in this process would enlarge the heap the
        // HTTP server below collects garbage in, and `kg serve` never builds it.
        workload = drawWorkload(store.entities());
        progress(`${size.name}: queries`);
        r.queries = await measureQueries(store, workload, budgetMs);
        if (!skip.has('analytics')) {
          progress(`${size.name}: analytics`);
          r.analytics = await measureAnalytics(store);
        }
        if (!neo4jOnly) {
          progress(`${size.name}: export`);
          r.exports = await measureExports(store, exportHistory);
          exportHistory.push({ entities: store.entities().ids.length, figures: r.exports });
        }
        if (!skip.has('http')) {
          progress(`${size.name}: HTTP`);
          r.http = await measureHttp(store, dir, workload, httpSeconds);
        }
        if (!skip.has('kuzu')) {
          const { measureKuzu } = await import('./kuzu');
          progress(`${size.name}: Kùzu`);
          r.kuzu = await measureKuzu(store, workload, r.queries, budgetMs, path.join(dataRoot, `${size.name}-kuzu`));
        }
      }
      if (neo4j) {
        const { measureNeo4jSize } = await import('./neo4j');
        progress(`${size.name}: Neo4j (${neo4j.figures.target})`);
        // The server keeps the plans of queries a smaller size has run: no warm-up calls needed then.
        const queried = results.sizes.some((x) => x !== r && x.neo4j?.queries);
        r.neo4j = await measureNeo4jSize(neo4j.config, { dir, workload, embedded: r.queries, budgetMs, batchSize, serverPid: neo4j.serverPid, queryWarmup: queried ? 0 : 1, runStartedAt: results.startedAt, ...(neo4j.figures.server ? { server: neo4j.figures.server } : {}) });
      }
    }
  } finally {
    if (neo4j) {
      progress('neo4j: closing');
      await neo4j.close();
    }
  }

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
  // A Neo4j-only run updates the Neo4j figures of the saved results and keeps all the others.
  const written = neo4jOnly && existsSync(out) ? mergeNeo4jResults(JSON.parse(readFileSync(out, 'utf8')) as BenchResults, results) : results;
  writeFileSync(out, `${JSON.stringify(written, null, 2)}\n`);
  console.log(renderTable(written));
  console.log(`\nJSON: ${path.relative(process.cwd(), out)}${written !== results ? ' (Neo4j figures merged into the saved results)' : ''}`);
  if (!values['no-markdown']) {
    writeFileSync(path.join(REPO, 'BENCHMARKS.md'), renderMarkdown(written));
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
