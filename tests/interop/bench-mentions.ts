/**
 * Benchmark for `kg mentions` on a long document: prints figures, asserts nothing.
 *   npx tsx tests/interop/bench-mentions.ts [copies]
 * The document is the five sources concatenated `copies` times (default 200), or, without the
 * sources folder, synthetic paragraphs built from the seed's own names.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MentionFinder } from '../../src/interop/mentions/find-mentions';
import { splitParagraphs } from '../../src/seed';
import { SOURCES_DIR } from '../support/paths';
import { seedGraph } from './graphs';

const copies = Number(process.argv[2] ?? 200);
const graph = await seedGraph();
const base = existsSync(SOURCES_DIR)
  ? readdirSync(SOURCES_DIR)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => readFileSync(path.join(SOURCES_DIR, f), 'utf8'))
      .join('\n')
  : graph.nodes
      .map(
        (n, i) =>
          `Paragraph ${i} mentions ${n.attributes!.name} and ${graph.nodes[(i + 3) % graph.nodes.length]!.attributes!.aliases[0] ?? 'nobody'} among many other words.`,
      )
      .join('\n');
const text = Array.from({ length: copies }, () => base).join('\n');

let t = performance.now();
const finder = new MentionFinder(graph);
const buildMs = performance.now() - t;
t = performance.now();
const paragraphs = splitParagraphs(text);
const result = finder.find(paragraphs);
const findMs = performance.now() - t;
const mb = Buffer.byteLength(text) / 1024 / 1024;
console.log(
  `mentions bench: ${finder.patternCount} spellings of ${graph.nodes.length} entities; matcher built in ${buildMs.toFixed(1)} ms`,
);
console.log(
  `document: ${mb.toFixed(2)} MB, ${paragraphs.length} paragraphs; matched in ${findMs.toFixed(0)} ms (${(mb / (findMs / 1000)).toFixed(1)} MB/s)`,
);
console.log(`found ${result.entities.length} entities, ${result.candidates.length} candidate pairs`);

// The same document against 20,000 extra synthetic spellings: the pass does not loop over them.
const extra = structuredClone(graph);
for (let i = 0; i < 5000; i++) {
  extra.nodes.push({
    key: `synthetic-${i}`,
    attributes: {
      kind: 'Person',
      name: `Synthetic Person ${i}`,
      aliases: [`Synthetic Alias ${i}`, `S-${i} Group`, `Qazi ${i} Khan`],
      demonyms: [],
      description: 'x',
      facts: [],
      mentions: [],
    },
  });
}
t = performance.now();
const big = new MentionFinder(extra);
const bigBuildMs = performance.now() - t;
t = performance.now();
big.find(paragraphs);
console.log(
  `with ${big.patternCount} spellings: matcher built in ${bigBuildMs.toFixed(0)} ms, matched in ${(performance.now() - t).toFixed(0)} ms`,
);
