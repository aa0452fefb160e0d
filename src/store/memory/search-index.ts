import { searchKey } from '../../model';
import type { SearchOptions } from '../port';
import type { SearchHit } from '../../model';
import type { Adjacency } from './adjacency';
import { firstRow, nextRow } from './edit-distance';
import {
  buildSearchData,
  ENTRY_COMPACT,
  ENTRY_KEY,
  ENTRY_WORD,
  MAX_CACHED_DEPTH,
  BIG_NODE,
  NAME_WEIGHT,
  spellingsOf,
  trieChildren,
  type SearchData,
  type Spellings,
} from './search-data';
import { innerTrigrams, TrigramIndex } from './trigram-index';

export { prefixDistance } from './edit-distance';

/**
 * Name and alias search for the embedded store, built to stay fast on large graphs: no query
 * scans every name. Names are keyed by `searchKey` (case, accents, punctuation and
 * transliteration variants folded away) and indexed twice (search-data.ts):
 * - a sorted array of every word-start suffix of every key (plus the key without spaces): exact,
 *   prefix and word-prefix matches are a binary search plus the matches, and typo-tolerant
 *   matches a walk over it as over a trie, with a bounded Damerau-Levenshtein distance;
 * - a word-trigram index, for the query anywhere inside a name.
 * Tiers run best first, and a tier is skipped once `limit` entities already score above anything
 * it could give: it could not change the answer.
 *
 * The index is held as typed arrays (entry texts as code units), not strings and objects per
 * name: it can then be built on another thread, and a million entries are not a million strings
 * for the collector to trace.
 */

/** Match tiers: each beats every lower one whatever the name weight and popularity add. */
const TIER = { exact: 100, prefix: 80, compact: 70, wordPrefix: 60, allWords: 50, fuzzy: 40, substring: 15 } as const;
const MAX_POPULARITY = 2;
/** The most a tier can score: its base plus the name weight and popularity. */
const tierCeiling = (tier: number) => tier + NAME_WEIGHT + MAX_POPULARITY;

/** How many index entries one prefix lookup may visit, and one typo walk report: bounds short queries. */
const MAX_VISITS = 5000;
/** Up to this many names, queries without a trigram are also looked for inside every name. */
const SMALL_SCAN = 20_000;

/** The score a hit shows, and is ranked by: two decimals. */
const shownScore = (score: number) => Math.round(score * 100) / 100;

/** Sorts equal scores by entity name, as String#localeCompare does (one collator, not one per call). */
const collator = new Intl.Collator();

export class SearchIndex {
  private readonly adj: Adjacency;
  private readonly spellings: Spellings;
  /** Per name (see SearchData): its entity, its label's weight. */
  private readonly nameEntity: Int32Array;
  private readonly nameWeight: Uint8Array;
  private readonly nameLabel: Int32Array;
  private readonly nameKeyEntry: Int32Array;
  /** Slightly favours well-connected entities among equal matches (per entity). */
  private readonly popularity: Float64Array;
  private readonly textCodes: Uint16Array;
  private readonly textStart: Int32Array;
  private readonly entryName: Int32Array;
  private readonly entryKind: Uint8Array;
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

