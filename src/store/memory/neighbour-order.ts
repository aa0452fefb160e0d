import type { SlotArrays } from './adjacency';

/**
 * Each entity's relation slots in the order graphology's `forEachEdge(node)` visits a
 * MultiDirectedGraph, computed from the relation list alone. That order is:
 * - relations into the entity, then relations out of it;
 * - on each side, grouped by the entity at the other end. A graphology node keeps its neighbours
 *   as keys of a plain object, so groups come in JavaScript's property order: neighbours whose id
 *   is an array index ("0", "17", but not "017") first, by numeric value, then the rest in the
 *   order their first relation was added;
 * - within a group, the newest relation first (graphology prepends parallel edges to a list).
 * Linear in entities plus relations, with typed arrays only.
 */
export function neighbourOrderSlots(ids: readonly string[], edgeSource: Int32Array, edgeTarget: Int32Array): SlotArrays {
  const n = ids.length;
  const m = edgeSource.length;
  const inDegree = new Int32Array(n);
  const outDegree = new Int32Array(n);
  for (let e = 0; e < m; e++) {
    inDegree[edgeTarget[e]!]!++;
    outDegree[edgeSource[e]!]!++;
  }
  const offsets = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) offsets[v + 1] = offsets[v]! + inDegree[v]! + outDegree[v]!;

  // Each entity's relations on one side, in insertion order: a counting sort by owner.
  const byOwner = (owner: Int32Array, degree: Int32Array) => {
    const start = new Int32Array(n + 1);
    for (let v = 0; v < n; v++) start[v + 1] = start[v]! + degree[v]!;
    const fill = start.slice(0, n);
    const list = new Int32Array(m);
    for (let e = 0; e < m; e++) list[fill[owner[e]!]!++] = e;
    return { start, list };
  };
  const incoming = byOwner(edgeTarget, inDegree);
  const outgoingLists = byOwner(edgeSource, outDegree);

  const indexValue = arrayIndexValues(ids);
  const neighbour = new Int32Array(2 * m);
  const edge = new Int32Array(2 * m);
  const outgoing = new Uint8Array(2 * m);
  // Scratch for grouping one entity's side: group of each neighbour (valid when stamped), and per group its neighbour, size and next free slot.
  const stamp = new Int32Array(n).fill(-1);
  const groupOf = new Int32Array(n);
  const groupNeighbour = new Int32Array(n);
  const groupFill = new Int32Array(n);
  const order: number[] = [];

  let visit = 0;
  const placeSide = (v: number, lists: { start: Int32Array; list: Int32Array }, other: Int32Array, out: 0 | 1, firstSlot: number) => {
    const from = lists.start[v]!;
    const to = lists.start[v + 1]!;
    if (from === to) return;
    visit++;
    let groups = 0;
    let indexed = 0;
    for (let j = from; j < to; j++) {
      const u = other[lists.list[j]!]!;
      if (stamp[u] !== visit) {
        stamp[u] = visit;
        groupOf[u] = groups;
        groupNeighbour[groups] = u;
        groupFill[groups++] = 0;
        if (indexValue[u]! >= 0) indexed++;
      }
      groupFill[groupOf[u]!]!++;
    }
    // Group order: array-index ids by value, then the others as first met.
    order.length = 0;
    for (let g = 0; g < groups; g++) order.push(g);
    if (indexed > 0) {
      const value = (g: number) => indexValue[groupNeighbour[g]!]!;
      order.sort((a, b) => (value(a) >= 0 ? (value(b) >= 0 ? value(a) - value(b) : -1) : value(b) >= 0 ? 1 : a - b));
    }
    // Sizes become each group's first slot.
    let slot = firstSlot;
    for (const g of order) {
      const size = groupFill[g]!;
      groupFill[g] = slot;
      slot += size;
    }
    // Newest first within a group: walk the side backwards.
    for (let j = to - 1; j >= from; j--) {
      const e = lists.list[j]!;
      const u = other[e]!;
      const s = groupFill[groupOf[u]!]!++;
      edge[s] = e;
      neighbour[s] = u;
      outgoing[s] = out;
    }
  };
  for (let v = 0; v < n; v++) {
    placeSide(v, incoming, edgeSource, 0, offsets[v]!);
    placeSide(v, outgoingLists, edgeTarget, 1, offsets[v]! + inDegree[v]!);
  }
  return { offsets, neighbour, edge, outgoing, inDegree };
}

/** For each id, its value if JavaScript orders it as an array index (a canonical integer below 2^32 - 1), else -1. */
function arrayIndexValues(ids: readonly string[]): Float64Array {
  const values = new Float64Array(ids.length).fill(-1);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const c = id.charCodeAt(0);
    if (c < 48 || c > 57 || id.length > 10) continue;
    if (!/^(?:0|[1-9][0-9]*)$/.test(id)) continue;
    const value = Number(id);
    if (value <= 4294967294) values[i] = value;
  }
  return values;
}
