import type { EntityAttributes, KnowledgeGraph, RelationAttributes } from '../../seed/build-graph';

/**
 * A compact, read-only index of the graph's topology for the hot traversals: entities and
 * relations numbered, each entity's relations in one slice of typed arrays (compressed sparse
 * rows). A traversal then reads integers instead of walking graphology's per-node objects, and
 * marks what it visited in arrays stamped per call instead of allocating sets.
 *
 * Each entity's slice lists its relations in the order graphology's `forEachEdge(node)` visits
 * them (incoming, then outgoing), and relation numbers follow the graph's insertion order, so
 * results built from this index come out in exactly the order the graph itself would give.
 */
export class Adjacency {
  readonly ids: string[];
  readonly indexOf: Map<string, number>;
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

  /** One integer per entity for a traversal's own use (e.g. parent links), valid for marked entities only. */
  readonly scratch: Int32Array;
  private readonly stamps: Int32Array;
  private generation = 0;

  constructor(graph: KnowledgeGraph) {
    const n = graph.order;
    const m = graph.size;
    this.ids = new Array<string>(n);
    this.nodeAttrs = new Array<EntityAttributes>(n);
    this.indexOf = new Map();
    let i = 0;
    graph.forEachNode((id, attrs) => {
      this.ids[i] = id;
      this.nodeAttrs[i] = attrs;
      this.indexOf.set(id, i++);
    });

    this.edgeKeys = new Array<string>(m);
    this.edgeAttrs = new Array<RelationAttributes>(m);
    this.edgeSource = new Int32Array(m);
    this.edgeTarget = new Int32Array(m);
    const degree = new Int32Array(n);
    // Keyed by the attributes object (identity hashing) rather than the edge key string.
    const edgeIndex = new Map<RelationAttributes, number>();
    let e = 0;
    graph.forEachEdge((key, attrs, source, target) => {
      const s = this.indexOf.get(source)!;
      const t = this.indexOf.get(target)!;
      this.edgeKeys[e] = key;
      this.edgeAttrs[e] = attrs;
      this.edgeSource[e] = s;
      this.edgeTarget[e] = t;
      degree[s]!++;
      degree[t]!++;
      edgeIndex.set(attrs, e++);
    });

    this.offsets = new Int32Array(n + 1);
    for (let v = 0; v < n; v++) this.offsets[v + 1] = this.offsets[v]! + degree[v]!;
    this.neighbour = new Int32Array(2 * m);
    this.edge = new Int32Array(2 * m);
    this.outgoing = new Uint8Array(2 * m);
    for (let v = 0; v < n; v++) {
      let slot = this.offsets[v]!;
      graph.forEachEdge(this.ids[v]!, (_key, attrs) => {
        const k = edgeIndex.get(attrs)!;
        const out = this.edgeSource[k] === v;
        this.edge[slot] = k;
        this.neighbour[slot] = out ? this.edgeTarget[k]! : this.edgeSource[k]!;
        this.outgoing[slot] = out ? 1 : 0;
        slot++;
      });
    }
    this.stamps = new Int32Array(n);
    this.scratch = new Int32Array(n);
  }

  get order(): number {
    return this.ids.length;
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
