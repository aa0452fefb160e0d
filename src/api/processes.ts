import cluster, { type Worker } from 'node:cluster';

/**
 * Serving from several processes (`kg serve --processes N`): one JavaScript thread answers one
 * request at a time, so a server under load keeps one core busy and leaves the others idle. N
 * processes share the listening socket (node:cluster hands each new connection to the next
 * process in turn); each builds its own store, so memory grows N-fold.
 *
 * The primary only supervises: it starts the first process alone, so that a seed error is
 * reported once and stops everything, then the others; it replaces a process that dies while
 * serving; on SIGTERM or SIGINT it asks every process to finish its in-flight requests and stop.
 */

/** What a process tells the primary once it listens. */
export interface ServingReport {
  url: string;
  /** One line describing what is served (the primary prints it once, for the first process). */
  summary: string;
}

interface ReadyMessage extends ServingReport {
  kind: 'kg-serving';
}

export const MAX_PROCESSES = 64;
/** A process that dies within this long of starting is not replaced (it would only die again). */
const MIN_LIFETIME_FOR_RESTART_MS = 10_000;

export function isServingProcess(): boolean {
  return cluster.isWorker;
}

/** In a serving process: tells the primary it listens. */
export function reportServing(report: ServingReport): void {
  process.send?.({ kind: 'kg-serving', ...report } satisfies ReadyMessage);
}

/**
 * In the primary: starts `processes` serving processes (this same program, run again by
 * node:cluster) and supervises them until they have all stopped. Resolves with the exit code: 0
 * after a signal, or the first process's code when it fails to start.
 */
export function superviseServingProcesses(
  processes: number,
  options: { log?: (line: string) => void; onServing?: (report: ServingReport & { pids: number[] }) => void } = {},
): Promise<number> {
  const log = options.log ?? console.log;
  const onServing = options.onServing ?? ((report) => log(`${report.summary} (${processes} processes: ${report.pids.join(', ')})`));
  return new Promise((resolve) => {
    const started = new Map<Worker, number>();
    const serving = new Set<Worker>();
    let stopping = false;
    let announced = false;
    let exitCode = 0;

    const finishIfAllGone = () => {
      if (started.size === 0) resolve(exitCode);
    };

    const start = (): Worker => {
      const worker = cluster.fork();
      started.set(worker, Date.now());
      worker.on('message', (message: Partial<ReadyMessage>) => {
        if (message?.kind !== 'kg-serving') return;
        serving.add(worker);
        if (!announced && serving.size === 1 && started.size === 1) {
          // The first process loaded the seed: the others start now.
          for (let i = 1; i < processes; i++) start();
        }
        if (!announced && serving.size === processes) {
          announced = true;
          onServing({ url: message.url!, summary: message.summary!, pids: [...serving].map((w) => w.process.pid!) });
        }
      });
      worker.on('exit', (code, signal) => {
        const startedAt = started.get(worker) ?? Date.now();
        const wasServing = serving.delete(worker);
        started.delete(worker);
        if (stopping) return finishIfAllGone();
        const how = signal ? `signal ${signal}` : `code ${code}`;
        if (!wasServing && !announced) {
          // A process that cannot start (a seed error, a port in use): the others would fail
          // the same way.
          log(`kg: a serving process stopped before it listened (${how}); stopping`);
          exitCode = code || 1;
          stopAll();
          return finishIfAllGone();
        }
        if (Date.now() - startedAt < MIN_LIFETIME_FOR_RESTART_MS) {
          log(`kg: serving process ${worker.process.pid} stopped (${how}) within ${MIN_LIFETIME_FOR_RESTART_MS / 1000} s of starting; not replacing it (${serving.size} left)`);
          exitCode = 1;
          return finishIfAllGone();
        }
        log(`kg: serving process ${worker.process.pid} stopped (${how}); starting another`);
        start();
      });
      return worker;
    };

    const stopAll = () => {
      stopping = true;
      for (const worker of started.keys()) worker.process.kill('SIGTERM');
    };
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) return;
      log(`kg: ${signal} received; the serving processes finish in-flight requests`);
      stopAll();
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
    start();
  });
}
