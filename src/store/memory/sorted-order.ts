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
  for (let i = 0; i < n;) {
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
  const codes = (t: string) =>
    (depth < t.length ? t.charCodeAt(depth) + 1 : 0) * 131072 +
    (depth + 1 < t.length ? t.charCodeAt(depth + 1) + 1 : 0);
  const packed = new Float64Array(size);
  for (let k = 0; k < size; k++) packed[k] = codes(texts[order[lo + k]!]!) * RUN_PACK + k;
  packed.sort();
  const before = order.slice(lo, hi);
  for (let k = 0; k < size; k++) order[lo + k] = before[packed[k]! % RUN_PACK]!;
  for (let k = 0; k < size;) {
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