  /**
   * `built`: the index data already built (on a worker) from `spellings`, which must be
   * spellingsOf the entities of `adj`, in order; without it the index is built here.
   */
  constructor(adj: Adjacency, built?: { spellings: Spellings; data: SearchData }) {
    this.adj = adj;
    const spellings = built?.spellings ?? spellingsOf(adj.nodeAttrs);
    const data = built?.data ?? buildSearchData(spellings.labels);
    const n = adj.order;
    if (spellings.labelEntity.length > 0 && spellings.labelEntity[spellings.labelEntity.length - 1] !== n - 1) {
      throw new Error("search index: the spellings given are not those of this graph's entities");
    }
    this.spellings = spellings;
    ({
      nameLabel: this.nameLabel,
      nameKeyEntry: this.nameKeyEntry,
      textCodes: this.textCodes,
      textStart: this.textStart,
      entryName: this.entryName,
      entryKind: this.entryKind,
    } = data);
    const names = this.nameLabel.length;
    this.nameEntity = new Int32Array(names);
    this.nameWeight = new Uint8Array(names);
    for (let i = 0; i < names; i++) {
      this.nameEntity[i] = spellings.labelEntity[this.nameLabel[i]!]!;
      this.nameWeight[i] = spellings.labelWeight[this.nameLabel[i]!]!;
    }
    this.popularity = new Float64Array(n);
    for (let e = 0; e < n; e++) this.popularity[e] = Math.min(MAX_POPULARITY, Math.log2(1 + adj.degree(e)) / 3);
    const { keys, start, bounds } = data.bigNodes;
    for (let k = 0; k < keys.length; k++) this.bigNodes.set(keys[k]!, bounds.subarray(start[k]!, start[k + 1]!));
    this.trigrams = new TrigramIndex(data.trigrams);
    this.bestScore = new Float64Array(n);
    this.bestName = new Int32Array(n).fill(-1);
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
    const { bestScore, bestName, met, nameEntity, nameWeight, popularity } = this;
    const nodeAttrs = this.adj.nodeAttrs;
    const consider = (name: number, tier: number) => {
      const e = nameEntity[name]!;
      if (options.kind && nodeAttrs[e]!.kind !== options.kind) return;
      const score = tier + nameWeight[name]! + popularity[e]!;
      // Ties go to the spelling listed first (name, aliases, demonyms), whatever the visiting order.
      if (bestName[e] === -1) met.push(e);
      else if (score < bestScore[e]! || (score === bestScore[e]! && name > bestName[e]!)) return;
      bestScore[e] = score;
      bestName[e] = name;
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

    this.prefixMatches(q, (name, kind, entry) => {
      // The entry starts with q: it equals q when it is as long.
      const whole = this.entryLength(entry) === q.length;
      if (kind === ENTRY_KEY)
        consider(name, whole ? TIER.exact : TIER.prefix + (5 * q.length) / this.entryLength(entry));
      else if (kind === ENTRY_WORD) consider(name, TIER.wordPrefix);
      else consider(name, whole ? TIER.exact : TIER.compact);
    });
    const compact = q.replace(/ /g, '');
    if (compact !== q && !settled(TIER.compact))
      this.prefixMatches(compact, (name, kind) => kind === ENTRY_COMPACT && consider(name, TIER.compact));

    const words = q.split(' ').filter((w) => w.length >= 2);
    if (words.length >= 2 && !settled(TIER.allWords))
      for (const name of this.allWordsMatches(words)) consider(name, TIER.allWords);

    if (q.length >= 4 && !settled(TIER.fuzzy)) {
      const maxDistance = q.length >= 8 ? 2 : 1;
      this.typoMatches(q, maxDistance, (name, distance) => {
        const e = nameEntity[name]!;
        // Already above the best this name could add (distance 0): nothing to change.
        if (bestName[e] === -1 || bestScore[e]! < TIER.fuzzy + nameWeight[name]! + popularity[e]!)
          consider(name, TIER.fuzzy - 10 * distance);
      });
    }

    // Last resort, as Neo4j's CONTAINS does: the query anywhere inside a name.
    if (!settled(TIER.substring)) {
      for (const name of this.substringCandidates(q)) if (this.keyIncludes(name, q)) consider(name, TIER.substring);
    }
  }

  /**
   * The `limit` best entities met, best first; equal shown scores by name, then in graph order. Only
   * the kept ones are sorted and turned into hits: a short prefix can meet thousands.
   */
  private topHits(limit: number): SearchHit[] {
    const { bestScore } = this;
    const { ids, nodeAttrs } = this.adj;
    const before = (a: number, b: number) =>
      shownScore(bestScore[b]!) - shownScore(bestScore[a]!) ||
      collator.compare(nodeAttrs[a]!.name, nodeAttrs[b]!.name) ||
      a - b;
    const kept = selectBest(this.met, limit, before);
    return kept.map((e) => {
      const a = nodeAttrs[e]!;
      return {
        id: ids[e]!,
        name: a.name,
        kind: a.kind,
        matched: this.spellings.labels[this.nameLabel[this.bestName[e]!]!]!,
        score: shownScore(bestScore[e]!),
      };
    });
  }

  private entryLength(entry: number): number {
    return this.textStart[entry + 1]! - this.textStart[entry]!;
  }

  /**
   * Compares entry `entry` with the text probe[from .. to) by code units, as `<` compares strings:
   * negative, 0 or positive. The probe is a query's code units, or a stretch of textCodes itself.
   */
  private compareEntry(entry: number, probe: Uint16Array, from: number, to: number): number {
    const { textCodes } = this;
    const at = this.textStart[entry]!;
    const length = this.textStart[entry + 1]! - at;
    const common = Math.min(length, to - from);
    for (let k = 0; k < common; k++) {
      const d = textCodes[at + k]! - probe[from + k]!;
      if (d !== 0) return d;
    }
    return length - (to - from);
  }

  /** Whether code units [at, end) of the index texts start with `prefix`. */
  private codesStartWith(at: number, end: number, prefix: string): boolean {
    if (end - at < prefix.length) return false;
    const { textCodes } = this;
    for (let k = 0; k < prefix.length; k++) if (textCodes[at + k] !== prefix.charCodeAt(k)) return false;
    return true;
  }

  /** Name `name`'s key as [start, end) in textCodes. */
  private keyRange(name: number): [number, number] {
    const entry = this.nameKeyEntry[name]!;
    return [this.textStart[entry]!, this.textStart[entry + 1]!];
  }

  /** Whether name `name`'s key holds `q` anywhere. */
  private keyIncludes(name: number, q: string): boolean {
    const [from, to] = this.keyRange(name);
    for (let at = from; at + q.length <= to; at++) if (this.codesStartWith(at, to, q)) return true;
    return false;
  }

  /** Visits index entries starting with `prefix` (two binary searches, then at most MAX_VISITS). */
  private prefixMatches(prefix: string, visit: (name: number, kind: number, entry: number) => void): void {
    const { start, end } = this.span(prefix);
    for (let i = start; i < end && i - start < MAX_VISITS; i++) visit(this.entryName[i]!, this.entryKind[i]!, i);
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
      if (this.entryKind[i] === ENTRY_COMPACT) continue;
      const name = this.entryName[i]!;
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
    const [from, to] = this.keyRange(name);
    const { textCodes } = this;
    const count = this.entryName.length;
    for (let s = from; s < to; s++) {
      if (s > from && textCodes[s - 1] !== 32) continue; // not a word start
      if (!this.codesStartWith(s, to, word)) continue;
      // The first entry holding this word's suffix of the key as its own text.
      let i = this.lowerBound(textCodes, s, to);
      while (
        i < count &&
        this.compareEntry(i, textCodes, s, to) === 0 &&
        (this.entryName[i] !== name || this.entryKind[i] === ENTRY_COMPACT)
      )
        i++;
      if (i - start < MAX_VISITS) return true;
    }
    return false;
  }

  /** The index entries starting with `prefix`: [start, end). */
  private span(prefix: string): { start: number; end: number } {
    // No key holds U+FFFF, so every text starting with `prefix` sorts below prefix + U+FFFF.
    const probe = new Uint16Array(prefix.length + 1);
    for (let k = 0; k < prefix.length; k++) probe[k] = prefix.charCodeAt(k);
    probe[prefix.length] = 0xffff;
    return { start: this.lowerBound(probe, 0, prefix.length), end: this.lowerBound(probe, 0, prefix.length + 1) };
  }

  /** The first index entry not below the text probe[from .. to) (binary search over the sorted entries). */
  private lowerBound(probe: Uint16Array, from: number, to: number): number {
    let lo = 0;
    let hi = this.entryName.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compareEntry(mid, probe, from, to) < 0) lo = mid + 1;
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
        if (kind !== ENTRY_COMPACT && (!result || result.has(name))) names.add(name);
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
    if (grams.size === 0) return this.nameLabel.length <= SMALL_SCAN ? this.nameLabel.keys() : [];
    let rarest: Int32Array | undefined;
    for (const g of grams) {
      const list = this.trigrams.holders(g);
      if (!rarest || list.length < rarest.length) rarest = list;
    }
    return rarest!.subarray(0, MAX_VISITS);
  }

