import { MultiDirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { Prng } from '../../src/bench/prng';
import { searchKey, type EntityKind } from '../../src/model';
import type { EntityAttributes, GraphAttributes, KnowledgeGraph, RelationAttributes } from '../../src/seed/build-graph';
import { prefixDistance } from '../../src/store/memory/edit-distance';
import { Adjacency } from '../../src/store/memory/adjacency';
import { SearchIndex } from '../../src/store/memory/search-index';
import { sortedOrder } from '../../src/store/memory/sorted-order';
import { buildTrigrams, TrigramIndex } from '../../src/store/memory/trigram-index';
import type { SearchHit, SearchOptions } from '../../src/store/port';

/**
 * The embedded store's search answers from an index: binary searches over sorted word suffixes,
 * a trie walk with a banded edit-distance table for typos, tiers skipped once the answer is
 * settled, and only the kept hits sorted. These tests hold it to the straightforward definition
 * written out here (every spelling of every entity scored against every tier, then sorted),
 * on graphs small enough that the per-query work bounds do not bind.
 */

/** Full-table Damerau (optimal string alignment) distance from q to the closest prefix of s, stopping where the original did. */
function referencePrefixDistance(q: string, s: string, maxDistance: number): number {
  const n = q.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: n + 1 }, (_, i) => i);
  let best = prev[n]!;
  for (let j = 1; j <= s.length; j++) {
    const cur = [j];
    let rowMin = j;
    for (let i = 1; i <= n; i++) {
      const cost = q[i - 1] === s[j - 1] ? 0 : 1;
      let d = Math.min(prev[i]! + 1, cur[i - 1]! + 1, prev[i - 1]! + cost);
      if (i > 1 && j > 1 && q[i - 1] === s[j - 2] && q[i - 2] === s[j - 1]) d = Math.min(d, prev2[i - 2]! + 1);
      cur.push(d);
      rowMin = Math.min(rowMin, d);
    }
    best = Math.min(best, cur[n]!);
    if (rowMin > maxDistance) break;
    prev2 = prev;
    prev = cur;
  }
  return best <= maxDistance ? best : maxDistance + 1;
}

const TIER = { exact: 100, prefix: 80, compact: 70, wordPrefix: 60, allWords: 50, fuzzy: 40, substring: 15 };
const collator = new Intl.Collator();

/** The best tier one spelling (search key) reaches for the query, or undefined. */
function referenceTier(q: string, key: string): number | undefined {
  const tiers: number[] = [];
  const words = key.split(' ');
  const starts = words.map((_, i) => words.slice(0, i).join(' ').length + (i > 0 ? 1 : 0));
  if (key.startsWith(q)) tiers.push(key === q ? TIER.exact : TIER.prefix + (5 * q.length) / key.length);
  if (starts.slice(1).some((s) => key.slice(s).startsWith(q))) tiers.push(TIER.wordPrefix);
  const compactKey = key.replace(/ /g, '');
  const compactQuery = q.replace(/ /g, '');
  if (words.length > 1 && compactKey.startsWith(q)) tiers.push(compactKey === q ? TIER.exact : TIER.compact);
  if (words.length > 1 && compactQuery !== q && compactKey.startsWith(compactQuery)) tiers.push(TIER.compact);
  const queryWords = q.split(' ').filter((w) => w.length >= 2);
  if (queryWords.length >= 2 && queryWords.every((w) => words.some((kw) => kw.startsWith(w)))) tiers.push(TIER.allWords);
  if (q.length >= 4) {
    const maxDistance = q.length >= 8 ? 2 : 1;
    const distance = Math.min(...starts.map((s) => referencePrefixDistance(q, key.slice(s), maxDistance)));
    if (distance <= maxDistance) tiers.push(TIER.fuzzy - 10 * distance);
  }
  if (key.includes(q)) tiers.push(TIER.substring);
  return tiers.length ? Math.max(...tiers) : undefined;
}

