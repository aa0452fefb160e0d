import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../config';
import { MentionFinder } from '../../interop/mentions/find-mentions';
import { renderDraft } from '../../interop/mentions/draft';
import { splitParagraphs, formatProblem, readTextFile } from '../../seed';
import { openStore } from '../../store/open';
import { command, failWith } from './types';

/** A document, unlike a hand-written seed file, may be large (the matcher reads 13 MB in about 2 s). */
const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

export const mentionsCommand = command({
  name: 'mentions',
  usage: 'mentions FILE.txt [--out draft.yaml] [--json]',
  summary: 'known entities named in a new document (with paragraphs) and unrelated pairs as a draft claim file',
  options: { out: { type: 'string', short: 'o' }, json: { type: 'boolean', default: false } },
  operands: true,
  async run({ values: { out, json }, positionals: [file, ...extra] }) {
    if (!file || extra.length > 0)
      return failWith(2, 'mentions: name exactly one text file (paragraph N is its N-th non-empty line)');
    if (!existsSync(file)) return failWith(1, `mentions: cannot read ${file}: file not found`);
    // Refused as kg import refuses a claim file: binary (NUL bytes) or not UTF-8 (Latin-1 ...).
    const read = readTextFile(file, file, MAX_DOCUMENT_BYTES);
    if (!read.ok) {
      console.error(formatProblem(read.problem));
      return failWith(1, `mentions: ${file} is not a text document it can read; nothing listed`);
    }
    const store = await openStore(loadConfig());
    const graph = await store.graph();
    await store.close();
    const started = performance.now();
    const finder = new MentionFinder(graph);
    const paragraphs = splitParagraphs(read.text);
    const result = finder.find(paragraphs);
    const ms = (performance.now() - started).toFixed(1);
    const names = new Map(graph.nodes.map((n) => [n.key, { name: n.attributes!.name, kind: n.attributes!.kind }]));
    const knownSource = (graph.attributes?.sources ?? []).find((s) => s.file === path.basename(file));
    if (json) {
      process.stdout.write(`${JSON.stringify({ source: knownSource?.id ?? null, ...result }, null, 2)}\n`);
    } else {
      console.log(`${file}: ${result.paragraphs} paragraphs${knownSource ? ` (known source ${knownSource.id})` : ''}`);
      console.log(`\n${result.entities.length} known entities mentioned:`);
      for (const e of result.entities) {
        const where = e.paragraphs.map((p) => `¶${p.paragraph}`).join(' ');
        const spellings = [...new Set(e.paragraphs.flatMap((p) => p.spellings))].map((s) => `"${s}"`).join(', ');
        console.log(`  ${e.id.padEnd(24)} ${e.kind.padEnd(17)} ${where}  as ${spellings}`);
      }
      console.log(`\n${result.candidates.length} pairs named together with no relation yet:`);
      for (const c of result.candidates) console.log(`  ${c.a} -- ${c.b}  ¶${c.paragraphs.join(' ¶')}`);
    }
    if (out) {
      writeFileSync(out, renderDraft({ document: file, result, names, knownSource }));
      const then = `edit it, then: npm run kg -- import ${out}`;
      console.error(`mentions: wrote ${result.candidates.length} draft claims to ${out}; ${then}`);
    }
    const over = `${paragraphs.length} paragraphs (${read.text.length} characters)`;
    console.error(`mentions: ${finder.patternCount} spellings matched over ${over} in ${ms} ms`);
    return 0;
  },
});
