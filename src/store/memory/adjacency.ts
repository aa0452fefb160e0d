import { entityAttributes, relationAttributes, type EntityAttributes, type RelationAttributes } from '../../model';
import { resolvedEnds, type KnowledgeBase } from '../../model';

/**
 * A compact, read-only index of the graph's topology, and the embedded store's own form of the
 * graph: entities and relations numbered, their attributes in arrays, each entity's relations in
 * one slice of typed arrays (compressed sparse rows). Traversals read integers instead of walking
 * per-node objects, and mark what they visited in arrays stamped per call instead of allocating sets.
 *
 * Entities and relations are numbered in the order of the knowledge base's lists (the store hands
 * it the canonical order, src/model/order.ts); each entity's slice holds the relations into it,
 * then those out of it.
 */
export class Adjacency {
  readonly ids: string[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly nodeAttrs: EntityAttributes[];
  readonly edgeKeys: string[];
  readonly edgeAttrs: RelationAttributes[];
  readonly edgeSource: Int32Array;
  readonly edgeTarget: Int32Array;
  /** Slice of `neighbour` / `edge` / `outgoing` for entity i: offsets[i] .. offsets[i + 1]. */
  readonly offsets: Int32Array;
  readonly neighbour: Int32Array;
  readonly edge: Int32Array;
  /** 1 when the entity owning the slot is the relation's source. */
  readonly outgoing: Uint8Array;
  /** How many of entity i's slots (the first ones of its slice) are relations into it. */
  readonly inDegree: Int32Array;

  /** One integer per entity for a traversal's own use (e.g. parent links), valid for marked entities only. */
  readonly scratch: Int32Array;
  private readonly stamps: Int32Array;
  private generation = 0;
  private edgeNumbers: Map<string, number> | undefined;

  private constructor(parts: {
    ids: string[];
    indexOf: ReadonlyMap<string, number>;
    nodeAttrs: EntityAttributes[];
    edgeKeys: string[];
    edgeAttrs: RelationAttributes[];
    edgeSource: Int32Array;
    edgeTarget: Int32Array;
    slots: SlotArrays;
  }) {
    this.ids = parts.ids;
    this.indexOf = parts.indexOf;
    this.nodeAttrs = parts.nodeAttrs;
    this.edgeKeys = parts.edgeKeys;
    this.edgeAttrs = parts.edgeAttrs;
    this.edgeSource = parts.edgeSource;
    this.edgeTarget = parts.edgeTarget;
    ({
      offsets: this.offsets,
      neighbour: this.neighbour,
      edge: this.edge,
      outgoing: this.outgoing,
      inDegree: this.inDegree,
    } = parts.slots);
    const n = this.ids.length;
    this.stamps = new Int32Array(n);
    this.scratch = new Int32Array(n);
  }

  /**
   * The index of the graph a knowledge base describes, built from its lists without graphology.
   * Refuses what graphology would refuse: a repeated entity id or relation key, a relation whose
   * end is not an entity, a relation from an entity to itself. (Relation keys of a knowledge base
   * the loader validated are known to be unique: a million of them are not hashed a second time,
   * and their ends are taken as the loader numbered them instead of looked up again.)
   */
  static fromKnowledgeBase(kb: KnowledgeBase): Adjacency {
    const n = kb.entities.length;
    const m = kb.relations.length;
    const ids = new Array<string>(n);
    const nodeAttrs = new Array<EntityAttributes>(n);
    // The loader's numbering, unless the lists have changed size since (a knowledge base must not
    // change once loaded; a caller that appends to one anyway gets the checked path).
    const ends = resolvedEnds(kb);
    const resolved =
      ends && ends.from.length === m && ends.to.length === m && ends.entityNumber.size === n ? ends : undefined;
    const indexOf = resolved?.entityNumber ?? new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const e = kb.entities[i]!;
      ids[i] = e.id;
      nodeAttrs[i] = entityAttributes(e);
      if (resolved) continue;
      if (indexOf.has(e.id)) throw new Error(`entity "${e.id}" is listed twice`);
      (indexOf as Map<string, number>).set(e.id, i);
    }
    const edgeKeys = new Array<string>(m);
    const edgeAttrs = new Array<RelationAttributes>(m);
    const edgeSource = resolved?.from ?? new Int32Array(m);
    const edgeTarget = resolved?.to ?? new Int32Array(m);
    const edgeNumbers = resolved ? undefined : new Map<string, number>();
    for (let k = 0; k < m; k++) {
      const r = kb.relations[k]!;
      edgeKeys[k] = r.key;
      edgeAttrs[k] = relationAttributes(r);
      if (resolved) continue;
      const s = indexOf.get(r.from);
      const t = indexOf.get(r.to);
      if (s === undefined || t === undefined)
        throw new Error(`relation "${r.key}" refers to unknown entity "${s === undefined ? r.from : r.to}"`);
      if (s === t) throw new Error(`relation "${r.key}" joins "${r.from}" to itself`);
      if (edgeNumbers) {
        if (edgeNumbers.has(r.key)) throw new Error(`relation key "${r.key}" is used twice`);
        edgeNumbers.set(r.key, k);
      }
      edgeSource[k] = s;
      edgeTarget[k] = t;
    }
    const adj = new Adjacency({
      ids,
      indexOf,
      nodeAttrs,
      edgeKeys,
      edgeAttrs,
      edgeSource,
      edgeTarget,
      slots: slotsOf(n, edgeSource, edgeTarget),
    });
    adj.edgeNumbers = edgeNumbers;
    return adj;
  }

