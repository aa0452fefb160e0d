import { byCodeUnits, searchKey, type SearchHit } from '../../model';
import { popularity, prefixTier, rankCandidates, scoreEntity, shownScore } from '../../model/search-ranking';
import { SEARCH_TIER, SPELLING_WEIGHT, type SearchCandidate } from '../../model/search-ranking';
import type { SearchOptions } from '../port';

const { exact, compact, wordPrefix, allWords, fuzzy, substring } = SEARCH_TIER;
/** The most a spelling's weight and its entity's popularity add to a tier. */
const MAX_EXTRA = SPELLING_WEIGHT.name + popularity(Infinity);

/**
 * The embedded store's name search, finding what src/model/search-ranking.ts scores. A short query
 * matches tens of thousands of names at 100k entities, so candidates are scored best score bound
 * first until `limit` entities beat every bound left. Found by binary search over sorted word-start
 * suffixes, a trie walk over them for typos, and `indexOf` over all keys joined for substrings.
 */
export class NameSearch {
  /** Per spelling with a non-empty key: its entity and what its weight and popularity add. */
  private readonly spellingEntity: number[] = [];
  private readonly extra: number[] = [];
  /** Sorted suffixes: text, spelling, and kind (whole key 0, later word 1, compact key 2). */
  private readonly entryText: string[];
  private readonly entrySpelling: Int32Array;
  private readonly entryKind: Uint8Array;
  /** The typo walk's trie: distinct whole-key and later-word texts, and where each one's entries start. */
  private readonly wordText: string[] = [];
  private readonly wordEntry: number[] = [];
  /** Every key, each after a newline, and where each starts. */
  private readonly allKeys: string;
  private readonly keyStart: Int32Array;
  /** Per entity: the query it was last scored for (a stamp, cheaper than a set per query). */
  private readonly scoredFor: Int32Array;
  private queries = 0;

  constructor(private readonly candidates: SearchCandidate[]) {
    const entries: { text: string; spelling: number; kind: number }[] = [];
    const keys: string[] = [];
    const { name, alias, demonym } = SPELLING_WEIGHT;
    candidates.forEach((c, e) => {
      [c.name, ...c.aliases, ...c.demonyms].forEach((label, i) => {
        const key = searchKey(label);
        if (!key) return;
        const s = keys.push(key) - 1;
        this.spellingEntity.push(e);
        this.extra.push((i === 0 ? name : i <= c.aliases.length ? alias : demonym) + popularity(c.degree));
        for (let at = 0; at < key.length; at = key.indexOf(' ', at) + 1 || key.length)
          entries.push({ text: key.slice(at), spelling: s, kind: at === 0 ? 0 : 1 });
        if (key.includes(' ')) entries.push({ text: key.replace(/ /g, ''), spelling: s, kind: 2 });
      });
    });
    entries.sort((a, b) => byCodeUnits(a.text, b.text));
    this.entryText = entries.map((x) => x.text);
    this.entrySpelling = Int32Array.from(entries, (x) => x.spelling);
    this.entryKind = Uint8Array.from(entries, (x) => x.kind);
    this.entryText.forEach((text, i) => {
      if (this.entryKind[i] === 2 || text === this.wordText.at(-1)) return;
      this.wordText.push(text);
      this.wordEntry.push(i);
    });
    this.wordEntry.push(this.entryText.length);
    this.allKeys = keys.map((k) => `\n${k}`).join('');
    this.keyStart = new Int32Array(keys.length);
    for (let s = 1; s < keys.length; s++) this.keyStart[s] = this.keyStart[s - 1]! + keys[s - 1]!.length + 1;
    this.scoredFor = new Int32Array(candidates.length);
  }

