import { parseArgs } from 'node:util';
import { runSoak } from './soak';

/** `npm run soak [-- --duration S --connections N]`: the soak alone, figures printed as JSON. */
const { values } = parseArgs({
  options: { duration: { type: 'string', default: '60' }, connections: { type: 'string', default: '10' } },
});
const result = await runSoak({
  durationS: Number(values.duration),
  connections: Number(values.connections),
  onProgress: (l) => console.error(l),
});
console.log(JSON.stringify({ ...result, rssMb: { ...result.rssMb, samples: undefined } }, null, 2));
const ok = result.errors === 0 && result.non2xx === 0 && result.rssMb.growthPct < 10;
console.error(ok ? 'soak: ok' : 'soak: FAILED (errors, non-2xx answers or memory growth of 10% or more)');
process.exitCode = ok ? 0 : 1;
