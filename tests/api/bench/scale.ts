/**
 * Benchmark (prints figures, asserts nothing): search and analytics on a synthetic graph of
 * N entities (default 100 000, 3 names each) and 2N relations.
 *   npx tsx tests/api/bench/scale.ts [N]
 */
import { analyseGraph } from '../../../src/analysis/analyse';
import { betweenness } from '../../../src/analysis/betweenness';
import { communities } from '../../../src/analysis/communities';
import { projections } from '../../../src/analysis/projection';
import { RELATION_TYPE_IDS, type KnowledgeBase, type LoadedRelation } from '../../../src/model';
import { seededRandom } from '../../../src/analysis/betweenness';
import { MemoryStore } from '../../../src/store/memory';

const N = Number(process.argv[2] ?? 100_000);
const random = seededRandom(3);
const SYLLABLES = ['ta', 'li', 'ban', 'teh', 'reek', 'azm', 'is', 'teh', 'kam', 'ba', 'loch', 'jai', 'sh', 'mo', 'ham', 'mad', 'lash', 'kar', 'ul', 'fa', 'saad', 'zar', 'b', 'pak', 'khan', 'wa', 'zir', 'ris', 'tan'];
const word = () => Array.from({ length: 2 + Math.floor(random() * 3) }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join('');
const name = () => Array.from({ length: 1 + Math.floor(random() * 3) }, word).join(' ');

const kb: KnowledgeBase = {
  sources: [{ id: 's', title: 'Synthetic', authors: [], published: '2024', file: 's.txt' }],
  entities: Array.from({ length: N }, (_, i) => ({
    id: `e${i}`,
    kind: 'MilitantGroup' as const,
    name: `${name()} ${i}`,
    aliases: [name(), name()],
    demonyms: [],
    description: 'synthetic',
    facts: [],
    mentions: [],
  })),
  relations: [],
};
for (let i = 0; i < 2 * N; i++) {
  const from = `e${Math.floor(random() * N)}`;
  const to = `e${Math.floor(random() * N)}`;
  if (from === to) continue;
  const type = RELATION_TYPE_IDS[Math.floor(random() * RELATION_TYPE_IDS.length)]!;
  kb.relations.push({ key: `r${i}`, type, from, to, status: 'reported', assertedBy: [], evidence: [{ source: 's', paragraph: 1 }] } as LoadedRelation);
}

let t = performance.now();
const store = new MemoryStore(kb);
console.log(`build store + search index: ${N} entities, ${3 * N} names, ${kb.relations.length} relations: ${(performance.now() - t).toFixed(0)} ms, heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);

const queries = ['t', 'ta', 'tal', 'taliban', 'tehreek e', 'azmistehkam', 'lashkar jaish', 'balochsitan', 'mohamad', 'zarbazb khan', 'e123', 'qqqq'];
for (const q of queries) {
  const times: number[] = [];
  let hits = 0;
  for (let r = 0; r < 20; r++) {
    t = performance.now();
    hits = (await store.search(q, { limit: 20 })).length;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`search ${JSON.stringify(q).padEnd(16)} median ${times[10]!.toFixed(2)} ms  max ${times[19]!.toFixed(2)} ms  (${hits} hits)`);
}

for (const types of [['allied-with', 'funds', 'supports'], undefined] as const) {
  t = performance.now();
  const json = await store.graph(types ? { types: [...types] } : {});
  const graphMs = performance.now() - t;
  t = performance.now();
  const report = analyseGraph(json, { top: 10 });
  const u = projections(json)[0];
  let s = performance.now();
  betweenness(u);
  const bMs = performance.now() - s;
  s = performance.now();
  communities(u);
  console.log(`  overall view alone: betweenness ${bMs.toFixed(0)} ms, louvain ${(performance.now() - s).toFixed(0)} ms`);
  console.log(`analytics on ${types ? types.join(',') : 'all types'}: graph ${graphMs.toFixed(0)} ms, analysis ${(performance.now() - t).toFixed(0)} ms, betweenness ${report.overall.betweennessMethod.method} from ${report.overall.betweennessMethod.sources} sources`);
}
