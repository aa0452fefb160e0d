/**
 * Word trigrams of search keys, for inside-a-name search: each trigram's holders as an ascending
 * list of name numbers in a typed array.
 */
export class TrigramIndex {
  private readonly holdersOf = new Map<string, Int32Array>();

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
  }

  /** The names holding `gram`, ascending. */
  holders(gram: string): Int32Array {
    return this.holdersOf.get(gram) ?? EMPTY;
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
