import { searchKey, type EntityKind } from '../../model';
import type { KnowledgeGraph } from '../../seed/build-graph';
import type { SearchHit, SearchOptions } from '../port';
import { prefixDistanceAt } from './edit-distance';
import { innerTrigrams, TrigramIndex, wordTrigrams } from './trigram-index';

export { prefixDistance } from './edit-distance';

/**
 * Name and alias search for the embedded store, built to stay fast on large graphs: no query
 * scans every name. Names are keyed by `searchKey` (case, accents, punctuation and
 * transliteration variants folded away) and indexed twice:
 * - a sorted array of every word-start suffix of every key (plus the key without spaces), so
 *   exact, prefix and word-prefix matches are a binary search plus the matches;
 * - a word-trigram index, so typo-tolerant matching only verifies names sharing trigrams with
 *   the query, with a bounded Damerau-Levenshtein distance.
 * Tiers run best first, and a tier is skipped once `limit` entities already score above anything
 * it could give: it could not change the answer, and the typo tier is the expensive one.
 */

interface IndexedName {
  /** Entity number (position in `entityIds`). */
  entity: number;
  kind: EntityKind;
  /** The spelling as written, returned as `matched`. */
  label: string;
  key: string;
  /** Word start offsets in key. */
  starts: number[];
  /** Names rank above aliases, aliases above demonyms. */
  weight: number;
  /** Slightly favours well-connected entities among equal matches. */
  popularity: number;
}

/** Match tiers: each beats every lower one whatever the name weight and popularity add. */
const TIER = { exact: 100, prefix: 80, compact: 70, wordPrefix: 60, allWords: 50, fuzzy: 40, substring: 15 } as const;
const NAME_WEIGHT = 3;
const ALIAS_WEIGHT = 2;
const DEMONYM_WEIGHT = 0;
const MAX_POPULARITY = 2;
/** The most a tier can score: its base plus the name weight and popularity. */
const tierCeiling = (tier: number) => tier + NAME_WEIGHT + MAX_POPULARITY;

/** Bounds on the work one query may do; the defaults suit interactive search on large graphs. */
export interface SearchBounds {
  /** How many index entries one query may visit per prefix lookup: bounds short prefixes. */
  maxVisits: number;
  /** How many typo candidates (the best-sharing names) are verified. */
  maxFuzzyCandidates: number;
  /** Up to this many names, queries without a trigram are also looked for inside every name. */
  smallScan: number;
}
const DEFAULT_BOUNDS: SearchBounds = { maxVisits: 5000, maxFuzzyCandidates: 500, smallScan: 20_000 };

/** The score a hit shows, and is ranked by: two decimals. */
const shownScore = (score: number) => Math.round(score * 100) / 100;

/** Sorts equal scores by entity name, as String#localeCompare does (one collator, not one per call). */
const collator = new Intl.Collator();

export class SearchIndex {
  private readonly names: IndexedName[] = [];
  private readonly entityIds: string[] = [];
  private readonly entityNames: string[] = [];
  /** Word-start suffixes and compact keys, sorted; `suffixName[i]` is the name of `suffixes[i]`. */
  private readonly suffixes: string[];
  private readonly suffixName: Int32Array;
  private readonly suffixKind: Uint8Array;
  private readonly trigrams: TrigramIndex;
  private readonly bounds: SearchBounds;
  /**
   * Per-query scratch, indexed by entity number and allocated once: the best score so far and
   * the name that gave it (-1: not met). `met` lists the entities met, in order, to read and
   * reset them without touching the rest.
   */
  private readonly bestScore: Float64Array;
  private readonly bestName: Int32Array;
  private met: number[] = [];

