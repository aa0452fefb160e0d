import type { LoadedRelation } from '../model';

/**
 * The relations whose key repeats an earlier relation's, each as [index, index of the first
 * relation with that key], in list order: what one Map over every key gives, without hashing a
 * million 40-character keys into it (a second at a million relations).
 *
 * A derived key (no `id`) starts with both ends' ids joined by "--", so equal derived keys join
 * the same pair of entities: only relations between the same pair are compared, found by
 * grouping relations by their source and chaining them per target. An `id` is a slug, which
 * cannot contain "--", so it never equals a derived key; ids are compared among themselves. Ends
 * that are not known entities (an error reported elsewhere) fall back to a Map.
 */
export function duplicateKeys(relations: readonly LoadedRelation[], fromIndex: Int32Array, toIndex: Int32Array, entityCount: number): [number, number][] {
  const m = relations.length;
  const duplicates: [number, number][] = [];
  const byMap = new Map<string, number>();
  const viaMap = (e: number) => {
    const first = byMap.get(relations[e]!.key);
    if (first === undefined) byMap.set(relations[e]!.key, e);
    else duplicates.push([e, first]);
  };

  // Relations by source entity, in list order within each source (a counting sort).
  const start = new Int32Array(entityCount + 1);
  for (let e = 0; e < m; e++) {
    if (relations[e]!.id !== undefined || fromIndex[e]! < 0 || toIndex[e]! < 0) viaMap(e);
    else start[fromIndex[e]! + 1]!++;
  }
  for (let s = 0; s < entityCount; s++) start[s + 1]! += start[s]!;
  const fill = start.slice(0, entityCount);
  const grouped = new Int32Array(start[entityCount]!);
  for (let e = 0; e < m; e++) {
    if (relations[e]!.id === undefined && fromIndex[e]! >= 0 && toIndex[e]! >= 0) grouped[fill[fromIndex[e]!]!++] = e;
  }

  // Per source, the relations to each target as a chain, earliest first: a repeat of a key is
  // found by walking its pair's chain. Long chains (many claims about one pair) go to the Map.
  const LONG_CHAIN = 64;
  const stamp = new Int32Array(entityCount).fill(-1);
  const head = new Int32Array(entityCount);
  const tail = new Int32Array(entityCount);
  const chainLength = new Int32Array(entityCount);
  const next = new Int32Array(m);
  for (let s = 0; s < entityCount; s++) {
    for (let j = start[s]!; j < start[s + 1]!; j++) {
      const e = grouped[j]!;
      const t = toIndex[e]!;
      if (stamp[t] !== s) {
        stamp[t] = s;
        head[t] = tail[t] = e;
        chainLength[t] = 1;
        next[e] = -1;
        continue;
      }
      if (chainLength[t] === LONG_CHAIN) for (let f = head[t]!; f !== -1; f = next[f]!) if (!byMap.has(relations[f]!.key)) byMap.set(relations[f]!.key, f);
      if (chainLength[t]! >= LONG_CHAIN) viaMap(e);
      else {
        const key = relations[e]!.key;
        for (let f = head[t]!; f !== -1; f = next[f]!) {
          if (relations[f]!.key === key) {
            duplicates.push([e, f]);
            break;
          }
        }
      }
      next[e] = -1;
      next[tail[t]!] = e;
      tail[t] = e;
      chainLength[t]!++;
    }
  }
  return duplicates.sort((a, b) => a[0] - b[0]);
}