  search(query: string, options: SearchOptions): SearchHit[] {
    const q = searchKey(query);
    if (q.length === 0) return [];
    const query_ = ++this.queries;
    const scored: { candidate: SearchCandidate; shown: number }[] = [];
    /** The `limit` best shown scores so far, best first. */
    const best: number[] = [];
    const settled = (bound: number) =>
      best.length >= options.limit && best[options.limit - 1]! > shownScore(bound + 1e-9);
    const score = (e: number) => {
      if (this.scoredFor[e] === query_) return;
      this.scoredFor[e] = query_;
      const c = this.candidates[e]!;
      if (options.kind && c.kind !== options.kind) return;
      const found = scoreEntity(q, c);
      if (!found) return;
      const shown = shownScore(found.score);
      scored.push({ candidate: c, shown });
      let at = best.length;
      while (at > 0 && best[at - 1]! < shown) at--;
      if (at < options.limit) best.splice(at, 0, shown);
      if (best.length > options.limit) best.pop();
    };
    /** Spellings found and not scored yet, with the most each can score: its tier, weight and popularity. */
    const spellings: number[] = [];
    const bounds: number[] = [];
    const add = (spelling: number, tier: number) => {
      spellings.push(spelling);
      bounds.push(tier + this.extra[spelling]!);
    };
    /** Scores the spellings added, best bound first, until the answer is settled. */
    const flush = () => {
      const heap = Array.from(bounds.keys());
      const above = (i: number, j: number) => bounds[heap[i]!]! > bounds[heap[j]!]!;
      for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(heap, i, above);
      while (heap.length > 0 && !settled(bounds[heap[0]!]!)) {
        score(this.spellingEntity[spellings[heap[0]!]!]!);
        heap[0] = heap[heap.length - 1]!;
        heap.pop();
        siftDown(heap, 0, above);
      }
      spellings.length = bounds.length = 0;
    };
    const addEntry = (entry: number, tier: number) => add(this.entrySpelling[entry]!, tier);
    // By entry kind: a whole key, a later word, a key without spaces.
    const tiers = [
      (length: number) => prefixTier(q.length, length),
      () => wordPrefix,
      (length: number) => (length === q.length ? exact : compact),
    ];
    const [from, to] = this.startingWith(q);
    for (let i = from; i < to; i++) addEntry(i, tiers[this.entryKind[i]!]!(this.entryText[i]!.length));
    const compactQuery = q.replace(/ /g, '');
    if (compactQuery !== q) {
      const [cFrom, cTo] = this.startingWith(compactQuery);
      for (let i = cFrom; i < cTo; i++) if (this.entryKind[i] === 2) addEntry(i, compact);
    }
    flush();

    const words = q.split(' ').filter((w) => w.length >= 2);
    if (words.length >= 2 && !settled(allWords + MAX_EXTRA)) {
      // Every query word begins a word of the match: the rarest is enough to find them all.
      const [wFrom, wTo] = words
        .map((w) => this.startingWith(w))
        .reduce((rarest, range) => (range[1] - range[0] < rarest[1] - rarest[0] ? range : rarest));
      for (let i = wFrom; i < wTo; i++) if (this.entryKind[i] !== 2) addEntry(i, allWords);
      flush();
    }

    if (q.length >= 4 && !settled(fuzzy - 10 + MAX_EXTRA)) {
      this.withinEdits(q, q.length >= 8 ? 2 : 1, (lo, hi) => {
        const [from, to] = [this.wordEntry[lo]!, this.wordEntry[hi]!];
        for (let i = from; i < to; i++) if (this.entryKind[i] !== 2) addEntry(i, fuzzy - 10);
      });
      flush();
    }

    if (!settled(substring + MAX_EXTRA)) {
      for (let at = this.allKeys.indexOf(q); at >= 0; at = this.allKeys.indexOf(q, at + 1))
        add(partition(0, this.keyStart.length, (s) => this.keyStart[s]! <= at) - 1, substring);
      flush();
    }
    // Ranked again by the one ranking, only those that can make the answer: below the limit-th best
    // shown score, `limit` entities come first.
    const cut = best.length >= options.limit ? best[options.limit - 1]! : -Infinity;
    const kept = scored.filter((s) => s.shown >= cut).map((s) => s.candidate);
    return rankCandidates(query, kept, options);
  }

  /** The entries starting with `prefix`: [from, to). */
  private startingWith(prefix: string): [number, number] {
    const texts = this.entryText;
    const from = partition(0, texts.length, (i) => texts[i]! < prefix);
    return [from, partition(from, texts.length, (i) => texts[i]!.startsWith(prefix))];
  }

  /**
   * Reports the ranges of wordText with a prefix within `maxDistance` edits of `q` (optimal string
   * alignment), walking the sorted texts as a trie: texts sharing j characters share row j of the
   * distance table; a range is reported once its row ends within the bound, left once all is past it.
   */
  private withinEdits(q: string, maxDistance: number, report: (lo: number, hi: number) => void): void {
    const texts = this.wordText;
    const n = q.length;
    const far = maxDistance + 1;
    const rows = Array.from({ length: n + maxDistance + 2 }, () => new Int32Array(n + 1));
    for (let i = 0; i <= n; i++) rows[0]![i] = i;
    // Entries [lo, hi) share their first j characters, whose row is rows[j]: not yet within the bound.
    const walk = (lo: number, hi: number, j: number): void => {
      let i = lo;
      while (i < hi && texts[i]!.length === j) i++;
      const prev = rows[j]!;
      const prev2 = rows[Math.max(0, j - 1)]!;
      const cur = rows[j + 1]!;
      while (i < hi) {
        const c = texts[i]!.charCodeAt(j);
        const cBefore = j > 0 ? texts[i]!.charCodeAt(j - 1) : -1;
        const end = partition(i + 1, hi, (mid) => texts[mid]!.charCodeAt(j) === c);
        cur[0] = j + 1;
        let rowMin = j + 1;
        // Only the band of cells within the bound of the diagonal can be; those just outside it are
        // marked past it for the next row to read.
        const first = Math.max(1, j + 1 - maxDistance);
        const last = Math.min(n, j + 1 + maxDistance);
        if (first > 1) cur[first - 1] = far;
        if (last < n) cur[last + 1] = far;
        for (let k = first; k <= last; k++) {
          let d = Math.min(prev[k]! + 1, cur[k - 1]! + 1, prev[k - 1]! + (q.charCodeAt(k - 1) === c ? 0 : 1));
          if (k > 1 && j > 0 && q.charCodeAt(k - 1) === cBefore && q.charCodeAt(k - 2) === c)
            d = Math.min(d, prev2[k - 2]! + 1);
          cur[k] = d;
          rowMin = Math.min(rowMin, d);
        }
        if (last === n && cur[n]! <= maxDistance) report(i, end);
        else if (rowMin <= maxDistance) walk(i, end, j + 1);
        i = end;
      }
    };
    walk(0, texts.length, 0);
  }
}

/** Restores the heap property below `start`: `first(i, j)` when slot i belongs above slot j. */
function siftDown(heap: number[], start: number, first: (i: number, j: number) => boolean): void {
  for (let i = start; ;) {
    const l = 2 * i + 1;
    let top = i;
    if (l < heap.length && first(l, top)) top = l;
    if (l + 1 < heap.length && first(l + 1, top)) top = l + 1;
    if (top === i) return;
    [heap[i], heap[top]] = [heap[top]!, heap[i]!];
    i = top;
  }
}

/** Binary search: the first index of [lo, hi) where `before` is false (it holds on a prefix of the range). */
function partition(lo: number, hi: number, before: (i: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
