import { isServingProcess, reportServing, superviseServingProcesses } from '../api/processes';
import { startServer } from '../api/server';
import { openMemoryStore } from '../store/memory/from-files';

/**
 * Run in its own process by the benchmark's HTTP part: the API over a seed folder, as `kg serve`
 * runs it (same flags, a process of its own, elements serialised before it listens), minus the
 * request log and search's per-client rate limit (one load generator is one client); with a
 * second argument N, from N processes as `kg serve --processes N` serves. Prints its URL as one
 * JSON line and serves until killed.
 */
const dir = process.argv[2];
if (!dir) {
  console.error('usage: http-server-child <seed dir> [processes]');
  process.exit(2);
}
const processes = Number(process.argv[3] ?? 1);
const announce = (url: string) => process.stdout.write(`${JSON.stringify({ url })}\n`);
if (processes > 1 && !isServingProcess()) {
  // As `kg serve --processes N` runs: this process supervises, each serving one runs this file again.
  await superviseServingProcesses(processes, { log: (line) => process.stderr.write(`${line}\n`), onServing: (report) => announce(report.url) });
} else {
  const { store } = await openMemoryStore(dir);
  const running = await startServer({ store, port: 0, host: '127.0.0.1', log: () => {}, rateLimits: { search: { limit: 1_000_000_000, windowMs: 60_000 } } });
  if (isServingProcess()) reportServing({ url: running.url, summary: '' });
  else announce(running.url);
}
