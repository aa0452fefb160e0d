/**
 * Bounded edit distance from a query to the closest prefix of a name, for typo-tolerant search:
 * the fewest edits (insert, delete, substitute, swap two neighbours) turning the query into some
 * prefix of the name. Computed one row per character of the name, so a walk over a sorted list of
 * names can share the rows of a common prefix (see search-index.ts).
 *
 * Banded: cell (i, j), the distance between the query's first i characters and the name's first
 * j, is at least |i - j| (the length difference), so only cells within the bound of the diagonal
 * can decide the answer; every other cell is taken as bound + 1 ("too far"), which changes no
 * value within the bound. A row costs 2 * bound + 1 cells instead of query length + 1.
 */

/** Row 0 at `at` in `rows`: the distance from each query prefix to the empty prefix, capped at maxDistance + 1. */
export function firstRow(rows: Int32Array, at: number, n: number, maxDistance: number): void {
  for (let i = 0; i <= n + 1; i++) rows[at + i] = i <= maxDistance ? i : maxDistance + 1;
}

/**
 * Fills row j (at `cur` in `rows`) from rows j - 1 (at `prev`) and j - 2 (at `prev2`) for a name
 * whose j-th character is `c` and (j-1)-th is `cBefore` (-1 when j = 1). Returns the row's
 * minimum, or maxDistance + 1 when j is so far past the query's end that the whole row is too
 * far. Rows are n + 2 long: the cell right of the band is written as too far for the next row.
 */
export function nextRow(
  q: string,
  rows: Int32Array,
  prev2: number,
  prev: number,
  cur: number,
  j: number,
  c: number,
  cBefore: number,
  maxDistance: number,
): number {
  const n = q.length;
  const far = maxDistance + 1;
  const lo = Math.max(1, j - maxDistance);
  const hi = Math.min(n, j + maxDistance);
  if (lo > hi) {
    rows[cur + n] = far;
    return far;
  }
  let left = lo === 1 ? Math.min(j, far) : far;
  rows[cur + lo - 1] = left;
  let rowMin = left;
  for (let i = lo; i <= hi; i++) {
    const qi = q.charCodeAt(i - 1);
    let d = rows[prev + i - 1]! + (qi === c ? 0 : 1);
    const del = rows[prev + i]! + 1;
    if (del < d) d = del;
    if (left + 1 < d) d = left + 1;
    if (i > 1 && j > 1 && qi === cBefore && q.charCodeAt(i - 2) === c) {
      const swap = rows[prev2 + i - 2]! + 1;
      if (swap < d) d = swap;
    }
    if (d > far) d = far;
    rows[cur + i] = d;
    left = d;
    if (d < rowMin) rowMin = d;
  }
  rows[cur + hi + 1] = far;
  if (hi < n) rows[cur + n] = far;
  return rowMin;
}

let scratch = new Int32Array(3 * 66);

/**
 * The fewest edits turning `q` into some prefix of `s`, or maxDistance + 1 when it is more:
 * typing "tehrik talib" is close to "tehrik i taliban". Stops at the first row where every cell
 * is past the bound (no longer prefix can come back within it) or the distance is 0.
 */
export function prefixDistance(q: string, s: string, maxDistance: number): number {
  const n = q.length;
  const width = n + 2;
  const far = maxDistance + 1;
  if (scratch.length < 3 * width) scratch = new Int32Array(6 * width);
  let [prev2, prev, cur] = [0, width, 2 * width];
  firstRow(scratch, prev, n, maxDistance);
  let best = Math.min(n, far);
  for (let j = 1; j <= s.length; j++) {
    const rowMin = nextRow(
      q,
      scratch,
      prev2,
      prev,
      cur,
      j,
      s.charCodeAt(j - 1),
      j > 1 ? s.charCodeAt(j - 2) : -1,
      maxDistance,
    );
    if (scratch[cur + n]! < best) best = scratch[cur + n]!;
    if (best === 0 || rowMin > maxDistance) break;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return best <= maxDistance ? best : far;
}
