import { searchKey, type EntityKind } from '../../model';
import type { SearchHit, SearchOptions } from '../port';
import type { Adjacency } from './adjacency';
import { firstRow, nextRow } from './edit-distance';
import { innerTrigrams, TrigramIndex } from './trigram-index';

export { prefixDistance } from './edit-distance';

/**
 * Name and alias search for the embedded store, built to stay fast on large graphs: no query
 * scans every name. Names are keyed by `searchKey` (case, accents, punctuation and
 * transliteration variants folded away) and indexed twice:
 * - a sorted array of every word-start suffix of every key (plus the key without spaces): exact,
 *   prefix and word-prefix matches are a binary search plus the matches, and typo-tolerant
 *   matches a walk over it as over a trie, with a bounded Damerau-Levenshtein distance;
 * - a word-trigram index, for the query anywhere inside a name.
 * Tiers run best first, and a tier is skipped once `limit` entities already score above anything
 * it could give: it could not change the answer.
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

/** How many index entries one prefix lookup may visit, and one typo walk report: bounds short queries. */
const MAX_VISITS = 5000;
/** Up to this many names, queries without a trigram are also looked for inside every name. */
const SMALL_SCAN = 20_000;

/** The score a hit shows, and is ranked by: two decimals. */
const shownScore = (score: number) => Math.round(score * 100) / 100;

