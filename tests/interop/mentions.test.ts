import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TokenMatcher } from '../../src/interop/mentions/aho-corasick';
import { renderDraft } from '../../src/interop/mentions/draft';
import { MentionFinder } from '../../src/interop/mentions/find-mentions';
import { foldName } from '../../src/model';
import { splitParagraphs } from '../../src/seed';
import type { GraphJson } from '../../src/model';
import { MemoryStore } from '../../src/store/memory';
import { seedGraph, TRICKY_KB } from './graphs';
import { HAVE_SOURCES, SOURCES_DIR } from '../support/paths';

if (!HAVE_SOURCES) console.warn(`mentions on the source documents skipped: ${SOURCES_DIR} not found`);

describe('TokenMatcher (Aho-Corasick over tokens)', () => {
  it('finds exactly what a naive scan of every pattern at every position finds', () => {
    const token = fc.constantFrom('a', 'b', 'c', 'd');
    fc.assert(
      fc.property(
        fc.array(fc.array(token, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 }),
        fc.array(token, { maxLength: 40 }),
        (patterns, text) => {
          const naive: string[] = [];
          patterns.forEach((p, id) => {
            for (let i = 0; i + p.length <= text.length; i++)
              if (p.every((t, k) => text[i + k] === t)) naive.push(`${id}@${i}`);
          });
          const found = new TokenMatcher(patterns).match(text).map((m) => `${m.pattern}@${m.start}`);
          expect(found.sort()).toEqual(naive.sort());
        },
      ),
    );
  });
});

describe('MentionFinder', () => {
  const graph = () => new MemoryStore(TRICKY_KB).graph();

  it('finds names, aliases and demonyms in any case, accent or punctuation, with paragraph numbers', async () => {
    const finder = new MentionFinder(await graph());
    const result = finder.find([
      'The ALPHA, "THE" FRONT struck again.',
      'Nothing here about us.',
      'Pakistani officials and operation Ω; the Op‑Omega unit; alpha’s men.',
      'AF claims it; af is not the acronym.',
    ]);
    const where = (id: string) => result.entities.find((e) => e.id === id)?.paragraphs.map((p) => p.paragraph);
    expect(where('alpha')).toEqual([1, 3, 4]);
    expect(where('betaland')).toEqual([3]);
    expect(where('op')).toEqual([3]);
    expect(result.entities.find((e) => e.id === 'alpha')!.paragraphs.find((p) => p.paragraph === 4)!.spellings).toEqual(
      ['AF'],
    );
  });

  it('suggests pairs named together that have no relation, not pairs already related', async () => {
    const finder = new MentionFinder(await graph());
    const result = finder.find(['Quetta and the Corridor and Alpha Front.', 'Quetta, Pakistan.']);
    const pairs = result.candidates.map((c) => `${c.a}-${c.b}:${c.paragraphs.join(',')}`);
    expect(pairs).toEqual(['alpha-city:1', 'city-proj:1']); // alpha-proj and city-betaland are related already
  });

  it('writes a draft the analyst must complete: placeholders for the type and the unknown source', async () => {
    const finder = new MentionFinder(await graph());
    const result = finder.find(['Quetta and Alpha Front.']);
    const names = new Map(TRICKY_KB.entities.map((e) => [e.id, { name: e.name, kind: e.kind }]));
    const draft = renderDraft({ document: '/docs/New Report.txt', result, names });
    expect(draft).toMatch(
      /^sources:\n {2}- id: new-report\n {4}title: TODO\n {4}published: TODO\n {4}file: "New Report\.txt"$/m,
    );
    expect(draft).toMatch(
      / {2}- type: TODO\n {4}from: alpha\n {4}to: city\n {4}evidence:\n {6}- source: new-report\n {8}paragraph: 1/,
    );
  });
});

describe.skipIf(!HAVE_SOURCES)('mentions on the source documents', () => {
  it('does not count a name inside a longer known name as a mention of its own (issue 16)', async () => {
    const finder = new MentionFinder(await seedGraph());
    const result = finder.find([
      'The Balochistan Liberation Army claimed the attack.',
      'The army answered within hours.',
    ]);
    const where = (id: string) => result.entities.find((e) => e.id === id)?.paragraphs.map((p) => p.paragraph);
    expect(where('bla')).toEqual([1]);
    expect(where('pakistan-army')).toEqual([2]); // "army" alone, not inside the BLA's name
    expect(where('balochistan')).toBeUndefined();
    expect(result.candidates.filter((c) => c.paragraphs.includes(1))).toEqual([]);
  });

  it('finds, in every paragraph cited by a seed relation, both entities that relation joins', async () => {
    const graph = await seedGraph();
    const finder = new MentionFinder(graph);
    const sources = graph.attributes!.sources;
    const found = new Map<string, Set<string>>(); // `${source}#${paragraph}` -> entity ids
    for (const s of sources) {
      const file = path.join(SOURCES_DIR, s.file);
      if (!existsSync(file)) continue;
      const result = finder.find(splitParagraphs(readFileSync(file, 'utf8')));
      for (const e of result.entities)
        for (const p of e.paragraphs) {
          const key = `${s.id}#${p.paragraph}`;
          if (!found.has(key)) found.set(key, new Set());
          found.get(key)!.add(e.id);
        }
    }
    const missing: string[] = [];
    let checked = 0;
    for (const e of graph.edges) {
      for (const c of e.attributes!.evidence) {
        checked++;
        // A citation's context paragraphs may name one end (the rule `kg verify` applies).
        const named = new Set(
          [c.paragraph, ...(c.context ?? [])].flatMap((p) => [...(found.get(`${c.source}#${p}`) ?? [])]),
        );
        for (const [end, other] of [
          [e.source, e.target],
          [e.target, e.source],
        ] as const) {
          // A name inside the other end's own name ("Imran Khan" in "Imran Khan government") is
          // part of that name, not a mention; verify accepts it for a claim about the two alone.
          if (!named.has(end) && !(named.has(other) && nameInside(graph, end, other)))
            missing.push(`${e.key}: ${c.source} ¶${c.paragraph} lacks ${end}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });
});

/** Whether a spelling of `inner` is a run of words inside a spelling of `outer`, as names are folded. */
function nameInside(graph: GraphJson, inner: string, outer: string): boolean {
  const spellings = (id: string) => {
    const a = graph.nodes.find((n) => n.key === id)!.attributes!;
    return [a.name, ...a.aliases, ...a.demonyms].map((n) => ` ${foldName(n)} `);
  };
  return spellings(inner).some((i) => spellings(outer).some((o) => o.length > i.length && o.includes(i)));
}