function referenceSearch(graph: KnowledgeGraph, query: string, options: SearchOptions): SearchHit[] {
  const q = searchKey(query);
  if (q.length === 0) return [];
  const hits: SearchHit[] = [];
  graph.forEachNode((id, a) => {
    if (options.kind && a.kind !== options.kind) return;
    const popularity = Math.min(2, Math.log2(1 + graph.degree(id)) / 3);
    let best: { score: number; label: string } | undefined;
    // Spellings in listed order; a later one must score strictly more to be the one shown.
    for (const [label, weight] of [[a.name, 3], ...a.aliases.map((x) => [x, 2]), ...a.demonyms.map((x) => [x, 0])] as [string, number][]) {
      const key = searchKey(label);
      const tier = key ? referenceTier(q, key) : undefined;
      if (tier === undefined) continue;
      const score = tier + weight + popularity;
      if (!best || score > best.score) best = { score, label };
    }
    if (best) hits.push({ id, name: a.name, kind: a.kind, matched: best.label, score: Math.round(best.score * 100) / 100 });
  });
  let position = 0;
  const graphOrder = new Map(graph.nodes().map((id) => [id, position++]));
  hits.sort((x, y) => y.score - x.score || collator.compare(x.name, y.name) || graphOrder.get(x.id)! - graphOrder.get(y.id)!);
  return hits.slice(0, options.limit);
}

// A few syllables, so that spellings share prefixes, trigrams and near-misses, with the
// transliteration variants searchKey folds (ee/i, oo/u, doubled letters, -e-/-i-).
const SYLLABLES = ['ka', 'la', 'mar', 'noor', 'nur', 'tee', 'ti', 'ban', 'ul', 'raz', 'jan', 'zai', 'qi', 'sha', 'bad'];
const KINDS: EntityKind[] = ['MilitantGroup', 'Person', 'Place', 'Operation'];

function randomWord(rng: Prng): string {
  let w = '';
  for (let i = 0, n = 1 + rng.int(3); i < n; i++) w += rng.pick(SYLLABLES);
  return rng.chance(0.5) ? w[0]!.toUpperCase() + w.slice(1) : w;
}

function randomSpelling(rng: Prng): string {
  const words = Array.from({ length: 1 + rng.int(3) }, () => randomWord(rng));
  return rng.chance(0.25) && words.length > 1 ? words.join(rng.pick(['-e-', '-i-', '-ul-'])) : words.join(' ');
}

function randomGraph(rng: Prng, entities: number): KnowledgeGraph {
  const graph = new MultiDirectedGraph<EntityAttributes, RelationAttributes, GraphAttributes>();
  for (let i = 0; i < entities; i++) {
    // Some entities share a display name, so ties reach the last rule (graph order).
    const name = i > 0 && rng.chance(0.05) ? graph.getNodeAttribute(`e${rng.int(i)}`, 'name') : randomSpelling(rng);
    const attributes: Partial<EntityAttributes> = {
      kind: rng.pick(KINDS),
      name,
      aliases: Array.from({ length: rng.int(3) }, () => (rng.chance(0.2) ? name.replace(/-e-/g, '-i-') : randomSpelling(rng))),
      demonyms: rng.chance(0.2) ? [randomWord(rng)] : [],
    };
    graph.addNode(`e${i}`, attributes as EntityAttributes);
  }
  // Degrees set popularity; equal degrees make equal scores, so name and order ties occur.
  for (let i = 0; i < entities * 2; i++) graph.addEdge(`e${rng.int(entities)}`, `e${rng.int(Math.max(1, entities >> 2))}`, {} as RelationAttributes);
  return graph;
}

function typo(rng: Prng, text: string): string {
  const chars = [...text];
  const at = rng.int(Math.max(1, chars.length));
  switch (rng.int(4)) {
    case 0:
      chars[at] = rng.pick([...'abdikmnqrstuz']);
      break;
    case 1:
      chars.splice(at, 1);
      break;
    case 2:
      chars.splice(at, 0, rng.pick([...'aeiknr']));
      break;
    default:
      if (at + 1 < chars.length) [chars[at], chars[at + 1]] = [chars[at + 1]!, chars[at]!];
  }
  return chars.join('');
}

