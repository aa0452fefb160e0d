import { searchKey, type EntityKind } from '../../model';
import type { KnowledgeGraph } from '../../seed/build-graph';
import type { SearchHit, SearchOptions } from '../port';

/**
 * Name and alias search for the embedded store, built to stay fast on large graphs: no query
 * scans every name. Names are keyed by `searchKey` (case, accents, punctuation and
 * transliteration variants folded away) and indexed twice:
 * - a sorted array of every word-start suffix of every key (plus the key without spaces), so
 *   exact, prefix and word-prefix matches are a binary search plus the matches;
 * - a word-trigram index, so typo-tolerant matching only verifies names sharing trigrams with
 *   the query, with a bounded Damerau-Levenshtein distance.
 */

interface IndexedName {
  entity: string;
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
/** How many index entries one query may visit per lookup: bounds the work for short prefixes. */
const MAX_VISITS = 5000;
const MAX_FUZZY_CANDIDATES = 500;
/** Up to this many names, queries without a trigram are also looked for inside every name. */
const SMALL_SCAN = 20_000;

export class SearchIndex {
  private readonly names: IndexedName[] = [];
  /** Word-start suffixes and compact keys, sorted; `suffixName[i]` is the name of `suffixes[i]`. */
  private readonly suffixes: string[];
  private readonly suffixName: Int32Array;
  private readonly suffixKind: Uint8Array;
  private readonly trigrams = new Map<string, number[]>();
  private readonly entityName = new Map<string, string>();

