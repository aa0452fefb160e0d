import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import neo4j, { type Driver, type ManagedTransaction, type SessionConfig } from 'neo4j-driver';
import { ENTITY_KIND_IDS, RELATION_TYPE_IDS, type KnowledgeBase } from '../model';
import { loadKnowledgeBaseOrThrow } from '../seed';
import { connectNeo4j, describeTarget, Neo4jStore, neo4jConfigFromEnv, Sessions, syncKnowledgeBase, type Neo4jConfig, type SyncReport } from '../store/neo4j';
import { forKind, forRelationType, loadStatement, LOAD_NAMES, query, QUERY_NAMES, readCypherFile, schemaStatements, templatePlaceholder, type CypherStatement } from '../store/neo4j/cypher-files';
import { closeDriver, getDriver } from '../store/neo4j/driver';
import type { SessionFactory } from '../store/neo4j/driver';
import { SYNC_TIMEOUT_MS } from '../store/neo4j/sync';
import type { GraphStore } from '../store/port';
import type { NeighborhoodResult } from '../model';
import { measureQueries, NEIGHBORHOOD_LIMIT, type QueryFigures } from './embedded';
import { progress, sample, summarise, timeOnce, type Latency } from './measure';
import type { Workload } from './workload';

/**
 * The Neo4j part of the benchmark: `kg seed`'s sync into an empty database and again with nothing
 * to change, then the embedded store's query workload through the Neo4j store, beside the embedded
 * store's figures from the same run, and a hand-written Cypher neighbourhood as the reference for
 * the adapter. It runs on NEO4J_URI when set (with --neo4j-overwrite, since it empties that
 * database), or else on a local Neo4j of its own (tools/neo4j-local), started and stopped here.
 */

/** Heap and page cache of the local server: room for a 100k-entity sync in one transaction. */
export const LOCAL_NEO4J_DEFAULTS = { heap: '6g', pageCache: '2g' } as const;
/**
 * The heap for the 1M-relation size: its sync holds about 7 KB per relation until commit (4.25 GB
 * measured at 500k relations), and Neo4j refuses a transaction past 70% of its heap (8 GB failed).
 */
export const LOCAL_NEO4J_HEAP_FOR_1M = '13g';

/** Focus entities whose depth-2 answers are compared between the adapter and the hand-written query. */
const AGREEMENT_PROBES = 20;

export interface Neo4jFigures {
  skipped?: string;
  /** Where the figures come from (address and database, never the password). */
  target?: string;
  /** Server version and edition, and for a local server its memory settings. */
  server?: string;
  /** Rows per UNWIND statement of the sync. */
  batchSize?: number;
  /** Starting the local server, when the benchmark started one. */
  startMs?: number;
  error?: string;
}

/** Where time went, per statement file under cypher/ (or `schema`). */
export interface SyncStep {
  step: string;
  statements: number;
  /** Wall time of the statements, as the client sees it (sending the rows included). */
  ms: number;
  /** The server's own time for them (resultAvailableAfter + resultConsumedAfter). */
  serverMs: number;
}

export interface SyncFigure {
  ms: number;
  relationsPerSec: number;
  entitiesPerSec: number;
  /** What the sync reported: created / updated / removed / unchanged relations and entities. */
  report: Pick<SyncReport, 'entities' | 'relations'>;
  steps: SyncStep[];
  /** From the end of the last statement to the commit's answer. */
  commitMs: number;
  /** The rest: building rows and hashes, planning, the driver outside statements. */
  clientMs: number;
  /**
   * CPU time spent meanwhile by this process and (for the local server) by Neo4j: less sensitive
   * than wall time to other work on a shared machine, and what a quiet machine would still spend.
   */
  clientCpuMs: number;
  serverCpuMs?: number;
}

export interface HandWrittenFigures {
  /** Adapter and hand-written query asked alternately, focus by focus, so both see the same load. */
  adapter: Latency;
  /** Adapter calls that failed (their times are not in `adapter`), and the first message. */
  adapterFailures?: { count: number; message: string };
  handWritten: Latency;
  /** The server's share of the hand-written query (resultAvailableAfter + resultConsumedAfter). */
  handWrittenServer: Latency;
  /** The adapter's statements per neighbourhood call: mean ms, server ms and count. */
  adapterSteps: SyncStep[];
  /** Focus entities whose answers were compared, and how many were the same. */
  agreement: { checked: number; same: number; firstDifference?: string };
}