function randomQuery(rng: Prng, graph: KnowledgeGraph): string {
  const a = graph.getNodeAttributes(`e${rng.int(graph.order)}`);
  const spelling = rng.pick([a.name, ...a.aliases, ...a.demonyms]);
  const words = spelling.split(/[\s-]+/);
  switch (rng.int(7)) {
    case 0:
      return spelling;
    case 1:
      return spelling.slice(0, 1 + rng.int(spelling.length));
    case 2:
      return [...words].reverse().join(' ');
    case 3:
      return typo(rng, spelling);
    case 4:
      return typo(rng, typo(rng, spelling));
    case 5:
      return rng.pick(words).slice(rng.int(3));
    default:
      return randomSpelling(rng).slice(0, 2 + rng.int(10));
  }
}

describe('embedded search index', () => {
  it('prefixDistance (banded, rows reused) equals the full table', () => {
    const rng = new Prng(11);
    let within = 0;
    for (let k = 0; k < 4000; k++) {
      const q = searchKey(randomSpelling(rng)).slice(0, 2 + rng.int(14));
      const s = rng.chance(0.5) ? typo(rng, typo(rng, q)) + searchKey(randomSpelling(rng)) : searchKey(randomSpelling(rng));
      const maxDistance = 1 + rng.int(3);
      const expected = referencePrefixDistance(q, s, maxDistance);
      if (expected <= maxDistance) within++;
      expect(prefixDistance(q, s, maxDistance), `${q} / ${s} / ${maxDistance}`).toBe(expected);
    }
    // Not vacuous: plenty of pairs are within the bound, at every distance.
    expect(within).toBeGreaterThan(1000);
  });

  it('answers exactly as the straightforward definition: same hits, order, scores and matched spellings', () => {
    let compared = 0;
    let typoOnly = 0;
    let fullPages = 0;
    for (let seed = 1; seed <= 4; seed++) {
      const rng = new Prng(seed);
      const graph = randomGraph(rng, 150 + rng.int(250));
      const index = new SearchIndex(Adjacency.fromGraph(graph));
      for (let k = 0; k < 125; k++) {
        const query = randomQuery(rng, graph);
        const options: SearchOptions = { limit: rng.pick([1, 3, 5, 20, 100]), ...(rng.chance(0.2) ? { kind: rng.pick(KINDS) } : {}) };
        const expected = referenceSearch(graph, query, options);
        expect(index.search(query, options), `${JSON.stringify(query)} ${JSON.stringify(options)}`).toEqual(expected);
        compared++;
        if (expected.length === options.limit) fullPages++;
        if (expected.some((h) => h.score < 50 && h.score > 20)) typoOnly++;
      }
    }
    // Not vacuous: many answers are cut at the limit (where skipped tiers could show) and many
    // carry typo matches.
    expect(compared).toBe(500);
    expect(fullPages).toBeGreaterThan(100);
    expect(typoOnly).toBeGreaterThan(50);
  });

  it('all-words matching from the rarest word gives the same names as visiting every word, past the visit bound too', () => {
    // 6,000 "<word> Liberation Front|Army" names: "liberation" and "front" start more index
    // entries than one lookup visits (5,000), so the bound decides part of the answer.
    const rng = new Prng(9);
    const graph = new MultiDirectedGraph<EntityAttributes, RelationAttributes, GraphAttributes>();
    for (let i = 0; i < 6000; i++) graph.addNode(`n${i}`, { kind: 'MilitantGroup', name: `${randomWord(rng)} Liberation ${rng.pick(['Front', 'Army'])}`, aliases: [], demonyms: [] } as unknown as EntityAttributes);
    const index = new SearchIndex(Adjacency.fromGraph(graph)) as unknown as { allWordsMatches(w: string[]): Iterable<number>; allWordsByVisits(w: string[]): number[] };
    let nonEmpty = 0;
    for (let k = 0; k < 60; k++) {
      const words = [searchKey(randomWord(rng)).slice(0, 2 + rng.int(4)), rng.pick(['liberation', 'lib', 'front', 'army', 'fr'])];
      if (rng.chance(0.3)) words.push(rng.pick(['liberation', 'front']));
      const fast = [...index.allWordsMatches(words)].sort((a, b) => a - b);
      expect(fast, words.join(' ')).toEqual(index.allWordsByVisits(words).sort((a, b) => a - b));
      if (fast.length > 0) nonEmpty++;
    }
    expect(index.allWordsByVisits(['liberation', 'front']).length).toBeGreaterThan(0);
    expect(nonEmpty).toBeGreaterThan(20);
  });

  it('finds a typo in any word of a long name, however common its letters', () => {
    const graph = new MultiDirectedGraph<EntityAttributes, RelationAttributes, GraphAttributes>();
    // Hundreds of names built from the same syllables: every trigram of the query is common.
    const rng = new Prng(5);
    for (let i = 0; i < 600; i++) graph.addNode(`n${i}`, { kind: 'Person', name: `${randomWord(rng)} ${randomWord(rng)}`, aliases: [], demonyms: [] } as unknown as EntityAttributes);
    graph.addNode('target', { kind: 'Operation', name: 'Operation Marla-i-Tannoor', aliases: [], demonyms: [] } as unknown as EntityAttributes);
    const index = new SearchIndex(Adjacency.fromGraph(graph));
    for (const q of ['operation marla tanoor', 'operatoin marla', 'marla-e-tanor', 'tannor']) {
      expect(index.search(q, { limit: 5 }).map((h) => h.id), q).toContain('target');
    }
  });
});

