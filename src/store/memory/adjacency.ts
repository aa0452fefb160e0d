import { entityAttributes, relationAttributes, type EntityAttributes, type RelationAttributes } from '../../model';
import type { KnowledgeBase } from '../../model';
import type { PathGraph } from '../paths';

/**
 * The embedded store's graph: entities and relations numbered in the knowledge base's order, their
 * attributes in arrays, and each entity's relations (in, then out) in one slice of typed arrays
 * (compressed sparse rows). At 100k entities / 500k relations a depth-2 neighbourhood on
 * graphology took 1.75 ms at p50 against 0.54, in 341 MB of heap against 226 MB.
 */
export class Adjacency {
  readonly ids: string[] = [];
  readonly indexOf = new Map<string, number>();
  readonly nodeAttrs: EntityAttributes[] = [];
  readonly edgeKeys: string[] = [];
  readonly edgeNumber = new Map<string, number>();
  readonly edgeAttrs: RelationAttributes[] = [];
  readonly edgeSource: Int32Array;
  readonly edgeTarget: Int32Array;
  /** Entity i's slots are offsets[i] .. offsets[i + 1]: the first inDegree[i] lead in, the rest out. */
  readonly offsets: Int32Array;
  readonly inDegree: Int32Array;
  /** Per slot: the relation and the entity at its other end. */
  readonly edge: Int32Array;
  readonly neighbour: Int32Array;

  /** Refuses, naming it, what graphology would refuse: repeated ids or keys, unknown ends, self-loops. */
  constructor(kb: KnowledgeBase) {
    for (const e of kb.entities) {
      if (this.indexOf.has(e.id)) throw new Error(`entity "${e.id}" is listed twice`);
      this.indexOf.set(e.id, this.ids.push(e.id) - 1);
      this.nodeAttrs.push(entityAttributes(e));
    }
    const n = this.ids.length;
    const m = kb.relations.length;
    this.edgeSource = new Int32Array(m);
    this.edgeTarget = new Int32Array(m);
    this.inDegree = new Int32Array(n);
    this.offsets = new Int32Array(n + 1);
    kb.relations.forEach((r, e) => {
      const s = this.indexOf.get(r.from);
      const t = this.indexOf.get(r.to);
      if (s === undefined || t === undefined)
        throw new Error(`relation "${r.key}" refers to unknown entity "${s === undefined ? r.from : r.to}"`);
      if (s === t) throw new Error(`relation "${r.key}" joins "${r.from}" to itself`);
      if (this.edgeNumber.has(r.key)) throw new Error(`relation key "${r.key}" is used twice`);
      this.edgeNumber.set(r.key, this.edgeKeys.push(r.key) - 1);
      this.edgeAttrs.push(relationAttributes(r));
      this.edgeSource[e] = s;
      this.edgeTarget[e] = t;
      this.inDegree[t]!++;
      this.offsets[s + 1]!++;
      this.offsets[t + 1]!++;
    });
    for (let v = 0; v < n; v++) this.offsets[v + 1]! += this.offsets[v]!;
    // A counting sort of the relations by entity, in relation order within each part.
    const nextIn = this.offsets.slice(0, n);
    const nextOut = nextIn.map((start, v) => start + this.inDegree[v]!);
    this.edge = new Int32Array(2 * m);
    this.neighbour = new Int32Array(2 * m);
    for (let e = 0; e < m; e++) {
      const [s, t] = [this.edgeSource[e]!, this.edgeTarget[e]!];
      this.edge[nextOut[s]!] = this.edge[nextIn[t]!] = e;
      this.neighbour[nextOut[s]!++] = t;
      this.neighbour[nextIn[t]!++] = s;
    }
  }

  degree(i: number): number {
    return this.offsets[i + 1]! - this.offsets[i]!;
  }

  /** The graph as the path searches read it (src/store/paths.ts): an entity's slots, in then out. */
  pathGraph(): PathGraph {
    const { offsets, inDegree, edge, neighbour, edgeKeys, edgeAttrs, ids, nodeAttrs, indexOf } = this;
    return {
      getNodeAttributes: (id) => nodeAttrs[indexOf.get(id)!]!,
      forEachEdge: (id, visit) => {
        const v = indexOf.get(id)!;
        const split = offsets[v]! + inDegree[v]!;
        for (let k = offsets[v]!; k < offsets[v + 1]!; k++) {
          const s = k < split ? neighbour[k]! : v;
          const t = k < split ? v : neighbour[k]!;
          visit(edgeKeys[edge[k]!]!, edgeAttrs[edge[k]!]!, ids[s]!, ids[t]!, nodeAttrs[s]!, nodeAttrs[t]!, false);
        }
      },
    };
  }
}