export interface Neo4jSizeFigures {
  entities: number;
  relations: number;
  /** The server this size ran on (version, memory), as in Neo4jFigures. */
  server?: string;
  /** When the benchmark run that measured this size started (sizes may be merged from several runs). */
  runStartedAt?: string;
  firstSync?: SyncFigure;
  resync?: SyncFigure;
  /** The embedded store's workload through the Neo4j store. */
  queries?: QueryFigures;
  /** Queries that failed on some calls: how many, and the first message. */
  queryErrors?: Record<string, string>;
  /** The embedded store's figures for the same workload, from the same run. */
  embedded?: QueryFigures;
  handWritten?: HandWrittenFigures;
  /** os.loadavg() when this size started and ended on Neo4j. */
  loadAverage: { start: number[]; end: number[] };
  error?: string;
}

export type Neo4jBenchPlan =
  | { run: 'external'; config: Neo4jConfig }
  | { run: 'local' }
  | { run: 'skip'; reason: string };

/**
 * Whether and where the Neo4j part runs. NEO4J_URI set: that server, but only with the explicit
 * `--neo4j-overwrite`, since every load starts by emptying the database. Not set: a local Neo4j of
 * the benchmark's own when Java 17+ and Maven are here (`missing` returns null), else skipped with
 * the reason.
 */
export function planNeo4jBench(overwrite: boolean, missing: () => string | null, env: NodeJS.ProcessEnv = process.env): Neo4jBenchPlan {
  let config: Neo4jConfig | null;
  try {
    config = neo4jConfigFromEnv(env);
  } catch (err) {
    return { run: 'skip', reason: `not run: ${(err as Error).message}` };
  }
  if (config) {
    if (!overwrite) {
      return { run: 'skip', reason: `skipped: NEO4J_URI is set (${describeTarget(config)}), but the Neo4j part empties that database before each timed load; pass --neo4j-overwrite to allow it, or unset NEO4J_URI to let the benchmark start a local Neo4j of its own.` };
    }
    return { run: 'external', config };
  }
  const why = missing();
  if (why) {
    return {
      run: 'skip',
      reason: `skipped: NEO4J_URI is not set and no local Neo4j can start here: ${why}. Install Java 17+ and Maven (the benchmark then starts one of its own), or set NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD (and NEO4J_DATABASE) and pass --neo4j-overwrite.`,
    };
  }
  return { run: 'local' };
}

export interface Neo4jBench {
  config: Neo4jConfig;
  figures: Neo4jFigures;
  /** The server's process, when it runs on this machine (its CPU time is read from /proc). */
  serverPid?: number;
  /** Closes the driver and stops the local server (removing its data); safe to call twice. */
  close(): Promise<void>;
}

export interface LocalServerOptions {
  heap?: string;
  pageCache?: string;
}

async function serverVersion(config: Neo4jConfig): Promise<string> {
  const session = getDriver(config).session(config.database ? { database: config.database } : {});
  try {
    const r = await session.run('CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition');
    const rec = r.records[0];
    return rec ? `${String(rec.get('name'))} ${String(rec.get('version'))} ${String(rec.get('edition'))}` : 'unknown version';
  } finally {
    await session.close();
  }
}

