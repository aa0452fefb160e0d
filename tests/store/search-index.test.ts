import { MultiDirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { Prng } from '../../src/bench/prng';
import type { EntityKind } from '../../src/model';
import { rankCandidates, type SearchCandidate } from '../../src/model/search-ranking';
import type { EntityAttributes, GraphAttributes, KnowledgeGraph, RelationAttributes } from '../../src/model';
import { NameSearch } from '../../src/store/memory/search';
import type { SearchOptions } from '../../src/store/port';
import type { SearchHit } from '../../src/model';

/**
 * The embedded store's search finds candidates (sorted word suffixes, a trie walk for typos, a
 * scan for substrings) and scores them best bound first until the answer is settled. These tests
 * hold it to the definition: the ranking applied to every entity of the graph.
 */

const candidatesOf = (graph: KnowledgeGraph): SearchCandidate[] =>
  graph.mapNodes((id, a) => ({
    id,
    name: a.name,
    kind: a.kind,
    aliases: a.aliases,
    demonyms: a.demonyms,
    degree: graph.degree(id),
  }));

/** The definition both stores answer by (src/model/search-ranking.ts), over every entity of the graph. */
function referenceSearch(graph: KnowledgeGraph, query: string, options: SearchOptions): SearchHit[] {
  return rankCandidates(query, candidatesOf(graph), options);
}

/** Ids whose code-unit order is their number's order, as the store numbers entities by id. */
const entityId = (i: number) => `e${String(i).padStart(6, '0')}`;

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
    const name = i > 0 && rng.chance(0.05) ? graph.getNodeAttribute(entityId(rng.int(i)), 'name') : randomSpelling(rng);
    const attributes: Partial<EntityAttributes> = {
      kind: rng.pick(KINDS),
      name,
      aliases: Array.from({ length: rng.int(3) }, () =>
        rng.chance(0.2) ? name.replace(/-e-/g, '-i-') : randomSpelling(rng),
      ),
      demonyms: rng.chance(0.2) ? [randomWord(rng)] : [],
    };
    graph.addNode(entityId(i), attributes as EntityAttributes);
  }
  // Degrees set popularity; equal degrees make equal scores, so name and order ties occur.
  for (let i = 0; i < entities * 2; i++) {
    const [a, b] = [entityId(rng.int(entities)), entityId(rng.int(Math.max(1, entities >> 2)))];
    if (a !== b) graph.addEdge(a, b, {} as RelationAttributes);
  }
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
  const a = graph.getNodeAttributes(entityId(rng.int(graph.order)));
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
  it('answers exactly as the straightforward definition: same hits, order, scores and matched spellings', () => {
    let compared = 0;
    let typoOnly = 0;
    let fullPages = 0;
    for (let seed = 1; seed <= 4; seed++) {
      const rng = new Prng(seed);
      const graph = randomGraph(rng, 150 + rng.int(250));
      const index = new NameSearch(candidatesOf(graph));
      for (let k = 0; k < 125; k++) {
        const query = randomQuery(rng, graph);
        const options: SearchOptions = {
          limit: rng.pick([1, 3, 5, 20, 100]),
          ...(rng.chance(0.2) ? { kind: rng.pick(KINDS) } : {}),
        };
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

  it('finds a typo in any word of a long name, however common its letters', () => {
    const graph = new MultiDirectedGraph<EntityAttributes, RelationAttributes, GraphAttributes>();
    // Hundreds of names built from the same syllables: every trigram of the query is common.
    const rng = new Prng(5);
    for (let i = 0; i < 600; i++)
      graph.addNode(`n${i}`, {
        kind: 'Person',
        name: `${randomWord(rng)} ${randomWord(rng)}`,
        aliases: [],
        demonyms: [],
      } as unknown as EntityAttributes);
    graph.addNode('target', {
      kind: 'Operation',
      name: 'Operation Marla-i-Tannoor',
      aliases: [],
      demonyms: [],
    } as unknown as EntityAttributes);
    const index = new NameSearch(candidatesOf(graph));
    for (const q of ['operation marla tanoor', 'operatoin marla', 'marla-e-tanor', 'tannor']) {
      expect(
        index.search(q, { limit: 5 }).map((h) => h.id),
        q,
      ).toContain('target');
    }
  });
});
