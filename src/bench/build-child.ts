import { openMemoryStore } from '../store/memory/from-files';

/**
 * Run in its own process by the benchmark: loads a seed folder through the real loader, builds
 * the embedded store, and prints timings and peak RSS as one JSON line. A fresh process makes the
 * RSS figure the cost of the build alone.
 */
const dir = process.argv[2];
if (!dir) {
  console.error('usage: build-child <seed dir>');
  process.exit(2);
}
const t0 = performance.now();
const { store, timings } = await openMemoryStore(dir);
const t1 = performance.now();
const health = await store.health();
const memory = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({
    loadMs: timings.loadMs,
    // The store's own part: its indexes (search included).
    buildMs: timings.storeMs,
    totalMs: t1 - t0,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    rssAfterMB: memory.rss / 1024 / 1024,
    heapUsedMB: memory.heapUsed / 1024 / 1024,
    entities: health.entities,
    relations: health.relations,
  })}\n`,
);