/** Connects to the planned server, starting the local one first; null (with figures.error) when that fails. */
export async function openNeo4jBench(plan: Exclude<Neo4jBenchPlan, { run: 'skip' }>, local: LocalServerOptions = {}): Promise<Neo4jBench | { figures: Neo4jFigures }> {
  if (plan.run === 'external') {
    try {
      await connectNeo4j(plan.config);
      const figures: Neo4jFigures = { target: describeTarget(plan.config), server: await serverVersion(plan.config) };
      return { config: plan.config, figures, close: closeDriver };
    } catch (err) {
      return { figures: { target: describeTarget(plan.config), error: `could not connect: ${(err as Error).message}` } };
    }
  }
  const control = await import('../../tools/neo4j-local/control');
  const heap = local.heap ?? LOCAL_NEO4J_DEFAULTS.heap;
  const pageCache = local.pageCache ?? LOCAL_NEO4J_DEFAULTS.pageCache;
  const home = mkdtempSync(path.join(tmpdir(), 'kg-bench-neo4j-'));
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await closeDriver();
    await control.stopLocalNeo4j(home);
    rmSync(home, { recursive: true, force: true });
  };
  // The server outlives this process unless stopped: stop it on Ctrl-C and kill too.
  const onSignal = (signal: NodeJS.Signals) => {
    progress(`neo4j: ${signal}: stopping the local Neo4j`);
    void stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const close = async () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await stop();
  };
  try {
    const port = await freePort();
    progress(`neo4j: starting a local Neo4j (heap ${heap}, page cache ${pageCache}, port ${port}, data in ${home})`);
    const started = await timeOnce(() => control.startLocalNeo4j({ home, port, heap, pageCache, log: (line) => progress(line) }));
    const c = started.value;
    const config: Neo4jConfig = { uri: c.uri, user: c.user, password: c.password, connectTimeoutMs: 10_000 };
    await connectNeo4j(config);
    const figures: Neo4jFigures = {
      target: `a local Neo4j started by the benchmark (tools/neo4j-local), ${c.uri}`,
      server: `${await serverVersion(config)}, heap ${heap}, page cache ${pageCache}`,
      startMs: started.ms,
    };
    const serverPid = (JSON.parse(readFileSync(path.join(home, 'state.json'), 'utf8')) as { pid?: number }).pid;
    return { config, figures, close, ...(serverPid ? { serverPid } : {}) };
  } catch (err) {
    await close();
    return { figures: { target: 'a local Neo4j (tools/neo4j-local)', error: `could not start: ${(err as Error).message}` } };
  }
}

function freePort(): Promise<number> {
  return import('node:net').then(
    ({ createServer }) =>
      new Promise<number>((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
          const address = server.address();
          const port = typeof address === 'object' && address ? address.port : 0;
          server.close(() => resolve(port));
        });
      }),
  );
}

/** Deletes every entity and source, in an auto-commit statement (CALL ... IN TRANSACTIONS needs one). */
async function clearGraph(config: Neo4jConfig): Promise<void> {
  const session = getDriver(config).session(config.database ? { database: config.database } : {});
  try {
    // Emptying 100k entities and their relations outlasts the server's 60 s default.
    await session.run(loadStatement('clear-graph').text, {}, { timeout: SYNC_TIMEOUT_MS });
  } finally {
    await session.close();
  }
}

/** Every text the program can send (templates once per registry value), mapped to its file under cypher/. */
function statementNames(): Map<string, string> {
  const names = new Map<string, string>();
  const add = (s: CypherStatement) => names.set(s.text, s.file.replace(/\.cypher$/, ''));
  for (const name of LOAD_NAMES) {
    const s = loadStatement(name);
    const placeholder = templatePlaceholder(s);
    if (placeholder === null) add(s);
    else if (placeholder === 'KIND_LABEL') for (const k of ENTITY_KIND_IDS) add(forKind(s, k));
    else for (const t of RELATION_TYPE_IDS) add(forRelationType(s, t));
  }
  for (const name of QUERY_NAMES) add(query(name));
  for (const text of schemaStatements()) names.set(text, 'schema');
  return names;
}

/**
 * A session factory over the driver that times each statement (by its file under cypher/) and the
 * commit of write transactions, so a sync's or a query's time can be split without changing either.
 */
class StatementClock implements SessionFactory {
  readonly steps = new Map<string, SyncStep>();
  commitMs = 0;
  private readonly names = statementNames();

  constructor(private readonly driver: Driver) {}

  reset(): void {
    this.steps.clear();
    this.commitMs = 0;
  }

