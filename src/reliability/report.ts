import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from '../api/server';
import { loadConfig, REPO_ROOT } from '../config';
import { closeDriver } from '../store/neo4j/driver';
import { openStore } from '../store/open';
import {
  baselineExport,
  kgProcess,
  loadBrokenCases,
  makeWorkspace,
  passed,
  runBrokenCase,
  type CaseResult,
  type Mode,
} from './broken-inputs';
import { generatedMalformed, runCypherCorpus } from './cypher-corpus';
import { fakeDatabase, type OutageKind } from './fake-neo4j';
import { runFuzz } from './fuzz';
import { kgInProcess } from './kg-in-process';
import { realNeo4jChecks } from './real-neo4j-checks';
import { cypherOnNeo4jLines, realNeo4jOk, realOutageLines } from './real-neo4j-lines';
import { measureShutdown } from './shutdown';
import { runSoak } from './soak';

/**
 * `npm run reliability`: runs every reliability measurement and writes RELIABILITY.md from the
 * results (never by hand). Options: --soak-seconds N (default 60), --fuzz-runs N per endpoint
 * (default 200), --processes (run every corpus case as separate kg processes; by default the
 * commands run in this process, the same code without seconds of start-up per run, and a few
 * cases are repeated as real processes).
 */
const { values } = parseArgs({
  options: {
    'soak-seconds': { type: 'string', default: '60' },
    'fuzz-runs': { type: 'string', default: '200' },
    processes: { type: 'boolean', default: false },
    out: { type: 'string', default: path.join(REPO_ROOT, 'RELIABILITY.md') },
  },
});
const log = (line: string) => process.stderr.write(`${line}\n`);
const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((a / b) * 100).toFixed(a === b ? 0 : 1)}%`);
// A test run must never read a developer's own imported claims.
process.env.KG_DATA_DIR ??= path.join(os.tmpdir(), 'kg-reliability-no-user-data');

/** Cases repeated as real processes when the corpus runs in this process. */
const PROCESS_SAMPLE: [string, Mode][] = [
  ['entities-yaml-bomb.yaml', 'validate'],
  ['claims-50mb.csv', 'import'],
  ['relations-unknown-type.yaml', 'import'],
  ['entities-terminal-escape-kind.yaml', 'validate'],
];

async function corpus() {
  const kg = values.processes ? kgProcess : kgInProcess;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'kg-reliability-'));
  try {
    const baseline = await baselineExport(makeWorkspace(path.join(tmp, 'baseline')), kg);
    const cases = loadBrokenCases();
    const results: CaseResult[] = [];
    for (const c of cases) {
      for (const mode of ['validate', 'import'] as Mode[]) {
        if (mode === 'validate' && c.importOnly) continue;
        const r = await runBrokenCase(c, mode, makeWorkspace(path.join(tmp, `${mode}-${c.name}`)), kg, baseline);
        log(`corpus: ${passed(r) ? 'refused' : 'PROBLEM'} ${mode} ${c.name} (${r.ms} ms)`);
        results.push(r);
      }
    }
    const sampled: CaseResult[] = [];
    if (!values.processes) {
      const processBaseline = await baselineExport(makeWorkspace(path.join(tmp, 'baseline-process')), kgProcess);
      for (const [name, mode] of PROCESS_SAMPLE) {
        const bc = cases.find((x) => x.name === name);
        if (!bc) continue;
        const r = await runBrokenCase(
          bc,
          mode,
          makeWorkspace(path.join(tmp, `process-${mode}-${name}`)),
          kgProcess,
          processBaseline,
        );
        log(`corpus (process): ${passed(r) ? 'refused' : 'PROBLEM'} ${mode} ${name} (${r.ms} ms)`);
        sampled.push(r);
      }
    }
    return {
      cases,
      results,
      sampled,
      runner: values.processes
        ? 'each as separate `kg` processes'
        : 'with the `kg` commands called in one process (the same `main` as the binary)',
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function httpChecks(fuzzRuns: number) {
  const store = await openStore(loadConfig());
  const generous = { limit: 10_000_000, windowMs: 60_000 };
  const server = await startServer({
    store,
    port: 0,
    host: '127.0.0.1',
    log: () => {},
    rateLimits: { search: generous, cypher: generous },
  });
  try {
    log('cypher: attack and read corpora over HTTP');
    const cypher = await runCypherCorpus(server.url, 'memory');
    log(`fuzz: ${fuzzRuns} runs per endpoint`);
    const fuzz = await runFuzz(server.url, { runsPerEndpoint: fuzzRuns });
    return { cypher, fuzz };
  } finally {
    await server.close(100);
  }
}

async function outage() {
  const rows: { kind: OutageKind; firstMs: number; status: number; retryAfter: string | null; laterMs: number }[] = [];
  const timed = async (url: string) => {
    const t = Date.now();
    const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    const body = (await res.json()) as { message?: string; error?: { message?: string } };
    return {
      ms: Date.now() - t,
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      message: body.message ?? body.error?.message ?? '',
    };
  };
  let noticeMs = Number.NaN;
  // A real Neo4j stopped shows a refused port (see realNeo4jChecks); these show what it cannot.
  for (const kind of ['drop', 'black-hole'] as OutageKind[]) {
    const db = await fakeDatabase(kind);
    const store = await openStore(
      loadConfig(),
      { ...process.env, NEO4J_URI: db.uri, NEO4J_PASSWORD: 'not-a-real-password' },
      { tolerateOutage: true },
    );
    const server = await startServer({ store, port: 0, host: '127.0.0.1', log: () => {} });
    try {
      const first = await timed(`${server.url}/api/health`);
      const later = await timed(`${server.url}/api/entities/ttp`);
      rows.push({ kind, firstMs: first.ms, status: first.status, retryAfter: first.retryAfter, laterMs: later.ms });
      if (kind === 'black-hole') {
        // The database changes state: how long until a request sees the new state, no restart.
        await db.become('drop');
        const changed = Date.now();
        for (;;) {
          const r = await timed(`${server.url}/api/health`);
          if (/closed by server/i.test(r.message)) break;
          if (Date.now() - changed > 30_000) break;
          await new Promise((res) => setTimeout(res, 100));
        }
        noticeMs = Date.now() - changed;
      }
    } finally {
      await server.close(100);
      await db.close();
    }
  }
  await closeDriver();
  return { rows, noticeMs };
}

const fence = (s: string) => `\`${s}\``;

