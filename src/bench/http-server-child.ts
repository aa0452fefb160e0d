import { startServer } from '../api/server';
import { openMemoryStore } from '../store/memory/from-files';

/**
 * Run in its own process by the benchmark's HTTP part: the API over a seed folder, as `kg serve`
 * runs it (same flags, a process of its own), minus the request log and search's per-client rate
 * limit (one load generator is one client). Prints its URL as one JSON line and serves until killed.
 */
const dir = process.argv[2];
if (!dir) {
  console.error('usage: http-server-child <seed dir>');
  process.exit(2);
}
const { store } = await openMemoryStore(dir);
const running = await startServer({ store, port: 0, host: '127.0.0.1', log: () => {}, rateLimits: { search: { limit: 1_000_000_000, windowMs: 60_000 } } });
process.stdout.write(`${JSON.stringify({ url: running.url })}\n`);