  constructor(graph: KnowledgeGraph, bounds: Partial<SearchBounds> = {}) {
    this.bounds = { ...DEFAULT_BOUNDS, ...bounds };
    graph.forEachNode((id, a) => {
      const entity = this.entityIds.length;
      this.entityIds.push(id);
      this.entityNames.push(a.name);
      const popularity = Math.min(MAX_POPULARITY, Math.log2(1 + graph.degree(id)) / 3);
      const add = (label: string, weight: number) => {
        const key = searchKey(label);
        if (key.length === 0) return;
        const starts = [0];
        for (let i = 1; i < key.length; i++) if (key[i - 1] === ' ') starts.push(i);
        this.names.push({ entity, kind: a.kind, label, key, starts, weight, popularity });
      };
      add(a.name, NAME_WEIGHT);
      for (const alias of a.aliases) add(alias, ALIAS_WEIGHT);
      for (const d of a.demonyms) add(d, DEMONYM_WEIGHT);
    });

    // 0 = whole key, 1 = word start inside the key, 2 = compact key (spaces removed).
    const entries: { text: string; name: number; kind: number }[] = [];
    this.names.forEach((n, i) => {
      n.starts.forEach((s) => entries.push({ text: n.key.slice(s), name: i, kind: s === 0 ? 0 : 1 }));
      if (n.starts.length > 1) entries.push({ text: n.key.replace(/ /g, ''), name: i, kind: 2 });
    });
    entries.sort((x, y) => (x.text < y.text ? -1 : x.text > y.text ? 1 : 0));
    this.suffixes = entries.map((e) => e.text);
    this.suffixName = Int32Array.from(entries, (e) => e.name);
    this.suffixKind = Uint8Array.from(entries, (e) => e.kind);
    this.trigrams = new TrigramIndex(this.names.map((n) => n.key));
    this.bestScore = new Float64Array(this.entityIds.length);
    this.bestName = new Int32Array(this.entityIds.length).fill(-1);
  }

  search(query: string, options: SearchOptions): SearchHit[] {
    const q = searchKey(query);
    if (q.length === 0) return [];
    try {
      this.findMatches(q, options);
      return this.topHits(options.limit);
    } finally {
      for (const e of this.met) this.bestName[e] = -1;
      this.met = [];
    }
  }

  private findMatches(q: string, options: SearchOptions): void {
    const { bestScore, bestName, met } = this;
    const consider = (nameIndex: number, tier: number) => {
      const n = this.names[nameIndex]!;
      if (options.kind && n.kind !== options.kind) return;
      const score = tier + n.weight + n.popularity;
      const e = n.entity;
      if (bestName[e] === -1) met.push(e);
      else if (score <= bestScore[e]!) return;
      bestScore[e] = score;
      bestName[e] = nameIndex;
    };
    // A lower tier can only add entities scoring at most its ceiling and never lowers a score, so
    // once `limit` entities score above that ceiling the answer is settled. Hits are ranked by
    // their score as shown (two decimals), so that is the score compared.
    const settled = (tier: number) => {
      const ceiling = tierCeiling(tier);
      let above = 0;
      for (const e of met) if (shownScore(bestScore[e]!) > ceiling && ++above >= options.limit) return true;
      return false;
    };

    this.prefixMatches(q, (name, kind, text) => {
      const n = this.names[name]!;
      if (kind === 0) consider(name, n.key === q ? TIER.exact : TIER.prefix + (5 * q.length) / n.key.length);
      else if (kind === 1) consider(name, TIER.wordPrefix);
      else consider(name, text === q ? TIER.exact : TIER.compact);
    });
    const compact = q.replace(/ /g, '');
    if (compact !== q && !settled(TIER.compact)) this.prefixMatches(compact, (name, kind) => kind === 2 && consider(name, TIER.compact));

    const words = q.split(' ').filter((w) => w.length >= 2);
    if (words.length >= 2 && !settled(TIER.allWords)) for (const name of this.allWordsMatches(words)) consider(name, TIER.allWords);

    if (q.length >= 4 && !settled(TIER.fuzzy)) {
      const maxDistance = q.length >= 8 ? 2 : 1;
      for (const name of this.fuzzyCandidates(q, maxDistance)) {
        const n = this.names[name]!;
        if (options.kind && n.kind !== options.kind) continue;
        // Already above the best this name could add (distance 0): verifying it changes nothing.
        if (bestName[n.entity] !== -1 && bestScore[n.entity]! >= TIER.fuzzy + n.weight + n.popularity) continue;
        let distance = maxDistance + 1;
        for (const s of n.starts) {
          distance = Math.min(distance, prefixDistanceAt(q, n.key, s, maxDistance));
          if (distance === 0) break;
        }
        if (distance <= maxDistance) consider(name, TIER.fuzzy - 10 * distance);
      }
    }

    // Last resort, as Neo4j's CONTAINS does: the query anywhere inside a name.
    if (!settled(TIER.substring)) {
      for (const name of this.substringCandidates(q)) if (this.names[name]!.key.includes(q)) consider(name, TIER.substring);
    }
  }