  get order(): number {
    return this.ids.length;
  }

  get size(): number {
    return this.edgeKeys.length;
  }

  /** The number of the relation with this key, or undefined. The lookup is built on first use. */
  edgeNumber(key: string): number | undefined {
    if (!this.edgeNumbers) {
      this.edgeNumbers = new Map();
      for (let k = 0; k < this.edgeKeys.length; k++) this.edgeNumbers.set(this.edgeKeys[k]!, k);
    }
    return this.edgeNumbers.get(key);
  }

  degree(i: number): number {
    return this.offsets[i + 1]! - this.offsets[i]!;
  }

  /**
   * Starts a visit: returns a mark such that `isMarked(i, mark)` is false for every entity until
   * `mark(i, mark)`. Marks are cleared in O(1) by moving to the next generation, so a traversal
   * costs what it touches, not the size of the graph. Only one visit may be open at a time,
   * which holds because traversals run synchronously to completion.
   */
  beginVisit(): number {
    if (this.generation >= 0x7ffffff0) {
      this.stamps.fill(0);
      this.generation = 0;
    }
    return ++this.generation;
  }

  mark(i: number, visit: number): void {
    this.stamps[i] = visit;
  }

  isMarked(i: number, visit: number): boolean {
    return this.stamps[i] === visit;
  }
}

export interface SlotArrays {
  offsets: Int32Array;
  neighbour: Int32Array;
  edge: Int32Array;
  outgoing: Uint8Array;
  inDegree: Int32Array;
}

/**
 * Each entity's slice: the relations into it, then the relations out of it, each in relation
 * number order (a counting sort by entity). Readers never depend on this order: answers are put
 * in the canonical order (src/model/order.ts).
 */
function slotsOf(n: number, edgeSource: Int32Array, edgeTarget: Int32Array): SlotArrays {
  const m = edgeSource.length;
  const inDegree = new Int32Array(n);
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    inDegree[edgeTarget[e]!]!++;
    offsets[edgeSource[e]! + 1]!++;
    offsets[edgeTarget[e]! + 1]!++;
  }
  for (let v = 0; v < n; v++) offsets[v + 1]! += offsets[v]!;
  const nextIn = offsets.slice(0, n);
  const nextOut = new Int32Array(n);
  for (let v = 0; v < n; v++) nextOut[v] = offsets[v]! + inDegree[v]!;
  const edge = new Int32Array(2 * m);
  const neighbour = new Int32Array(2 * m);
  const outgoing = new Uint8Array(2 * m);
  for (let e = 0; e < m; e++) {
    const s = edgeSource[e]!;
    const t = edgeTarget[e]!;
    let slot = nextOut[s]!++;
    edge[slot] = e;
    neighbour[slot] = t;
    outgoing[slot] = 1;
    slot = nextIn[t]!++;
    edge[slot] = e;
    neighbour[slot] = s;
  }
  return { offsets, neighbour, edge, outgoing, inDegree };
}