/** Trie nodes above this many entries have their children listed at build time. */
const BIG_NODE = 256;
const MAX_CACHED_DEPTH = 64;

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
  /**
   * The same texts as UTF-16 code units in one array, in sorted order (`suffixes[i]` is
   * `textCodes[textStart[i] .. textStart[i + 1])`): the typo walk reads characters at a depth
   * across thousands of entries, and reading them from strings scattered over the heap is
   * several times slower than from neighbouring cells.
   */
  private readonly textCodes: Uint16Array;
  private readonly textStart: Int32Array;
  /**
   * The trie's top: for every prefix shared by more than BIG_NODE entries, where its children
   * start (keyed by first entry and depth; see children()). Built with the index: finding them by
   * binary search over the whole index on every query was most of a typo query's time.
   */
  private readonly bigNodes = new Map<number, Int32Array>();
  private readonly trigrams: TrigramIndex;
  /**
   * Per-query scratch, indexed by entity number and allocated once: the best score so far and
   * the name that gave it (-1: not met). `met` lists the entities met, in order, to read and
   * reset them without touching the rest.
   */
  private readonly bestScore: Float64Array;
  private readonly bestName: Int32Array;
  private met: number[] = [];

  constructor(adj: Adjacency) {
    for (let entity = 0; entity < adj.order; entity++) {
      const a = adj.nodeAttrs[entity]!;
      this.entityIds.push(adj.ids[entity]!);
      this.entityNames.push(a.name);
      const popularity = Math.min(MAX_POPULARITY, Math.log2(1 + adj.degree(entity)) / 3);
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
    }

    // 0 = whole key, 1 = word start inside the key, 2 = compact key (spaces removed).
    const texts: string[] = [];
    const textName: number[] = [];
    const textKind: number[] = [];
    for (let i = 0; i < this.names.length; i++) {
      const n = this.names[i]!;
      for (const s of n.starts) {
        texts.push(s === 0 ? n.key : n.key.slice(s));
        textName.push(i);
        textKind.push(s === 0 ? 0 : 1);
      }
      if (n.starts.length > 1) {
        texts.push(n.key.replace(/ /g, ''));
        textName.push(i);
        textKind.push(2);
      }
    }
    const sorted = sortedOrder(texts);
    const count = sorted.length;
    this.suffixes = new Array<string>(count);
    this.suffixName = new Int32Array(count);
    this.suffixKind = new Uint8Array(count);
    this.textStart = new Int32Array(count + 1);
    for (let i = 0; i < count; i++) {
      const t = sorted[i]!;
      this.suffixes[i] = texts[t]!;
      this.suffixName[i] = textName[t]!;
      this.suffixKind[i] = textKind[t]!;
      this.textStart[i + 1] = this.textStart[i]! + texts[t]!.length;
    }
    this.textCodes = new Uint16Array(this.textStart[count]!);
    for (let i = 0; i < count; i++) {
      const text = this.suffixes[i]!;
      for (let k = 0, at = this.textStart[i]!; k < text.length; k++) this.textCodes[at + k] = text.charCodeAt(k);
    }
    this.cacheBigNodes(0, count, 0);
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
      // Ties go to the spelling listed first (name, aliases, demonyms), whatever the visiting order.
      if (bestName[e] === -1) met.push(e);
      else if (score < bestScore[e]! || (score === bestScore[e]! && nameIndex > bestName[e]!)) return;
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
      this.typoMatches(q, maxDistance, (name, distance) => {
        const n = this.names[name]!;
        // Already above the best this name could add (distance 0): nothing to change.
        if (bestName[n.entity] === -1 || bestScore[n.entity]! < TIER.fuzzy + n.weight + n.popularity) consider(name, TIER.fuzzy - 10 * distance);
      });
    }

    // Last resort, as Neo4j's CONTAINS does: the query anywhere inside a name.
    if (!settled(TIER.substring)) {
      for (const name of this.substringCandidates(q)) if (this.names[name]!.key.includes(q)) consider(name, TIER.substring);
    }
  }

  /**
   * The `limit` best entities met, best first; equal shown scores by name, then in graph order. Only
   * the kept ones are sorted and turned into hits: a short prefix can meet thousands.
   */
  private topHits(limit: number): SearchHit[] {
    const { bestScore, entityNames } = this;
    const before = (a: number, b: number) => shownScore(bestScore[b]!) - shownScore(bestScore[a]!) || collator.compare(entityNames[a]!, entityNames[b]!) || a - b;
    const kept = selectBest(this.met, limit, before);
    return kept.map((e) => {
      const name = this.names[this.bestName[e]!]!;
      return { id: this.entityIds[e]!, name: entityNames[e]!, kind: name.kind, matched: name.label, score: shownScore(bestScore[e]!) };
    });
  }

  /** Visits index entries starting with `prefix` (binary search, then at most MAX_VISITS). */
  private prefixMatches(prefix: string, visit: (name: number, kind: number, text: string) => void): void {
    for (let i = this.lowerBound(prefix), seen = 0; i < this.suffixes.length && seen < MAX_VISITS; i++, seen++) {
      const text = this.suffixes[i]!;
      if (!text.startsWith(prefix)) break;
      visit(this.suffixName[i]!, this.suffixKind[i]!, text);
    }
  }

  /**
   * Names in which every query word is the prefix of some word, in any order (for each word, among
   * the first MAX_VISITS index entries starting with it). Walks the entries of the rarest word and
   * checks the others on each name's own words, so a common word ("liberation", "operation")
   * costs a lookup per candidate, not a visit of its thousands of entries.
   */
  private allWordsMatches(words: string[]): Iterable<number> {
    const spans = words.map((word) => ({ word, ...this.span(word) }));
    spans.sort((a, b) => a.end - a.start - (b.end - b.start));
    const [rarest, ...others] = spans;
    if (!rarest || rarest.end - rarest.start > MAX_VISITS) return this.allWordsByVisits(words);
    const result = new Set<number>();
    for (let i = rarest.start; i < rarest.end; i++) {
      if (this.suffixKind[i] === 2) continue;
      const name = this.suffixName[i]!;
      if (others.every((o) => this.holdsWithinBound(name, o.word, o.start))) result.add(name);
    }
    return result;
  }

  /**
   * Whether a word of the name starts with `word` at an index entry among the first MAX_VISITS
   * of those starting with it (which begin at `start`): a lookup of that entry, not a visit of
   * all the others.
   */
  private holdsWithinBound(name: number, word: string, start: number): boolean {
    const n = this.names[name]!;
    for (const s of n.starts) {
      if (!n.key.startsWith(word, s)) continue;
      const text = s === 0 ? n.key : n.key.slice(s);
      let i = this.span(text).start;
      while (i < this.suffixes.length && this.suffixes[i] === text && (this.suffixName[i] !== name || this.suffixKind[i] === 2)) i++;
      if (i - start < MAX_VISITS) return true;
    }
    return false;
  }

  /** The index entries starting with `prefix`: [start, end). */
  private span(prefix: string): { start: number; end: number } {
    // No key holds U+FFFF, so every text starting with `prefix` sorts below prefix + U+FFFF.
    return { start: this.lowerBound(prefix), end: this.lowerBound(`${prefix}\uffff`) };
  }

  /** The first index entry not below `text` (binary search over the sorted entries). */
  private lowerBound(text: string): number {
    let lo = 0;
    let hi = this.suffixes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.suffixes[mid]! < text) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The same set by visiting every word's entries, longest word first: for when even the rarest word is past the bound. */
  private allWordsByVisits(words: string[]): number[] {
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
    let rarest: Int32Array | undefined;
    for (const g of grams) {
      const list = this.trigrams.holders(g);
      if (!rarest || list.length < rarest.length) rarest = list;
    }
    return rarest!.subarray(0, MAX_VISITS);
  }

  /**
   * The children of the trie node of entries [lo, hi), which share their first j characters: the
   * entries ending at j come first, then one run per next character. Returns the run bounds:
   * [first run's start, its end = second's start, ..., hi].
   */
  private children(lo: number, hi: number, j: number): Int32Array {
    const cached = hi - lo > BIG_NODE ? this.bigNodes.get(lo * MAX_CACHED_DEPTH + j) : undefined;
    if (cached) return cached;
    const { textCodes, textStart } = this;
    const bounds: number[] = [];
    let i = lo;
    while (i < hi && textStart[i + 1]! - textStart[i]! === j) i++;
    bounds.push(i);
    while (i < hi) {
      const c = textCodes[textStart[i]! + j]!;
      let end = i + 1;
      let top = hi;
      while (end < top) {
        const mid = (end + top) >>> 1;
        if (textCodes[textStart[mid]! + j]! <= c) end = mid + 1;
        else top = mid;
      }
      bounds.push(end);
      i = end;
    }
    return Int32Array.from(bounds);
  }

  private cacheBigNodes(lo: number, hi: number, j: number): void {
    if (hi - lo <= BIG_NODE || j >= MAX_CACHED_DEPTH) return;
    const kids = this.children(lo, hi, j);
    this.bigNodes.set(lo * MAX_CACHED_DEPTH + j, kids);
    for (let k = 1; k < kids.length; k++) this.cacheBigNodes(kids[k - 1]!, kids[k]!, j + 1);
  }

  /**
   * Every word-start entry whose closest prefix is within `maxDistance` edits of `q` (at most
   * MAX_VISITS of them, in index order), with that distance. One walk over the sorted entries
   * as over a trie: entries sharing a prefix share its rows of the edit-distance table, and a
   * prefix whose row is all past the bound is left with everything under it, so the walk visits
   * only the neighbourhood of the query, however common its letters are.
   */
  private typoMatches(q: string, maxDistance: number, report: (name: number, distance: number) => void): void {
    const { suffixName, suffixKind, textCodes, textStart } = this;
    const n = q.length;
    const far = maxDistance + 1;
    const width = n + 2;
    const table = new Int32Array((n + maxDistance + 2) * width);
    firstRow(table, 0, n, maxDistance);
    let reported = 0;
    const reportRange = (from: number, to: number, distance: number) => {
      if (distance > maxDistance) return;
      for (let i = from; i < to && reported < MAX_VISITS; i++) {
        if (suffixKind[i] === 2) continue;
        reported++;
        report(suffixName[i]!, distance);
      }
    };
    // Entries [lo, hi) share their first j characters, whose distance row is row j of the table;
    // `best` is the least distance from q to a prefix of that much (as prefixDistance counts it).
    const walk = (lo: number, hi: number, j: number, best: number): void => {
      if (j + 1 - maxDistance > n) return reportRange(lo, hi, best); // longer prefixes are all too far
      const kids = this.children(lo, hi, j);
      reportRange(lo, kids[0]!, best);
      for (let k = 1; k < kids.length && reported < MAX_VISITS; k++) {
        const i = kids[k - 1]!;
        const end = kids[k]!;
        const c = textCodes[textStart[i]! + j]!;
        const cBefore = j > 0 ? textCodes[textStart[i]! + j - 1]! : -1;
        const rowMin = nextRow(q, table, Math.max(0, j - 1) * width, j * width, (j + 1) * width, j + 1, c, cBefore, maxDistance);
        const reached = Math.min(best, table[(j + 1) * width + n]!);
        if (reached === 0 || rowMin > maxDistance) reportRange(i, end, reached);
        else walk(i, end, j + 1, reached);
      }
    };
    walk(0, suffixName.length, 0, Math.min(n, far));
  }
}

