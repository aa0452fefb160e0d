import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import neo4j from 'neo4j-driver';
import { startServer } from '../api/server';
import { loadConfig } from '../config';
import { openStore } from '../store/open';
import { startLocalNeo4j, stopLocalNeo4j, type Connection } from '../../tools/neo4j-local/control';
import { freePort } from './fake-neo4j';

/**
 * A real Neo4j going away under a running API server and coming back: the server's own local
 * Neo4j (tools/neo4j-local) is stopped with SIGTERM and started again on the same data and port,
 * while requests keep arriving. What clients see is recorded answer by answer; tests assert on
 * it and `npm run reliability` turns its timings into figures. No step waits a fixed time: each
 * waits for an answer, the next request going out when the previous one is answered.
 */

/** Every kind of read a client makes, as in the fake-listener outage tests. */
export const OUTAGE_PATHS = [
  '/api/health',
  '/api/entities/ttp',
  '/api/search?q=taliban',
  '/api/entities/ttp/neighborhood',
  '/api/paths?from=ttp&to=china',
  '/api/sources',
];

export interface Answer {
  path: string;
  status: number;
  retryAfter: string | null;
  /** `error.code`, or `code` of a health answer. */
  code: string | null;
  text: string;
  /** From sending the request to the whole body read. */
  ms: number;
  /** When it was answered, from performance.now(). */
  at: number;
}

/** One request, answered or failed (a failure to connect is status 0, so callers see it). */
export async function ask(url: string, p: string): Promise<Answer> {
  const started = performance.now();
  try {
    const res = await fetch(url + p, { signal: AbortSignal.timeout(60_000) });
    const text = await res.text();
    let code: string | null = null;
    try {
      const body = JSON.parse(text) as { code?: unknown; error?: { code?: unknown } };
      const c = body.error?.code ?? body.code;
      code = typeof c === 'string' ? c : null;
    } catch {
      code = null;
    }
    const at = performance.now();
    return {
      path: p,
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      code,
      text,
      ms: Math.round(at - started),
      at,
    };
  } catch (err) {
    const at = performance.now();
    return { path: p, status: 0, retryAfter: null, code: null, text: String(err), ms: Math.round(at - started), at };
  }
}