  /**
   * The `limit` best entities met, best first; equal shown scores by name, then in the order met. Only
   * the kept ones are sorted and turned into hits: a short prefix can meet thousands.
   */
  private topHits(limit: number): SearchHit[] {
    const { bestScore, entityNames } = this;
    const order = new Map<number, number>();
    const before = (a: number, b: number) =>
      shownScore(bestScore[b]!) - shownScore(bestScore[a]!) || collator.compare(entityNames[a]!, entityNames[b]!) || order.get(a)! - order.get(b)!;
    const kept = selectBest(this.met, limit, before, order);
    return kept.map((e) => {
      const name = this.names[this.bestName[e]!]!;
      return { id: this.entityIds[e]!, name: entityNames[e]!, kind: name.kind, matched: name.label, score: shownScore(bestScore[e]!) };
    });
  }

  /** Visits index entries starting with `prefix` (binary search, then at most maxVisits). */
  private prefixMatches(prefix: string, visit: (name: number, kind: number, text: string) => void): void {
    let lo = 0;
    let hi = this.suffixes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.suffixes[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo, seen = 0; i < this.suffixes.length && seen < this.bounds.maxVisits; i++, seen++) {
      const text = this.suffixes[i]!;
      if (!text.startsWith(prefix)) break;
      visit(this.suffixName[i]!, this.suffixKind[i]!, text);
    }
  }

  /** Names in which every query word is the prefix of some word, in any order. */
  private allWordsMatches(words: string[]): number[] {
    let result: Set<number> | null = null;
    for (const w of [...words].sort((a, b) => b.length - a.length)) {
      const names = new Set<number>();
      this.prefixMatches(w, (name, kind) => {
        if (kind !== 2 && (!result || result.has(name))) names.add(name);
      });
      result = names;
      if (result.size === 0) break;
    }
    return result ? [...result] : [];
  }

  /**
   * Names that may contain `q`: those holding its rarest inner trigram (at most maxVisits). A
   * one- or two-letter query has no trigram; it is looked for inside every name only on graphs
   * small enough to scan (smallScan names), and by prefix alone above.
   */
  private substringCandidates(q: string): Iterable<number> {
    const grams = innerTrigrams(q);
    if (grams.size === 0) return this.names.length <= this.bounds.smallScan ? this.names.keys() : [];
    let rarest: Int32Array | undefined;
    for (const g of grams) {
      const list = this.trigrams.holders(g);
      if (!rarest || list.length < rarest.length) rarest = list;
    }
    return rarest!.subarray(0, this.bounds.maxVisits);
  }

  /**
   * Names sharing enough word trigrams with the query to be within `maxDistance` edits: each
   * edit destroys at most three trigrams. The best-sharing candidates are verified, at most
   * maxFuzzyCandidates of them.
   */
  private fuzzyCandidates(q: string, maxDistance: number): number[] {
    const grams = [...wordTrigrams(q)];
    const needed = Math.max(1, grams.length - 3 * maxDistance);
    return this.trigrams.sharing(grams, needed, this.bounds.maxFuzzyCandidates);
  }
}

/**
 * The `limit` first items of `items` under `before` (negative: a goes first), in that order,
 * without sorting them all: a bounded heap whose root is the worst kept. `order` is filled with
 * each item's position, for `before` to break ties by it.
 */
function selectBest(items: readonly number[], limit: number, before: (a: number, b: number) => number, order: Map<number, number>): number[] {
  items.forEach((item, i) => order.set(item, i));
  if (items.length <= limit) return [...items].sort(before);
  const heap: number[] = [];
  const worse = (i: number, j: number) => before(heap[i]!, heap[j]!) > 0;
  const swap = (i: number, j: number) => ([heap[i], heap[j]] = [heap[j]!, heap[i]!]);
  const down = (start: number) => {
    for (let i = start; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < heap.length && worse(l, top)) top = l;
      if (r < heap.length && worse(r, top)) top = r;
      if (top === i) return;
      swap(i, top);
      i = top;
    }
  };
  for (const item of items) {
    if (heap.length < limit) {
      heap.push(item);
      for (let i = heap.length - 1; i > 0 && worse(i, (i - 1) >> 1); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
    } else if (limit > 0 && before(item, heap[0]!) < 0) {
      heap[0] = item;
      down(0);
    }
  }
  return heap.sort(before);
}