/**
 * The `limit` first items of `items` under `before` (negative: a goes first), in that order,
 * without sorting them all: a bounded heap whose root is the worst kept.
 */
function selectBest(items: readonly number[], limit: number, before: (a: number, b: number) => number): number[] {
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

/**
 * The permutation that sorts `texts` by UTF-16 code units (as `<` compares strings), equal texts
 * in their given order. Texts are first ordered by a number packing their first three code units,
 * with the engine's native numeric sort (each text's prefix rank and position packed into one
 * number); texts sharing those three are then sorted two code units at a time the same way
 * (sortRun). At a million texts this is several times faster than sorting the strings with a
 * comparator, which spends its time comparing long shared prefixes.
 */
export function sortedOrder(texts: readonly string[]): Int32Array {
  const n = texts.length;
  const prefix = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = texts[i]!;
    // Code unit + 1 (0: the text has ended, which sorts first), 17 bits each: exact in a double.
    let key = 0;
    for (let k = 0; k < 3; k++) key = key * 131072 + (k < t.length ? t.charCodeAt(k) + 1 : 0);
    prefix[i] = key;
  }
  const distinct = prefix.slice().sort();
  let kinds = 0;
  for (let i = 0; i < n; i++) if (kinds === 0 || distinct[i] !== distinct[kinds - 1]) distinct[kinds++] = distinct[i]!;
  const span = 2 ** Math.max(1, Math.ceil(Math.log2(n + 1)));
  if (kinds * span >= 2 ** 53) {
    const all = Int32Array.from({ length: n }, (_, i) => i);
    sortRun(texts, all, 0, n, 0);
    return all;
  }

  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = rankOf(distinct, kinds, prefix[i]!) * span + i;
  packed.sort();
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = packed[i]! % span;
  for (let i = 0; i < n; ) {
    const rank = Math.floor(packed[i]! / span);
    let j = i + 1;
    while (j < n && Math.floor(packed[j]! / span) === rank) j++;
    // A run shares its first three code units; it is one text repeated if the text ended within them.
    if (j - i > 1 && texts[order[i]!]!.length >= 3) sortRun(texts, order, i, j, 3);
    i = j;
  }
  return order;
}