describe('trigram index', () => {
  /** The definition: each word's trigrams with a leading space; a one-letter word gives its two characters. */
  const wordTrigrams = (key: string) => {
    const grams = new Set<string>();
    for (const word of key.split(' ')) {
      const padded = ` ${word}`;
      for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
      if (padded.length < 3) grams.add(padded);
    }
    return grams;
  };

  it('lists, for every trigram, exactly the names holding it, ascending', () => {
    const rng = new Prng(8);
    const letters = 'aab cdeé ßتx1';
    const keys = Array.from({ length: 400 }, () =>
      Array.from({ length: 1 + rng.int(3) }, () => Array.from({ length: 1 + rng.int(6) }, () => letters[rng.int(letters.length)]!.trim() || 'z').join('')).join(' '),
    );
    const expected = new Map<string, number[]>();
    keys.forEach((key, name) => wordTrigrams(key).forEach((g) => expected.set(g, [...(expected.get(g) ?? []), name])));
    const index = new TrigramIndex(buildTrigrams(keys));
    for (const [gram, names] of expected) expect([...index.holders(gram)], gram).toEqual(names);
    expect([...index.holders('qqq')]).toEqual([]);
    expect(expected.size).toBeGreaterThan(100);
  });
});

describe('sortedOrder', () => {
  it('orders texts as sorting the strings does, equal texts in their given order', () => {
    const rng = new Prng(12);
    const alphabet = ['a', 'b', 'ab', ' ', 'z', 'é', '\u0000', '\uffff', 'تا', '\ud83d\ude00'];
    for (let round = 0; round < 60; round++) {
      // Few letters and long texts: large groups share long prefixes, so the sort goes several levels deep.
      const letters = round % 2 === 0 ? alphabet : alphabet.slice(0, 3);
      const texts = Array.from({ length: rng.int(round % 3 === 0 ? 3000 : 300) }, () => Array.from({ length: rng.int(round % 2 === 0 ? 6 : 14) }, () => rng.pick(letters)).join(''));
      const expected = texts.map((t, i) => ({ t, i })).sort((x, y) => (x.t < y.t ? -1 : x.t > y.t ? 1 : 0)).map((x) => x.i);
      expect([...sortedOrder(texts)], `round ${round}`).toEqual(expected);
    }
  });
});
