import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { startWorker, workerEntry } from '../worker-job';
import { CypherGuardBusyError, CypherRefusedError, CypherSyntaxError, CypherTooComplexError } from '../model/errors';
import type { QueryPosition } from '../model/errors';
import type { GuardedQuery } from './guard';
import { checkQueryLimits, QUERY_LIMITS } from './limits';

export type GuardRequest = { query: string; params: Record<string, unknown> };

/** A refusal carries its error's name, message and place (any other failure is answered as too complex). */
export type GuardReply =
  | { ok: true; guarded: GuardedQuery }
  | { ok: false; name: 'CypherSyntaxError' | 'CypherRefusedError'; message: string; position: QueryPosition }
  | { ok: false; name: 'CypherTooComplexError'; message: string };

const WORKER_URL = workerEntry(import.meta.url, './worker.ts', 'cypher-guard-worker');
/** Queries waiting beyond this are turned away (the Cypher rate limit normally keeps far below). */
const MAX_WAITING = 16;
const STOPPED = new Error('the checker stopped');

/**
 * The guard on a thread of its own, one query at a time, so the server keeps answering (and hearing SIGTERM) whatever
 * a query costs. Past the deadline the thread is replaced and the query refused; an oversized one never travels there.
 */
export class CypherGuardThread {
  private worker: Promise<Worker> | undefined;
  /** The queries in line, checked one after the other. */
  private line: Promise<unknown> = Promise.resolve();
  private queued = 0;

  constructor(private readonly deadlineMs: number = QUERY_LIMITS.analysisMs) {}

  async check(query: string, params: Record<string, unknown> = {}): Promise<GuardedQuery> {
    checkQueryLimits(query, params);
    // One query is being checked; the others wait.
    if (this.queued > MAX_WAITING)
      throw new CypherGuardBusyError('too many Cypher queries are waiting to be checked; try again shortly');
    this.queued++;
    const turn = this.line.then(() => this.analyse({ query, params }));
    this.line = turn.catch(() => {}).finally(() => this.queued--);
    return turn;
  }

  /** Starts the thread now (loading the parser takes a moment), so the first query does not wait for it. */
  warm(): void {
    this.start().catch(() => {});
  }

  /** Stops the thread (a query being checked is refused as stopped). Safe to call twice. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await (await worker?.catch(() => undefined))?.terminate();
  }

  private start(): Promise<Worker> {
    const ready: Promise<Worker> = (this.worker ??= new Promise((resolve, reject) => {
      const worker = startWorker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: 256, stackSizeMb: 4 } });
      worker.unref();
      worker.once('message', () => resolve(worker));
      // Once started, a failure is met by the query it breaks; a thread that ends is replaced.
      worker.on('error', reject);
      worker.once('exit', (code) => {
        reject(new Error(`exited with code ${code}`));
        if (this.worker === ready) this.worker = undefined;
      });
    }));
    return ready;
  }

  private async analyse(request: GuardRequest): Promise<GuardedQuery> {
    const started = this.start();
    const worker = await started.catch((err: Error) => {
      if (this.worker === started) this.worker = undefined;
      throw new CypherTooComplexError(`the query checker could not start: ${err.message}`);
    });
    const stop = new AbortController();
    const { signal } = stop;
    // The deadline counts the analysis only, not the thread's start (loading the parser).
    const timer = setTimeout(() => stop.abort(), this.deadlineMs);
    let reply: GuardReply;
    try {
      worker.postMessage(request);
      const exited = once(worker, 'exit', { signal }).then(() => Promise.reject(STOPPED));
      [reply] = (await Promise.race([once(worker, 'message', { signal }), exited])) as [GuardReply];
    } catch (err) {
      const late = signal.aborted;
      // Stopped, failed or past the deadline: the next query gets a fresh thread.
      if (this.worker === started) {
        this.worker = undefined;
        void worker.terminate();
        this.warm();
      }
      throw new CypherTooComplexError(
        late
          ? `query too complex: its analysis took longer than ${this.deadlineMs / 1000} s and was stopped`
          : `query could not be analysed: the checker ${err === STOPPED ? 'stopped' : 'failed on it'}`,
      );
    } finally {
      clearTimeout(timer);
      stop.abort();
    }
    if (reply.ok) return reply.guarded;
    if (reply.name === 'CypherTooComplexError') throw new CypherTooComplexError(reply.message);
    throw new { CypherSyntaxError, CypherRefusedError }[reply.name](reply.message, reply.position);
  }
}

let shared: CypherGuardThread | undefined;

/** The process's guard thread (one per process, started on the first query). */
export const sharedGuardThread = (): CypherGuardThread => (shared ??= new CypherGuardThread());