  session(config: SessionConfig) {
    const session = this.driver.session(config);
    const timed = <T>(work: (tx: ManagedTransaction) => Promise<T>) => (tx: ManagedTransaction) => work(this.timedTx(tx));
    return {
      executeRead: <T>(work: (tx: ManagedTransaction) => Promise<T>, c?: { timeout?: number }) => session.executeRead(timed(work), c),
      executeWrite: async <T>(work: (tx: ManagedTransaction) => Promise<T>, c?: { timeout?: number }) => {
        let workDone = 0;
        const value = await session.executeWrite(async (tx) => {
          const v = await timed(work)(tx);
          workDone = performance.now();
          return v;
        }, c);
        this.commitMs += performance.now() - workDone;
        return value;
      },
      close: () => session.close(),
    };
  }

  private timedTx(tx: ManagedTransaction): ManagedTransaction {
    const run = async (text: string, params?: Record<string, unknown>) => {
      const t = performance.now();
      const result = await tx.run(text, params);
      const name = this.names.get(text) ?? 'other';
      const step = this.steps.get(name) ?? { step: name, statements: 0, ms: 0, serverMs: 0 };
      step.statements++;
      step.ms += performance.now() - t;
      step.serverMs += result.summary.resultAvailableAfter.toNumber() + result.summary.resultConsumedAfter.toNumber();
      this.steps.set(name, step);
      return result;
    };
    return new Proxy(tx, {
      get(target, prop) {
        if (prop === 'run') return run;
        const value: unknown = Reflect.get(target, prop);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }
}

/** CPU time (user + system) of a process on this machine, in ms; undefined where /proc cannot tell. */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // Fields after the command name; utime and stime are the 12th and 13th, in clock ticks (100 a second on Linux).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

async function timedSync(clock: StatementClock, sessions: Sessions, kb: KnowledgeBase, batchSize: number | undefined, serverPid: number | undefined): Promise<SyncFigure> {
  clock.reset();
  const serverCpu = processCpuMs(serverPid);
  const clientCpu = process.cpuUsage();
  const { ms, value: report } = await timeOnce(() => syncKnowledgeBase(sessions, kb, batchSize === undefined ? {} : { batchSize }));
  const clientUsed = process.cpuUsage(clientCpu);
  const serverCpuAfter = processCpuMs(serverPid);
  const steps = [...clock.steps.values()].sort((a, b) => b.ms - a.ms);
  const inStatements = steps.reduce((t, s) => t + s.ms, 0);
  return {
    ms,
    relationsPerSec: (kb.relations.length / ms) * 1000,
    entitiesPerSec: (kb.entities.length / ms) * 1000,
    report: { entities: report.entities, relations: report.relations },
    steps,
    commitMs: clock.commitMs,
    clientMs: Math.max(0, ms - inStatements - clock.commitMs),
    clientCpuMs: (clientUsed.user + clientUsed.system) / 1000,
    ...(serverCpu !== undefined && serverCpuAfter !== undefined ? { serverCpuMs: serverCpuAfter - serverCpu } : {}),
  };
}

/**
 * The store with every call's failure recorded instead of thrown, so that one failing query (a
 * server timeout, a query the adapter does not support yet) leaves the other figures standing.
 */
function recordingFailures(store: GraphStore, errors: Record<string, { count: number; message: string }>): GraphStore {
  const note = (what: string, err: unknown) => {
    const e = (errors[what] ??= { count: 0, message: (err as Error).message.split('\n')[0]! });
    e.count++;
  };
  return new Proxy(store, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } catch (err) {
          const what = prop === 'neighborhood' ? `neighborhood${String((args[1] as { depth: number }).depth)}` : prop === 'paths' ? ((args[2] as { k: number }).k > 1 ? 'kShortest5' : 'shortestPath') : String(prop);
          note(what, err);
          return prop === 'search' ? [] : prop === 'paths' ? { paths: [] } : null;
        }
      };
    },
  });
}

const HAND_WRITTEN = 'bench/neighborhood-2.cypher';

export function handWrittenNeighborhood(): CypherStatement {
  return readCypherFile(HAND_WRITTEN);
}

interface HandWrittenAnswer {
  nodes: string[];
  edges: string[];
  reachable: number;
  serverMs: number;
}

