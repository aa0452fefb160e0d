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
/** A process that dies after serving at least this long is replaced; one that dies sooner would likely die again. */
const MIN_SERVING_FOR_RESTART_MS = 10_000;

export function isServingProcess(): boolean {
  return cluster.isWorker;
}

/**
 * In a serving process: `stop` runs when the channel to the supervisor closes (the supervisor
 * crashed or was killed). Node's cluster code would otherwise exit the process at once, with 0,
 * cutting off requests in flight; marking the exit as expected leaves the stopping to `stop`.
 */
export function stopWhenSupervisorGone(stop: () => void): void {
  process.prependOnceListener('disconnect', () => {
    if (cluster.worker) cluster.worker.exitedAfterDisconnect = true;
    stop();
  });
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
  options: {
    log?: (line: string) => void;
    onServing?: (report: ServingReport & { pids: number[] }) => void;
    minServingForRestartMs?: number;
  } = {},
): Promise<number> {
  const minServing = options.minServingForRestartMs ?? MIN_SERVING_FOR_RESTART_MS;
  const log = options.log ?? console.log;
  const onServing =
    options.onServing ?? ((up) => log(`${up.summary} (${up.pids.length} processes: ${up.pids.join(', ')})`));
  return new Promise((resolve) => {
    const started = new Set<Worker>();
    /** Serving processes, with the time each began serving. */
    const serving = new Map<Worker, number>();
    let stopping = false;
    let othersStarted = false;
    let announced = false;
    let report: ServingReport | undefined;
    let exitCode = 0;

    // Once every process started so far serves (one may have died on the way), say so, once.
    const announceOnceAllUp = () => {
      if (announced || !othersStarted || !report || serving.size === 0 || serving.size !== started.size) return;
      announced = true;
      onServing({ ...report, pids: [...serving.keys()].map((w) => w.process.pid!) });
    };

    const finishIfAllGone = () => {
      if (started.size === 0) resolve(exitCode);
    };

    const start = (): Worker => {
      const worker = cluster.fork();
      started.add(worker);
      worker.on('message', (message: Partial<ReadyMessage>) => {
        if (message?.kind !== 'kg-serving') return;
        serving.set(worker, Date.now());
        report ??= { url: message.url!, summary: message.summary! };
        if (!othersStarted) {
          // The first process loaded the seed: the others start now.
          othersStarted = true;
          for (let i = 1; i < processes; i++) start();
        }
        announceOnceAllUp();
      });
      worker.on('exit', (code, signal) => {
        const servingSince = serving.get(worker);
        serving.delete(worker);
        started.delete(worker);
        if (stopping) return finishIfAllGone();
        const how = signal ? `signal ${signal}` : `code ${code}`;
        announceOnceAllUp();
        if (servingSince === undefined) {
          // A process that could not start serving (a seed error, a port in use, memory): the
          // first one stops everything, since the others would fail the same way; a replacement
          // is not replaced again, which would repeat the failure for ever.
          exitCode = code || 1;
          if (!othersStarted) {
            log(`kg: a serving process stopped before it listened (${how}); stopping`);
            stopAll();
          } else {
            log(
              `kg: a replacement process stopped before it listened (${how}); not replacing it (${serving.size} serving)`,
            );
          }
          return finishIfAllGone();
        }
        if (Date.now() - servingSince < minServing) {
          exitCode = 1;
          log(
            `kg: serving process ${worker.process.pid} stopped (${how}) within ${minServing / 1000} s of serving; not replacing it (${serving.size} serving)`,
          );
          return finishIfAllGone();
        }
        log(`kg: serving process ${worker.process.pid} stopped (${how}); starting another`);
        start();
      });
      return worker;
    };

    const stopAll = () => {
      stopping = true;
      for (const worker of started) worker.process.kill('SIGTERM');
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
