/**
 * Bounded edit distance from a query to the closest prefix of a name, for typo-tolerant search.
 * Runs once per fuzzy candidate (hundreds per keystroke), so the rows are reused typed arrays
 * rather than arrays allocated per row.
 */

let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)] as const;

function rowsFor(length: number): readonly [Int32Array, Int32Array, Int32Array] {
  if (rows[0].length < length) rows = [new Int32Array(length * 2), new Int32Array(length * 2), new Int32Array(length * 2)];
  return rows;
}

/**
 * The fewest edits (insert, delete, substitute, swap two neighbours) turning `q` into some prefix
 * of `s`, or maxDistance + 1 when it is more: typing "tehrik talib" is close to "tehrik i taliban".
 */
export function prefixDistance(q: string, s: string, maxDistance: number): number {
  return prefixDistanceAt(q, s, 0, maxDistance);
}

/** prefixDistance(q, s.slice(start), maxDistance), without the slice. */
export function prefixDistanceAt(q: string, s: string, start: number, maxDistance: number): number {
  const n = q.length;
  const m = s.length - start;
  let [prev2, prev, cur] = rowsFor(n + 1);
  for (let i = 0; i <= n; i++) prev[i] = i;
  let best = n;
  for (let j = 1; j <= m; j++) {
    const sj = s.charCodeAt(start + j - 1);
    const sjBefore = j > 1 ? s.charCodeAt(start + j - 2) : -1;
    cur[0] = j;
    let rowMin = j;
    for (let i = 1; i <= n; i++) {
      const qi = q.charCodeAt(i - 1);
      const cost = qi === sj ? 0 : 1;
      let d = Math.min(prev[i]! + 1, cur[i - 1]! + 1, prev[i - 1]! + cost);
      if (i > 1 && j > 1 && qi === sjBefore && q.charCodeAt(i - 2) === sj) d = Math.min(d, prev2[i - 2]! + 1);
      cur[i] = d;
      if (d < rowMin) rowMin = d;
    }
    if (cur[n]! < best) best = cur[n]!;
    if (best === 0 || rowMin > maxDistance) break;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return best <= maxDistance ? best : maxDistance + 1;
}
