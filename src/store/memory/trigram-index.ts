/**
 * Word trigrams of search keys, for inside-a-name search: each trigram's holders as an ascending
 * list of name numbers in a typed array. Trigrams are keyed by a number packing their code units
 * rather than by a string: building the index then creates no string per trigram (millions of
 * them for a large graph).
 */
export class TrigramIndex {
  private readonly holdersOf = new Map<number, Int32Array>();

  constructor(keys: readonly string[]) {
    const lists = new Map<number, number[]>();
    for (let name = 0; name < keys.length; name++) {
      const key = keys[name]!;
      // Each word, with the boundary before it (a space): " te", "teh", ... A word of one letter gives " t".
      let wordStart = 0;
      for (let i = 0; i <= key.length; i++) {
        if (i < key.length && key.charCodeAt(i) !== 32) continue;
        const length = i - wordStart + 1; // with the leading boundary
        if (length < 2) {
          // An empty word: keys hold none (searchKey trims and joins words with single spaces).
        } else if (length < 3) add(lists, gramCode(32, key.charCodeAt(wordStart), -1), name);
        else {
          let a = 32;
          let b = key.charCodeAt(wordStart);
          for (let k = wordStart + 1; k < i; k++) {
            const c = key.charCodeAt(k);
            add(lists, gramCode(a, b, c), name);
            a = b;
            b = c;
          }
        }
        wordStart = i + 1;
      }
    }
    for (const [gram, list] of lists) this.holdersOf.set(gram, Int32Array.from(list));
  }

  /** The names holding `gram` (two or three characters), ascending. */
  holders(gram: string): Int32Array {
    return this.holdersOf.get(gramCode(gram.charCodeAt(0), gram.charCodeAt(1), gram.length > 2 ? gram.charCodeAt(2) : -1)) ?? EMPTY;
  }
}

const EMPTY = new Int32Array(0);

/** Three code units (the third -1 for a two-character gram) as one exact number. */
function gramCode(a: number, b: number, c: number): number {
  return (a * 65536 + b) * 65537 + (c + 1);
}

/** Adds `name` to the gram's holders once (names arrive in ascending order, so a repeat is the last one). */
function add(lists: Map<number, number[]>, gram: number, name: number): void {
  const list = lists.get(gram);
  if (!list) lists.set(gram, [name]);
  else if (list[list.length - 1] !== name) list.push(name);
}

/** Trigrams inside the words of `q` (the word-trigram index holds them wherever they sit in a word). */
export function innerTrigrams(q: string): Set<string> {
  const grams = new Set<string>();
  for (const word of q.split(' ')) for (let i = 0; i + 3 <= word.length; i++) grams.add(word.slice(i, i + 3));
  return grams;
}