/** Connection details found in `text`: the URI, its host and port, any bolt:// or neo4j:// address. */
export function connectionDetails(text: string, uri: string): string[] {
  const { hostname, port } = new URL(uri.replace(/^[a-z+]+:/, 'http:'));
  const found: string[] = [];
  if (text.includes(uri)) found.push(uri);
  for (const m of text.matchAll(/\b(?:bolt|neo4j)(?:\+s|\+ssc)?:\/\/[^\s"'\\]*/g)) found.push(m[0]);
  if (text.includes(hostname)) found.push(hostname);
  if (port && new RegExp(`(^|\\D)${port}(\\D|$)`).test(text)) found.push(`port ${port}`);
  if (/\blocalhost\b/i.test(text)) found.push('localhost');
  return [...new Set(found)];
}

/** A JavaScript stack frame in the text (`at fn (file:line:col)`). */
export function hasStackTrace(text: string): boolean {
  return /\n\s+at |\bat [^\s]+ \([^)]*:\d+:\d+\)/.test(text);
}

/**
 * Asks `p` again and again, each request as soon as the last is answered (plus `gapMs` so a fast
 * failure does not become a flood), until `done` holds for an answer or `stop` says to give up.
 * Returns every answer, the last being the one `done` accepted (or the last before giving up).
 */
export async function askUntil(
  url: string,
  p: string,
  done: (a: Answer) => boolean,
  options: { gapMs?: number; stop?: () => boolean; maxAnswers?: number } = {},
): Promise<Answer[]> {
  const answers: Answer[] = [];
  const max = options.maxAnswers ?? 5000;
  for (;;) {
    const a = await ask(url, p);
    answers.push(a);
    if (done(a) || options.stop?.() || answers.length >= max) return answers;
    await new Promise((resolve) => setTimeout(resolve, options.gapMs ?? 50));
  }
}

export interface OwnNeo4j {
  home: string;
  port: number;
  connection: Connection;
  /** SIGTERM; resolves once the process is gone and the port free. */
  stop(): Promise<void>;
  /** Starts it again on the same data and port; resolves once Bolt accepts a login. */
  start(): Promise<void>;
  /** Stops it (if running) and deletes its data. */
  dispose(): Promise<void>;
}

/** A Neo4j of its own: fresh data in a temporary folder, a free loopback port. */
export async function startOwnNeo4j(log: (line: string) => void = () => {}): Promise<OwnNeo4j> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'kg-own-neo4j-'));
  const port = await freePort();
  // Small heap and page cache: it shares the machine with the test run's own Neo4j.
  const options = { home, port, heap: '512m', pageCache: '64m', log, stopWithThisProcess: true };
  try {
    const connection = await startLocalNeo4j(options);
    return {
      home,
      port,
      connection,
      stop: async () => void (await stopLocalNeo4j(home)),
      start: async () => void (await startLocalNeo4j(options)),
      dispose: async () => {
        await stopLocalNeo4j(home);
        rmSync(home, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await stopLocalNeo4j(home).catch(() => false);
    rmSync(home, { recursive: true, force: true });
    throw err;
  }
}

/** The environment a store needs for `c` (connect timeout as the fake-listener tests use). */
export function neo4jEnvFor(c: Connection): Record<string, string> {
  return { NEO4J_URI: c.uri, NEO4J_USER: c.user, NEO4J_PASSWORD: c.password, NEO4J_CONNECT_TIMEOUT_MS: '3000' };
}

/** The API in this process over Neo4j `c`, started as `kg serve` starts it: Neo4j down is tolerated. */
export async function serveOver(c: Connection): Promise<{ url: string; close(): Promise<void> }> {
  const store = await openStore(loadConfig(), neo4jEnvFor(c), { tolerateOutage: true });
  const server = await startServer({ store, port: 0, host: '127.0.0.1', log: () => {} });
  return { url: server.url, close: () => server.close(100) };
}

export interface OutageRun {
  /** The Bolt address the API was given: what no client answer may show. */
  uri: string;
  /** Every path once, before the stop. */
  before: Answer[];
  /** Health asked from the SIGTERM until the first 503. */
  goingDown: Answer[];
  /** Every path, `rounds` times, with Neo4j stopped. */
  down: Answer[];
  /** Health asked from launching Neo4j again until the first 200. */
  comingBack: Answer[];
  /** Every path once, after the first 200. */
  after: Answer[];
  /** Paths whose body after differs from before (same data expected). */
  changedAfter: string[];
  figures: {
    /** SIGTERM to the first 503. */
    stopToFirst503Ms: number;
    /** SIGTERM to the process gone and its port free. */
    stopMs: number;
    /** Answer times of every 503 while down (and the first one). */
    unavailableMs: { count: number; max: number; p95: number; median: number };
    /** Launching Neo4j to Bolt accepting a login (what the Neo4j start costs). */
    startMs: number;
    /**
     * Bolt accepting a login to Neo4j's own first answer to a query (`RETURN 1` on a new
     * driver, sent then): how much of the wait below is Neo4j's cold start, not the API's.
     */
    firstQueryMs: number;
    /** Launching Neo4j to the API's first 200. */
    launchToFirst200Ms: number;
    /**
     * Bolt accepting a login to the API's first 200: the API's own delay in noticing. Negative
     * when the API noticed first (the launcher checks for a login every 0.5 s).
     */
    readyToFirst200Ms: number;
  };
}

/** Consecutive answers with the same status and message, as `count x status message`: what a client saw, in order. */
export function phases(answers: Answer[]): string[] {
  const out: { key: string; count: number }[] = [];
  for (const a of answers) {
    let message: string;
    try {
      const body = JSON.parse(a.text) as { message?: string; error?: { message?: string } };
      message = body.error?.message ?? (a.status === 200 ? '' : (body.message ?? ''));
    } catch {
      message = a.text.slice(0, 80);
    }
    const key = `${a.status}${message ? ` "${message}"` : ''}`;
    if (out.at(-1)?.key === key) out.at(-1)!.count++;
    else out.push({ key, count: 1 });
  }
  return out.map((p) => `${p.count} x ${p.key}`);
}

/** Time of one `RETURN 1` on a driver of its own (NaN when it fails). */
async function timeFirstQuery(c: Connection): Promise<number> {
  const driver = neo4j.driver(c.uri, neo4j.auth.basic(c.user, c.password));
  const started = performance.now();
  try {
    await driver.executeQuery('RETURN 1 AS one');
    return Math.round(performance.now() - started);
  } catch {
    return Number.NaN;
  } finally {
    await driver.close();
  }
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

/**
 * Stops `own` under the API at `url`, asks every path while it is down, starts it again and
 * asks until the API answers 200 again, then every path once more. Neither the API nor its
 * store is restarted.
 */
export async function runRealOutage(
  own: OwnNeo4j,
  url: string,
  options: { rounds?: number; log?: (line: string) => void } = {},
): Promise<OutageRun> {
  const log = options.log ?? (() => {});
  const before: Answer[] = [];
  for (const p of OUTAGE_PATHS) before.push(await ask(url, p));

  log('outage: stopping Neo4j (SIGTERM) with the API running');
  const sigterm = performance.now();
  let stopped = false;
  const stopping = own.stop().then(() => {
    stopped = true;
  });
  // Until the first 503; after the port is free, a few more answers are enough to see it.
  let afterStop = 0;
  const goingDown = await askUntil(url, '/api/health', (a) => a.status === 503, {
    stop: () => stopped && ++afterStop > 100,
  });
  await stopping;
  const stopMs = Math.round(performance.now() - sigterm);
  const first503 = goingDown.find((a) => a.status === 503);

  const down: Answer[] = [];
  for (let round = 0; round < (options.rounds ?? 5); round++)
    for (const p of OUTAGE_PATHS) down.push(await ask(url, p));

  log('outage: starting Neo4j again on the same data and port');
  const launch = performance.now();
  let readyAt = Number.NaN;
  let started = false;
  let firstQueryMs = Number.NaN;
  const starting = own.start().then(async () => {
    readyAt = performance.now();
    firstQueryMs = await timeFirstQuery(own.connection);
    started = true;
  });
  let afterStart = 0;
  const comingBack = await askUntil(url, '/api/health', (a) => a.status === 200, {
    gapMs: 100,
    stop: () => started && ++afterStart > 600,
  });
  await starting;
  const first200 = comingBack.find((a) => a.status === 200);

  const after: Answer[] = [];
  for (const p of OUTAGE_PATHS) after.push(await ask(url, p));
  const json = (text: string) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  };
  const changedAfter = OUTAGE_PATHS.filter((p, i) => !isDeepStrictEqual(json(before[i]!.text), json(after[i]!.text)));

  const unavailable = [...goingDown, ...down]
    .filter((a) => a.status === 503)
    .map((a) => a.ms)
    .sort((a, b) => a - b);
  return {
    uri: own.connection.uri,
    before,
    goingDown,
    down,
    comingBack,
    after,
    changedAfter,
    figures: {
      stopToFirst503Ms: first503 ? Math.round(first503.at - sigterm) : Number.NaN,
      stopMs,
      unavailableMs: {
        count: unavailable.length,
        max: unavailable.at(-1) ?? Number.NaN,
        p95: quantile(unavailable, 0.95),
        median: quantile(unavailable, 0.5),
      },
      startMs: Math.round(readyAt - launch),
      firstQueryMs,
      launchToFirst200Ms: first200 ? Math.round(first200.at - launch) : Number.NaN,
      readyToFirst200Ms: first200 ? Math.round(first200.at - readyAt) : Number.NaN,
    },
  };
}