/** Largest run sortRun packs with its positions (19 bits of position, 34 of code units: exact in a double). */
const RUN_PACK = 524288;

/**
 * Sorts order[lo, hi), whose texts share their first `depth` code units and are in their given
 * order, by the two code units that follow, with the native numeric sort (code units and position
 * packed into one number), and then each group sharing those two the same way: a radix sort
 * from the most significant end. Short runs are sorted by comparing the strings.
 */
function sortRun(texts: readonly string[], order: Int32Array, lo: number, hi: number, depth: number): void {
  const size = hi - lo;
  if (size < 2) return;
  if (size <= 16 || size >= RUN_PACK) {
    order.subarray(lo, hi).sort((a, b) => {
      const x = texts[a]!;
      const y = texts[b]!;
      return x < y ? -1 : x > y ? 1 : a - b;
    });
    return;
  }
  const codes = (t: string) => (depth < t.length ? t.charCodeAt(depth) + 1 : 0) * 131072 + (depth + 1 < t.length ? t.charCodeAt(depth + 1) + 1 : 0);
  const packed = new Float64Array(size);
  for (let k = 0; k < size; k++) packed[k] = codes(texts[order[lo + k]!]!) * RUN_PACK + k;
  packed.sort();
  const before = order.slice(lo, hi);
  for (let k = 0; k < size; k++) order[lo + k] = before[packed[k]! % RUN_PACK]!;
  for (let k = 0; k < size; ) {
    const group = Math.floor(packed[k]! / RUN_PACK);
    let end = k + 1;
    while (end < size && Math.floor(packed[end]! / RUN_PACK) === group) end++;
    // A group whose texts ended within these two code units is one text repeated: already in order.
    if (end - k > 1 && group % 131072 !== 0) sortRun(texts, order, lo + k, lo + end, depth + 2);
    k = end;
  }
}

/** Position of `value` in the first `count` (sorted, distinct) entries of `sorted`. */
function rankOf(sorted: Float64Array, count: number, value: number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