async function askHandWritten(sessions: Sessions, id: string): Promise<HandWrittenAnswer> {
  const statement = handWrittenNeighborhood();
  const result = await sessions.read((tx) => tx.run(statement.text, { id, limit: neo4j.int(NEIGHBORHOOD_LIMIT) }));
  const record = result.records[0];
  const serverMs = result.summary.resultAvailableAfter.toNumber() + result.summary.resultConsumedAfter.toNumber();
  if (!record) return { nodes: [], edges: [], reachable: 0, serverMs };
  const nodes = (record.get('nodes') as { id: string }[]).map((n) => n.id);
  const edges = (record.get('edges') as { relation: { key: string } }[]).map((e) => e.relation.key).sort();
  return { nodes, edges, reachable: Number(record.get('reachable')), serverMs };
}

/** The first way the adapter's answer differs from the hand-written one, or null when they agree. */
export function neighborhoodDifference(adapter: NeighborhoodResult | null, hand: Pick<HandWrittenAnswer, 'nodes' | 'edges' | 'reachable'>): string | null {
  if (!adapter) return hand.nodes.length === 0 ? null : 'the adapter found no such entity';
  const nodes = adapter.graph.nodes.map((n) => n.key);
  if (nodes.length !== hand.nodes.length) return `${nodes.length} entities against ${hand.nodes.length}`;
  const at = nodes.findIndex((n, i) => n !== hand.nodes[i]);
  if (at >= 0) return `entity ${at + 1} is ${nodes[at]} against ${hand.nodes[at]}`;
  const edges = adapter.graph.edges.map((e) => e.key).sort();
  if (edges.join('\n') !== hand.edges.join('\n')) return `${edges.length} relations against ${hand.edges.length}, or other ones`;
  if (adapter.counts.reachable !== hand.reachable) return `${adapter.counts.reachable} reachable against ${hand.reachable}`;
  return null;
}

async function measureHandWritten(config: Neo4jConfig, sessions: Sessions, w: Workload, budgetMs: number): Promise<HandWrittenFigures> {
  // The adapter over a clock, to show which of its statements the time goes to.
  const clock = new StatementClock(getDriver(config));
  const store = new Neo4jStore(new Sessions(clock, config));
  let failures: HandWrittenFigures['adapterFailures'];
  // A call that fails (at 100k, one that runs past the server's time limit) is counted, not thrown.
  const adapterAnswer = async (id: string) => {
    try {
      return { ok: true as const, value: await store.neighborhood(id, { depth: 2, limit: NEIGHBORHOOD_LIMIT }) };
    } catch (err) {
      failures ??= { count: 0, message: (err as Error).message.split('\n')[0]! };
      failures.count++;
      return { ok: false as const, message: failures.message };
    }
  };
  const at = (i: number) => w.focus[i % w.focus.length]!;
  const agreement: HandWrittenFigures['agreement'] = { checked: 0, same: 0 };
  const checkUntil = performance.now() + budgetMs;
  for (const id of w.focus.slice(0, AGREEMENT_PROBES)) {
    const adapter = await adapterAnswer(id);
    const difference = adapter.ok ? neighborhoodDifference(adapter.value, await askHandWritten(sessions, id)) : `the adapter failed: ${adapter.message}`;
    agreement.checked++;
    if (difference === null) agreement.same++;
    else agreement.firstDifference ??= `${id}: ${difference}`;
    if (agreement.checked >= 2 && performance.now() > checkUntil) break;
  }
  // Alternately, focus by focus: the ratio is not skewed by load that comes and goes meanwhile.
  // The agreement check above has warmed both queries up.
  const adapter: number[] = [];
  const hand: number[] = [];
  const server: number[] = [];
  clock.reset();
  await sample(async (i) => {
    const t = performance.now();
    const answered = (await adapterAnswer(at(i))).ok;
    const t1 = performance.now();
    const answer = await askHandWritten(sessions, at(i));
    if (answered) adapter.push(t1 - t);
    hand.push(performance.now() - t1);
    server.push(answer.serverMs);
  }, { iterations: 400, maxMs: budgetMs * 2, warmup: 0, minIterations: 2 });
  const calls = Math.max(1, adapter.length);
  const adapterSteps = [...clock.steps.values()].map((x) => ({ ...x, ms: x.ms / calls, serverMs: x.serverMs / calls, statements: x.statements / calls })).sort((a, b) => b.ms - a.ms);
  return { adapter: summarise(adapter), ...(failures ? { adapterFailures: failures } : {}), handWritten: summarise(hand), handWrittenServer: summarise(server), adapterSteps, agreement };
}