  constructor(graph: KnowledgeGraph) {
    graph.forEachNode((id, a) => {
      this.entityName.set(id, a.name);
      const popularity = Math.min(2, Math.log2(1 + graph.degree(id)) / 3);
      const add = (label: string, weight: number) => {
        const key = searchKey(label);
        if (key.length === 0) return;
        const starts = [0];
        for (let i = 1; i < key.length; i++) if (key[i - 1] === ' ') starts.push(i);
        this.names.push({ entity: id, kind: a.kind, label, key, starts, weight, popularity });
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
      for (const t of wordTrigrams(n.key)) pushOnce(this.trigrams, t, i);
    });
    entries.sort((x, y) => (x.text < y.text ? -1 : x.text > y.text ? 1 : 0));
    this.suffixes = entries.map((e) => e.text);
    this.suffixName = Int32Array.from(entries, (e) => e.name);
    this.suffixKind = Uint8Array.from(entries, (e) => e.kind);
  }

  search(query: string, options: SearchOptions): SearchHit[] {
    const q = searchKey(query);
    if (q.length === 0) return [];
    const best = new Map<string, { score: number; name: IndexedName }>();
    const consider = (nameIndex: number, tier: number) => {
      const n = this.names[nameIndex]!;
      if (options.kind && n.kind !== options.kind) return;
      const score = tier + n.weight + n.popularity;
      const prev = best.get(n.entity);
      if (!prev || score > prev.score) best.set(n.entity, { score, name: n });
    };

    this.prefixMatches(q, (name, kind, text) => {
      const n = this.names[name]!;
      if (kind === 0) consider(name, n.key === q ? TIER.exact : TIER.prefix + (5 * q.length) / n.key.length);
      else if (kind === 1) consider(name, TIER.wordPrefix);
      else consider(name, text === q ? TIER.exact : TIER.compact);
    });
    const compact = q.replace(/ /g, '');
    if (compact !== q) this.prefixMatches(compact, (name, kind) => kind === 2 && consider(name, TIER.compact));

    const words = q.split(' ').filter((w) => w.length >= 2);
    if (words.length >= 2) for (const name of this.allWordsMatches(words)) consider(name, TIER.allWords);

    if (q.length >= 4) {
      const maxDistance = q.length >= 8 ? 2 : 1;
      for (const name of this.fuzzyCandidates(q, maxDistance)) {
        const n = this.names[name]!;
        let distance = Infinity;
        for (const s of n.starts) distance = Math.min(distance, prefixDistance(q, n.key.slice(s), maxDistance));
        if (distance <= maxDistance) consider(name, TIER.fuzzy - 10 * distance);
      }
    }

    // Last resort, as Neo4j's CONTAINS does: the query anywhere inside a name.
    for (const name of this.substringCandidates(q)) if (this.names[name]!.key.includes(q)) consider(name, TIER.substring);

    const hits: SearchHit[] = [...best.entries()].map(([id, { score, name }]) => ({
      id,
      name: this.entityName.get(id) ?? name.label,
      kind: name.kind,
      matched: name.label,
      score: Math.round(score * 100) / 100,
    }));
    hits.sort((x, y) => y.score - x.score || x.name.localeCompare(y.name));
    return hits.slice(0, options.limit);
  }

  /** Visits index entries starting with `prefix` (binary search, then at most MAX_VISITS). */
  private prefixMatches(prefix: string, visit: (name: number, kind: number, text: string) => void): void {
    let lo = 0;
    let hi = this.suffixes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.suffixes[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo, seen = 0; i < this.suffixes.length && seen < MAX_VISITS; i++, seen++) {
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
   * Names that may contain `q`: those holding its rarest inner trigram (at most MAX_VISITS). A
   * one- or two-letter query has no trigram; it is looked for inside every name only on graphs
   * small enough to scan (SMALL_SCAN names), and by prefix alone above.
   */
  private substringCandidates(q: string): Iterable<number> {
    const grams = innerTrigrams(q);
    if (grams.size === 0) return this.names.length <= SMALL_SCAN ? this.names.keys() : [];
    let rarest: number[] | undefined;
    for (const g of grams) {
      const list = this.trigrams.get(g) ?? [];
      if (!rarest || list.length < rarest.length) rarest = list;
    }
    return (rarest ?? []).slice(0, MAX_VISITS);
  }

  /**
   * Names sharing enough word trigrams with the query to be within `maxDistance` edits: each
   * edit destroys at most three trigrams. The best-sharing candidates are verified, at most
   * MAX_FUZZY_CANDIDATES of them.
   */
  private fuzzyCandidates(q: string, maxDistance: number): number[] {
    const grams = wordTrigrams(q);
    const needed = Math.max(1, grams.size - 3 * maxDistance);
    const shared = new Map<number, number>();
    for (const g of grams) for (const name of this.trigrams.get(g) ?? []) shared.set(name, (shared.get(name) ?? 0) + 1);
    return [...shared.entries()]
      .filter(([, count]) => count >= needed)
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_FUZZY_CANDIDATES)
      .map(([name]) => name);
  }
}

function pushOnce(index: Map<string, number[]>, key: string, name: number): void {
  const list = index.get(key);
  if (!list) index.set(key, [name]);
  else if (list[list.length - 1] !== name) list.push(name);
}

/** Trigrams inside the words of `q` (the word-trigram index holds them wherever they sit in a word). */
function innerTrigrams(q: string): Set<string> {
  const grams = new Set<string>();
  for (const word of q.split(' ')) for (let i = 0; i + 3 <= word.length; i++) grams.add(word.slice(i, i + 3));
  return grams;
}

/** Trigrams of each word with a leading boundary (" te", "teh", ...): no trailing one, so a prefix of a word shares them. */
function wordTrigrams(key: string): Set<string> {
  const grams = new Set<string>();
  for (const word of key.split(' ')) {
    const padded = ` ${word}`;
    for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
    if (padded.length < 3) grams.add(padded);
  }
  return grams;
}

/**
 * The fewest edits (insert, delete, substitute, swap two neighbours) turning `q` into some prefix
 * of `s`, or maxDistance + 1 when it is more: typing "tehrik talib" is close to "tehrik i taliban".
 */
export function prefixDistance(q: string, s: string, maxDistance: number): number {
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
