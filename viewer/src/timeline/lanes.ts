/** Something to place in a lane: its horizontal extent in pixels, label room included. */
export interface Extent {
  key: string;
  x0: number;
  x1: number;
}

/**
 * Packs extents into rows so that none touch: each goes to the first row whose last extent ends
 * at least `gap` pixels before it starts, taking them left to right (ties by key, so the same
 * view always packs the same way). Returns the row of each key and how many rows were used.
 */
export function packRows(extents: readonly Extent[], gap: number): { rowOf: Map<string, number>; rows: number } {
  const sorted = [...extents].sort((a, b) => a.x0 - b.x0 || a.x1 - b.x1 || (a.key < b.key ? -1 : 1));
  const ends: number[] = [];
  const rowOf = new Map<string, number>();
  for (const e of sorted) {
    let row = ends.findIndex((end) => end + gap <= e.x0);
    if (row === -1) row = ends.push(e.x1) - 1;
    else ends[row] = e.x1;
    rowOf.set(e.key, row);
  }
  return { rowOf, rows: ends.length };
}

/** Names longer than this are cut with "…" on the timeline; the mark's hover title has them whole. */
export const MARK_LABEL_MAX = 24;

export function elide(text: string, max = MARK_LABEL_MAX): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
