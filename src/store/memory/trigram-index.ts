/**
 * Word trigrams of search keys, for inside-a-name search: each trigram's holders as an ascending
 * list of name numbers. Trigrams are keyed by a number packing their code units rather than by a
 * string: building the index then creates no string per trigram (millions of them for a large
 * graph). The index is built as typed arrays only (buildTrigrams), so it can be built on a worker
 * thread and handed over without copying.
 */
export interface TrigramData {
  /** Each trigram's number (see gramCode), in the order they were first met. */
  codes: Float64Array;
  /** Holders of trigram k: holders[start[k] .. start[k + 1]). */
  start: Int32Array;
  holders: Int32Array;
}

export class TrigramIndex {
  private readonly holdersOf = new Map<number, Int32Array>();

  constructor(data: TrigramData) {
    const { codes, start, holders } = data;
    for (let k = 0; k < codes.length; k++) this.holdersOf.set(codes[k]!, holders.subarray(start[k]!, start[k + 1]!));
  }

  /** The names holding `gram` (two or three characters), ascending. */
  holders(gram: string): Int32Array {
    return (
      this.holdersOf.get(gramCode(gram.charCodeAt(0), gram.charCodeAt(1), gram.length > 2 ? gram.charCodeAt(2) : -1)) ??
      EMPTY
    );
  }
}

/** The word trigrams of each key (name number = position in `keys`). */
export function buildTrigrams(keys: readonly string[]): TrigramData {
  // Every (trigram, name) pair once, in name order; trigrams numbered densely as first met.
  // Trigrams of ASCII letters are numbered through a flat table, the rest through a Map.
  const asciiNumber = new Int32Array(1 << 21).fill(-1);
  const otherNumber = new Map<number, number>();
  const gramCodes: number[] = [];
  const lastName: number[] = [];
  // A key of n characters holds at most n trigrams (one per character after a word start).
  let capacity = 0;
  for (const key of keys) capacity += key.length + 1;
  const pairGram = new Int32Array(capacity);
  const pairName = new Int32Array(capacity);
  let pairs = 0;
  const numberOf = (a: number, b: number, c: number) => {
    const code = gramCode(a, b, c);
    let k: number | undefined;
    if (a < 128 && b < 128 && c < 127) {
      const slot = (a << 14) | (b << 7) | (c + 1);
      k = asciiNumber[slot]!;
      if (k < 0) asciiNumber[slot] = k = gramCodes.length;
      else return k;
    } else {
      k = otherNumber.get(code);
      if (k !== undefined) return k;
      otherNumber.set(code, (k = gramCodes.length));
    }
    gramCodes.push(code);
    lastName.push(-1);
    return k;
  };
  const add = (k: number, name: number) => {
    if (lastName[k] === name) return; // the name holds this trigram twice
    lastName[k] = name;
    pairGram[pairs] = k;
    pairName[pairs++] = name;
  };
  for (let name = 0; name < keys.length; name++) {
    const key = keys[name]!;
    // Each word, with the boundary before it (a space): " te", "teh", ... A word of one letter gives " t".
    let wordStart = 0;
    for (let i = 0; i <= key.length; i++) {
      if (i < key.length && key.charCodeAt(i) !== 32) continue;
      const length = i - wordStart + 1; // with the leading boundary
      if (length < 2) {
        // An empty word: keys hold none (searchKey trims and joins words with single spaces).
      } else if (length < 3) add(numberOf(32, key.charCodeAt(wordStart), -1), name);
      else {
        let a = 32;
        let b = key.charCodeAt(wordStart);
        for (let k = wordStart + 1; k < i; k++) {
          const c = key.charCodeAt(k);
          add(numberOf(a, b, c), name);
          a = b;
          b = c;
        }
      }
      wordStart = i + 1;
    }
  }
  // Holders of each trigram: a counting sort of the pairs by trigram, one shared array.
  const grams = gramCodes.length;
  const start = new Int32Array(grams + 1);
  for (let p = 0; p < pairs; p++) start[pairGram[p]! + 1]!++;
  for (let k = 0; k < grams; k++) start[k + 1]! += start[k]!;
  const fill = start.slice(0, grams);
  const holders = new Int32Array(pairs);
  for (let p = 0; p < pairs; p++) holders[fill[pairGram[p]!]!++] = pairName[p]!;
  return { codes: Float64Array.from(gramCodes), start, holders };
}

const EMPTY = new Int32Array(0);

/** Three code units (the third -1 for a two-character gram) as one exact number. */
function gramCode(a: number, b: number, c: number): number {
  return (a * 65536 + b) * 65537 + (c + 1);
}

/** Trigrams inside the words of `q` (the word-trigram index holds them wherever they sit in a word). */
export function innerTrigrams(q: string): Set<string> {
  const grams = new Set<string>();
  for (const word of q.split(' ')) for (let i = 0; i + 3 <= word.length; i++) grams.add(word.slice(i, i + 3));
  return grams;
}
