import cluster from 'node:cluster';
import { reportServing, superviseServingProcesses } from '../../src/api/processes';

/**
 * A stand-in for `kg serve --processes 2` whose serving processes fail on cue, for the
 * supervisor's tests: processes 1 and 2 serve, process 1 dies after DIE_AFTER_MS of serving, and
 * every later process (a replacement) fails before it serves when REPLACEMENTS_FAIL is set.
 */
if (cluster.isPrimary) {
  const code = await superviseServingProcesses(2, {
    log: (line) => console.log(line),
    minServingForRestartMs: Number(process.env.MIN_SERVING_MS),
  });
  console.log(`supervisor exit ${code}`);
  process.exit(code);
} else {
  const id = cluster.worker!.id;
  console.log(`stand-in ${id} up`);
  if (id > 2 && process.env.REPLACEMENTS_FAIL) {
    setTimeout(() => process.exit(7), 100);
  } else {
    reportServing({ url: 'http://127.0.0.1:1', summary: `stand-in ${id} serving` });
    setInterval(() => {}, 60_000);
    process.once('SIGTERM', () => process.exit(0));
    if (id === 1) setTimeout(() => process.exit(3), Number(process.env.DIE_AFTER_MS));
  }
}
