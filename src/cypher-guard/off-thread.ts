import type { Worker } from 'node:worker_threads';
import { startWorker, workerEntry } from '../worker-job';
import {
  CypherGuardBusyError,
  CypherRefusedError,
  CypherSyntaxError,
  CypherTooComplexError,
  type QueryPosition,
} from '../model/errors';
import type { GuardedQuery } from './guard';
import { checkQueryLimits, QUERY_LIMITS } from './limits';

export interface GuardRequest {
  id: number;
  query: string;
  params: Record<string, unknown>;
}

export type GuardReply =
  | { id: number; ok: true; guarded: GuardedQuery }
  | { id: number; ok: false; kind: 'syntax' | 'refused'; message: string; position: QueryPosition }
  | { id: number; ok: false; kind: 'complex'; message: string };

interface Job extends GuardRequest {
  resolve(guarded: GuardedQuery): void;
  reject(err: Error): void;
}

const WORKER_URL = workerEntry(import.meta.url, './worker.ts', 'cypher-guard-worker');
/** Queries waiting beyond this are turned away (the Cypher rate limit normally keeps far below). */
const MAX_WAITING = 16;

/**
 * Runs the guard (guard.ts) on a thread of its own, one query at a time, so that parsing and
 * analysis never hold the request thread: the server keeps answering, and keeps hearing SIGTERM,
 * whatever a query costs. A query whose analysis passes the deadline has its thread stopped
 * (and replaced for the next query) and is refused as too complex. The size limits are checked
 * here first too, so an oversized query never even travels to the thread.
 */
export class CypherGuardThread {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private readonly waiting: Job[] = [];
  private running: Job | undefined;
  private timer: NodeJS.Timeout | undefined;
  private nextId = 1;

  constructor(private readonly deadlineMs: number = QUERY_LIMITS.analysisMs) {}

  async check(query: string, params: Record<string, unknown> = {}): Promise<GuardedQuery> {
    checkQueryLimits(query, params);
    if (this.waiting.length >= MAX_WAITING)
      throw new CypherGuardBusyError('too many Cypher queries are waiting to be checked; try again shortly');
    return new Promise((resolve, reject) => {
      this.waiting.push({ id: this.nextId++, query, params, resolve, reject });
      void this.pump();
    });
  }

  /** Stops the thread; queries still waiting are refused. Safe to call twice. */
  async close(): Promise<void> {
    for (const job of this.waiting.splice(0)) job.reject(new CypherGuardBusyError('the server is shutting down'));
    this.settle(new CypherGuardBusyError('the server is shutting down'));
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    await worker?.terminate();
  }

  private async pump(): Promise<void> {
    if (this.running || this.waiting.length === 0) return;
    const job = this.waiting.shift()!;
    this.running = job;
    try {
      await this.start();
    } catch (err) {
      this.settle(new CypherTooComplexError(`the query checker could not start: ${(err as Error).message}`));
      return;
    }
    if (this.running !== job) return;
    // The deadline counts the analysis only, not the thread's start (loading the parser).
    this.timer = setTimeout(() => {
      this.replaceWorker();
      this.settle(
        new CypherTooComplexError(
          `query too complex: its analysis took longer than ${this.deadlineMs / 1000} s and was stopped`,
        ),
      );
    }, this.deadlineMs);
    this.worker!.postMessage({ id: job.id, query: job.query, params: job.params } satisfies GuardRequest);
  }

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    const worker = startWorker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: 256, stackSizeMb: 4 } });
    worker.unref();
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`exited with code ${code}`)));
    });
    worker.on('message', (reply: GuardReply | { ready: true }) => {
      if ('id' in reply && this.running?.id === reply.id)
        this.settle(reply.ok ? null : errorOf(reply), reply.ok ? reply.guarded : undefined);
    });
    worker.on('error', () => {
      if (this.worker === worker) this.replaceWorker();
      this.settle(new CypherTooComplexError('query could not be analysed: the checker failed on it'));
    });
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      this.replaceWorker();
      this.settle(new CypherTooComplexError('query could not be analysed: the checker stopped'));
    });
    return this.ready;
  }

  /** Starts the thread now (loading the parser takes a moment), so the first query does not wait for it. */
  warm(): void {
    this.start().catch(() => {});
  }

  /** Stops the current thread and starts a fresh one at once, ready for the next query. */
  private replaceWorker(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    void worker?.terminate();
    this.warm();
  }

  private settle(error: Error | null, guarded?: GuardedQuery): void {
    const job = this.running;
    if (!job) return;
    clearTimeout(this.timer);
    this.running = undefined;
    if (error) job.reject(error);
    else job.resolve(guarded!);
    void this.pump();
  }
}

function errorOf(reply: Extract<GuardReply, { ok: false }>): Error {
  if (reply.kind === 'syntax') return new CypherSyntaxError(reply.message, reply.position);
  if (reply.kind === 'refused') return new CypherRefusedError(reply.message, reply.position);
  return new CypherTooComplexError(reply.message);
}

let shared: CypherGuardThread | undefined;

/** The process's guard thread (one per process, started on the first query). */
export function sharedGuardThread(): CypherGuardThread {
  return (shared ??= new CypherGuardThread());
}