  /** The children of a trie node (see trieChildren), listed at build time for big nodes. */
  private children(lo: number, hi: number, j: number): Int32Array {
    const cached = hi - lo > BIG_NODE ? this.bigNodes.get(lo * MAX_CACHED_DEPTH + j) : undefined;
    return cached ?? trieChildren(this.textCodes, this.textStart, lo, hi, j);
  }

  /**
   * Every word-start entry whose closest prefix is within `maxDistance` edits of `q` (at most
   * MAX_VISITS of them, in index order), with that distance. One walk over the sorted entries
   * as over a trie: entries sharing a prefix share its rows of the edit-distance table, and a
   * prefix whose row is all past the bound is left with everything under it, so the walk visits
   * only the neighbourhood of the query, however common its letters are.
   */
  private typoMatches(q: string, maxDistance: number, report: (name: number, distance: number) => void): void {
    const { entryName, entryKind, textCodes, textStart } = this;
    const n = q.length;
    const far = maxDistance + 1;
    const width = n + 2;
    const table = new Int32Array((n + maxDistance + 2) * width);
    firstRow(table, 0, n, maxDistance);
    let reported = 0;
    const reportRange = (from: number, to: number, distance: number) => {
      if (distance > maxDistance) return;
      for (let i = from; i < to && reported < MAX_VISITS; i++) {
        if (entryKind[i] === ENTRY_COMPACT) continue;
        reported++;
        report(entryName[i]!, distance);
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
        const rowMin = nextRow(
          q,
          table,
          Math.max(0, j - 1) * width,
          j * width,
          (j + 1) * width,
          j + 1,
          c,
          cBefore,
          maxDistance,
        );
        const reached = Math.min(best, table[(j + 1) * width + n]!);
        if (reached === 0 || rowMin > maxDistance) reportRange(i, end, reached);
        else walk(i, end, j + 1, reached);
      }
    };
    walk(0, entryName.length, 0, Math.min(n, far));
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
    for (let i = start; ;) {
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