async function main() {
  const started = new Date();
  const load = os.loadavg();
  const took: [string, number][] = [];
  const step = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    log(label);
    const t = performance.now();
    try {
      return await work();
    } finally {
      took.push([label.replace(/^\d\/\d /, ''), Math.round((performance.now() - t) / 1000)]);
    }
  };
  const c = await step('1/6 broken inputs', corpus);
  const h = await step('2/6 hostile Cypher and HTTP fuzz', () => httpChecks(Number(values['fuzz-runs'])));
  const soak = await step('3/6 soak', () =>
    runSoak({ durationS: Number(values['soak-seconds']), connections: 10, onProgress: log }),
  );
  const real = await step('4/6 a real Neo4j: hostile Cypher and an outage', () => realNeo4jChecks(log));
  const out = await step('5/6 Neo4j unreachable in other ways (loopback stand-ins)', outage);
  const shutdown = await step('6/6 shutdown', () => measureShutdown({ bodyDelayMs: 1000 }));

  const refusedCases = c.results.filter(passed);
  const filesTried = new Set(c.results.map((r) => r.name)).size;
  const filesRefusedEverywhere = [...new Set(c.results.map((r) => r.name))].filter((n) =>
    c.results.filter((r) => r.name === n).every(passed),
  ).length;
  const problems = [...c.results, ...c.sampled].filter((r) => !passed(r));
  const md: string[] = [];
  md.push('# Reliability and security figures', '');
  md.push(
    `Generated by ${fence('npm run reliability')} (src/reliability/report.ts) on ${started.toISOString()}; do not edit by hand.`,
    '',
  );
  md.push(
    `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), shared with other work (load average ${load.map((x) => x.toFixed(1)).join(' / ')} at the start), ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB RAM, Node ${process.version}, ${os.platform()} ${os.release()}. Latency figures on a shared machine are upper bounds.`,
    '',
  );

  md.push('## Bad input changes nothing', '');
  md.push(
    `${filesTried} broken files (tests/fixtures/broken, plus ${c.cases.filter((x) => x.generated).length} generated at run time: 50 MB files, binary garbage, Latin-1, 20,000-deep nesting), run ${c.runner}: ${c.results.length} runs of ${fence('kg validate')} (the file in the seed) and ${fence('kg import')}.`,
    '',
  );
  md.push(
    `- refused with a non-zero exit, every expected ${fence('file:line ... field: message')} printed, no raw control character on the terminal, and nothing changed: **${refusedCases.length} of ${c.results.length} runs** (${pct(refusedCases.length, c.results.length)}); files refused in every mode: **${filesRefusedEverywhere} of ${filesTried}**`,
  );
  if (c.sampled.length > 0)
    md.push(
      `- repeated as real \`kg\` processes (exit codes from the operating system): ${c.sampled.map((x) => `${x.mode} ${fence(x.name)} ${passed(x) ? `refused, exit ${x.exitCode}` : '**not refused cleanly**'}`).join('; ')}`,
    );
  md.push(
    `- "nothing changed" means: after a refused import, ${fence('kg export --format json')} is byte-identical to before and the seed and data folders hold the same bytes; with the broken file in the seed, ${fence('kg export')} fails too and prints no graph`,
  );
  if (problems.length > 0)
    md.push(
      '',
      'Runs that did not meet this:',
      '',
      ...problems.map(
        (p) =>
          `- ${p.mode} ${p.name}: exit ${p.exitCode}; ${[...p.missing.map((m) => `missing line ${m.line} ${m.field ?? '-'}: ${m.text}`), ...p.changes, p.rawControl ? 'raw control characters printed' : ''].filter(Boolean).join('; ')}`,
      ),
    );
  md.push('', '| file | what is wrong | validate | import |', '| --- | --- | --- | --- |');
  for (const bc of c.cases) {
    const v = c.results.find((r) => r.name === bc.name && r.mode === 'validate');
    const i = c.results.find((r) => r.name === bc.name && r.mode === 'import');
    const cell = (r?: CaseResult) =>
      !r ? 'n/a' : passed(r) ? `refused (exit ${r.exitCode})` : '**not refused cleanly**';
    md.push(`| ${fence(bc.name)} | ${bc.description.replace(/\|/g, '\\|')} | ${cell(v)} | ${cell(i)} |`);
  }
  md.push(
    '',
    'Names: control characters (C0, DEL, C1; in names also line breaks and bidirectional overrides) are refused with the character and its position; markup such as `<b>` in a name is data, stored as written and shown as text.',
    '',
  );

  md.push('## Hostile Cypher is refused', '');
  const a = h.cypher.attacks;
  const r = h.cypher.reads;
  md.push(
    `- attack queries (tests/fixtures/cypher/attacks.txt) refused before reaching a store: **${a.refused} of ${a.total} (${pct(a.refused, a.total)})**; answers: ${Object.entries(
      a.statuses,
    )
      .map(([k, n]) => `${k} x${n}`)
      .join(', ')}`,
  );
  if (a.leaked.length > 0) md.push(...a.leaked.map((q) => `  - NOT refused: ${fence(q.replace(/`/g, "'"))}`));
  md.push(
    `- legitimate reads (tests/fixtures/cypher/reads.txt, many naming "create", "delete", "set" in strings, names and comments) let through: **${r.allowed} of ${r.total} (${pct(r.allowed, r.total)})** (on the embedded store "let through" is 503 NEO4J_REQUIRED: the guard allowed it and the store was asked)`,
  );
  if (r.blocked.length > 0) md.push(...r.blocked.map((q) => `  - blocked: ${fence(q.replace(/`/g, "'"))}`));
  const m = h.cypher.malformed;
  md.push(
    `- malformed and oversized queries (tests/fixtures/cypher/malformed.txt and ${generatedMalformed().length} generated ones: look-alike letters, sums of 700 to 5,000 terms, 1,200 NOTs, brackets 500 to 2,000 deep, parameters 30,000 deep) answered 400 without reaching a store: **${m.refused} of ${m.total}**; answers: ${Object.entries(
      m.statuses,
    )
      .map(([k, n]) => `${k} x${n}`)
      .join(
        ', ',
      )}; the slowest refusal took **${(m.slowestRefusalMs / 1000).toFixed(1)} s**, and ${fence('/api/health')}, asked every 20 ms meanwhile, answered in at most **${Math.round(m.worstHealthMs)} ms**`,
  );
  md.push(
    `- on Neo4j, behind the guard: EXPLAIN must plan a read (query type ${fence('r')}), then a READ transaction with a 5 s timeout (past it: 504 CYPHER_TIMEOUT) and at most 1,000 rows pulled from the stream. Proved on a real Neo4j (the one the test run starts, or ${fence('NEO4J_URI')}) by tests/neo4j/cypher-defences.test.ts, each defence on its own: the guard, with the server's query log showing the database was never asked; EXPLAIN, with the guard skipped; the READ transaction, with both skipped; then the timeout and the row cap; and by tests/neo4j/hostile-cypher.test.ts: the whole attack corpus changes nothing.`,
  );
  md.push(...cypherOnNeo4jLines(real), '');

  md.push('## HTTP fuzz', '');
  md.push(
    `- **${h.fuzz.cases} property-based requests** (fast-check, seed ${h.fuzz.seed}) over ${Object.keys(h.fuzz.byEndpoint).length} endpoint groups from the OpenAPI document: parameters valid and hostile, path ids with traversal and encoding tricks, any JSON and broken JSON bodies, unsupported methods`,
  );
  md.push(
    `- 5xx answers: **${Object.entries(h.fuzz.statuses)
      .filter(([s]) => Number(s) >= 500)
      .reduce(
        (t, [, n]) => t + n,
        0,
      )}** (a 503 NEO4J_REQUIRED to a valid read on the embedded store would be the one allowed); stack traces or errors outside the JSON shape: **${h.fuzz.failures.length}**`,
  );
  md.push(
    `- statuses: ${Object.entries(h.fuzz.statuses)
      .map(([k, n]) => `${k} x${n}`)
      .join(', ')}`,
  );
  if (h.fuzz.failures.length > 0) md.push(...h.fuzz.failures.map((f) => `  - ${f}`));
  md.push(
    '- a body over 64 KB gets 413 and a flood of searches gets 429 with Retry-After, both in the JSON error shape (tests/reliability/http-fuzz.test.ts)',
    '',
  );

  md.push('## Soak', '');
  md.push(
    `${soak.durationS} s of autocannon on 127.0.0.1, ${soak.connections} connections, against a real ${fence('kg serve')} process (embedded store, real seed), cycling ${soak.paths.length} requests: search, entity, neighbourhood and paths. autocannon is one client, so the per-client search limit is lifted for the soak (\`KG_RATE_LIMIT_SEARCH\`); the limiter's own 429 is tested in tests/reliability/http-fuzz.test.ts.`,
    '',
  );
  md.push(
    `- requests: **${soak.requests}** (${Math.round(soak.requestsPerSecond)}/s); connection errors **${soak.errors}**, timeouts **${soak.timeouts}**, non-2xx **${soak.non2xx}**${Object.keys(soak.statuses).length ? ` (${JSON.stringify(soak.statuses)})` : ''}`,
  );
  md.push(
    `- latency: p50 ${soak.latencyMs.p50} ms, p90 ${soak.latencyMs.p90} ms, **p99 ${soak.latencyMs.p99} ms**, max ${soak.latencyMs.max} ms`,
  );
  md.push(
    `- server RSS: ${soak.rssMb.first10s} MB over the first 10 s, ${soak.rssMb.last10s} MB over the last 10 s: **${soak.rssMb.growthPct >= 0 ? '+' : ''}${soak.rssMb.growthPct}%** (limit 10%)`,
    '',
  );

  md.push('## Neo4j outage', '');
  md.push(...realOutageLines(real), '');
  md.push('### Unreachable in other ways', '');
  md.push(
    `What a Neo4j stopped on this machine cannot show, with the real driver pointed at loopback listeners that stand in for it (connect timeout ${'3 s'}, driver retry budget 3 s, request deadline 10 s):`,
    '',
  );
  md.push('| outage | first request (health) | answer | later requests |', '| --- | --- | --- | --- |');
  for (const row of out.rows)
    md.push(
      `| ${row.kind === 'drop' ? 'accepts, then drops' : 'accepts, never answers'} | ${row.firstMs} ms | ${row.status}, Retry-After ${row.retryAfter ?? 'missing'} | ${row.laterMs} ms (fail fast until the next probe, one per second) |`,
    );
  md.push(
    '',
    `- a change of the database's state (here from silent to dropping) is seen by the running server after **${Number.isNaN(out.noticeMs) ? 'n/a' : `${out.noticeMs} ms`}**, without a restart: no failure is cached for good; every second one request probes again (verifyConnectivity), and a successful probe puts the store back in use.`,
    '',
  );

  md.push('## Shutdown', '');
  md.push(`SIGTERM to a real ${fence('kg serve')} while a request's body was still arriving:`, '');
  md.push(
    `- new connections refused after the signal: **${shutdown.newConnectionsRefused ? `yes (within ${shutdown.refusedAfterMs} ms)` : 'no'}**`,
  );
  md.push(
    `- the in-flight request answered in full: **${shutdown.inFlightBodyComplete ? `yes (HTTP ${shutdown.inFlightStatus})` : 'no'}**`,
  );
  md.push(
    `- exit code **${shutdown.exitCode}**, **${shutdown.exitMs} ms** after SIGTERM (limit 10 s; the request body was held back 1 s of that)`,
    '',
  );

  md.push('## Run time', '');
  md.push(
    `${took.map(([label, s]) => `${label}: ${s} s`).join('; ')}.${real.setupMs ? ` Of the real Neo4j's step, its start and seed took ${(real.setupMs / 1000).toFixed(0)} s, and its start again after the stop ${real.outage ? (real.outage.figures.startMs / 1000).toFixed(0) : 'n/a'} s.` : ''}`,
    '',
  );

  writeFileSync(values.out!, `${md.join('\n')}\n`);
  log(`reliability: wrote ${values.out}`);
  const ok =
    problems.length === 0 &&
    a.refused === a.total &&
    r.allowed === r.total &&
    h.fuzz.failures.length === 0 &&
    soak.errors === 0 &&
    soak.non2xx === 0 &&
    soak.rssMb.growthPct < 10 &&
    shutdown.exitCode === 0 &&
    shutdown.exitMs < 10_000 &&
    realNeo4jOk(real);
  if (!ok) log('reliability: some figures miss their targets; see the file');
  process.exitCode = ok ? 0 : 1;
}

await main();