/**
 * Syncs a data set twice and empties the database again, untimed. A freshly started server plans
 * each statement for the first time and its JVM compiles the hot code for a minute or two, which
 * at 10k more than doubled the CPU time of the first sync measured; a server in use has done both.
 */
export async function warmUpNeo4j(config: Neo4jConfig, dir: string): Promise<void> {
  const sessions = await connectNeo4j(config);
  const kb = loadKnowledgeBaseOrThrow(dir).kb;
  await clearGraph(config);
  await syncKnowledgeBase(sessions, kb);
  await syncKnowledgeBase(sessions, kb);
  await clearGraph(config);
}

export interface Neo4jSizeOptions {
  dir: string;
  /** The workload and the embedded store's figures for it; absent for sizes only synced. */
  workload?: Workload;
  embedded?: QueryFigures;
  budgetMs: number;
  batchSize?: number;
  /** Fewest timed calls per query: a path query on Neo4j can take seconds at 100k. */
  minIterations?: number;
  /** Untimed calls before each query's timed ones (0 once an earlier size has run the same queries). */
  queryWarmup?: number;
  server?: string;
  runStartedAt?: string;
  serverPid?: number;
}

const loadavg = () => os.loadavg().map((l) => Math.round(l * 100) / 100);

/**
 * One size on Neo4j: the generated seed synced into the emptied database (timed, with where the
 * time went), synced again with nothing to change, then the query workload and the hand-written
 * neighbourhood. A failure is recorded against its step, and the run goes on.
 */
export async function measureNeo4jSize(config: Neo4jConfig, options: Neo4jSizeOptions): Promise<Neo4jSizeFigures> {
  const figures: Neo4jSizeFigures = { entities: 0, relations: 0, ...(options.server ? { server: options.server } : {}), ...(options.runStartedAt ? { runStartedAt: options.runStartedAt } : {}), loadAverage: { start: loadavg(), end: [] } };
  try {
    const kb = loadKnowledgeBaseOrThrow(options.dir).kb;
    figures.entities = kb.entities.length;
    figures.relations = kb.relations.length;
    await connectNeo4j(config);
    const clock = new StatementClock(getDriver(config));
    const timedSessions = new Sessions(clock, config);
    progress('  neo4j: emptying the database');
    const cleared = await timeOnce(() => clearGraph(config));
    progress(`  neo4j: emptied in ${(cleared.ms / 1000).toFixed(1)} s`);
    progress(`  neo4j: first sync (${kb.entities.length} entities, ${kb.relations.length} relations)`);
    figures.firstSync = await timedSync(clock, timedSessions, kb, options.batchSize, options.serverPid);
    progress(`  neo4j: first sync ${(figures.firstSync.ms / 1000).toFixed(1)} s (${Math.round(figures.firstSync.relationsPerSec)} relations/s); re-sync with nothing changed`);
    figures.resync = await timedSync(clock, timedSessions, kb, options.batchSize, options.serverPid);
    progress(`  neo4j: re-sync ${(figures.resync.ms / 1000).toFixed(1)} s`);
    if (options.workload) {
      const sessions = new Sessions(getDriver(config), config);
      const errors: Record<string, { count: number; message: string }> = {};
      const store = recordingFailures(new Neo4jStore(sessions), errors);
      progress('  neo4j: queries');
      figures.queries = await measureQueries(store, options.workload, options.budgetMs, { minIterations: options.minIterations ?? 1, shapeProbes: 0, warmup: options.queryWarmup ?? 1 });
      if (Object.keys(errors).length > 0) figures.queryErrors = Object.fromEntries(Object.entries(errors).map(([k, e]) => [k, `${e.count} call(s) failed: ${e.message}`]));
      if (options.embedded) figures.embedded = options.embedded;
      progress('  neo4j: hand-written depth-2 neighbourhood beside the adapter');
      figures.handWritten = await measureHandWritten(config, sessions, options.workload, options.budgetMs);
    }
  } catch (err) {
    figures.error = (err as Error).message.split('\n')[0];
  }
  figures.loadAverage.end = loadavg();
  return figures;
}
