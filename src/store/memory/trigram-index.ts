/**
 * Word trigrams of search keys, for typo-tolerant and inside-a-name search: each trigram's
 * holders as an ascending list of name numbers. Counting shared trigrams is the hot loop of a
 * fuzzy query, so it counts into a typed array indexed by name (allocated once, cleared through
 * the list of names it touched) instead of a Map per query.
 */
export class TrigramIndex {
  private readonly holdersOf = new Map<string, Int32Array>();
  /** Per name, how many of the current query's trigrams it holds; all zero between queries. */
  private readonly shared: Int32Array;
  private readonly touched: Int32Array;

  constructor(keys: readonly string[]) {
    const lists = new Map<string, number[]>();
    keys.forEach((key, name) => {
      for (const gram of wordTrigrams(key)) {
        const list = lists.get(gram);
        if (list) list.push(name);
        else lists.set(gram, [name]);
      }
    });
    for (const [gram, list] of lists) this.holdersOf.set(gram, Int32Array.from(list));
    this.shared = new Int32Array(keys.length);
    this.touched = new Int32Array(keys.length);
  }

  /** The names holding `gram`, ascending. */
  holders(gram: string): Int32Array {
    return this.holdersOf.get(gram) ?? EMPTY;
  }

  /**
   * Names holding at least `needed` of `grams`, at most `max` of them: those holding the most
   * first, then those first holding an earlier trigram of `grams`, then by name number (the
   * order the names are first met walking the trigrams' lists in turn).
   */
  sharing(grams: readonly string[], needed: number, max: number): number[] {
    const { shared, touched } = this;
    let touchedCount = 0;
    for (const gram of grams) {
      const list = this.holders(gram);
      for (let k = 0; k < list.length; k++) {
        const name = list[k]!;
        const count = shared[name]!;
        if (count === 0) touched[touchedCount++] = name;
        shared[name] = count + 1;
      }
    }

    // Counts are at most grams.length: a histogram finds the lowest count still (partly) taken,
    // so no sort of every name met is needed; each count's names stay in the order met.
    const histogram = new Int32Array(grams.length + 1);
    for (let t = 0; t < touchedCount; t++) histogram[shared[touched[t]!]!]!++;
    let cutoff = grams.length;
    let above = 0;
    while (cutoff > needed && above + histogram[cutoff]! <= max) above += histogram[cutoff--]!;
    let quota = max - above;
    const byCount: number[][] = Array.from({ length: grams.length + 1 - cutoff }, () => []);
    for (let t = 0; t < touchedCount; t++) {
      const name = touched[t]!;
      const count = shared[name]!;
      shared[name] = 0;
      if (count > cutoff || (count === cutoff && quota-- > 0)) byCount[grams.length - count]!.push(name);
    }
    return byCount.flat();
  }
}

const EMPTY = new Int32Array(0);

/** Trigrams of each word with a leading boundary (" te", "teh", ...): no trailing one, so a prefix of a word shares them. */
export function wordTrigrams(key: string): Set<string> {
  const grams = new Set<string>();
  for (const word of key.split(' ')) {
    const padded = ` ${word}`;
    for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
    if (padded.length < 3) grams.add(padded);
  }
  return grams;
}

/** Trigrams inside the words of `q` (the word-trigram index holds them wherever they sit in a word). */
export function innerTrigrams(q: string): Set<string> {
  const grams = new Set<string>();
  for (const word of q.split(' ')) for (let i = 0; i + 3 <= word.length; i++) grams.add(word.slice(i, i + 3));
  return grams;
}
