import { setImmediate as nextTurn } from 'node:timers/promises';
import { countsInOrder, inCanonicalOrder, RELATION_TYPE_IDS, type KnowledgeBase, type Source } from '../../model';
import type { EntityAttributes, EntityDetail, GraphAttributes, GraphJson, NeighborhoodResult } from '../../model';
import type { PathsResult, RelationView, SearchHit, SourceDetail, SourceSummary, StoreStats } from '../../model';
import { Neo4jRequiredError, UnknownEntityError } from '../../model/errors';
import { relationView } from '../explain';
import { FilterContext } from '../filters';
import type { CypherResult, GraphFilters, GraphStore, GraphStructure, NeighborhoodOptions } from '../port';
import type { PathOptions, SearchOptions, StoreHealth } from '../port';
import { Adjacency } from './adjacency';
import { explainPath, kShortestPaths, pathsAnswer } from '../paths';
import { NameSearch } from './search';

/** Items read between two turns of the event loop when building the analysis input. */
const SLICE = 10_000;
/** Relation-type number of each type (its index in RELATION_TYPE_IDS). */
const TYPE_NUMBER = new Map<string, number>(RELATION_TYPE_IDS.map((t, i) => [t, i]));

/** The embedded store (when no Neo4j is configured): a compact index answering in graphology's serialisation. */
export class MemoryStore implements GraphStore {
  readonly kind = 'memory' as const;
  private readonly sourceById: Map<string, Source>;
  private readonly names: NameSearch;
  private readonly adj: Adjacency;
  private readonly graphAttributes: GraphAttributes;
  /** Each entity and relation serialised once, frozen: answers share them (src/api/answer-json.ts). */
  private elements?: Pick<GraphJson, 'nodes' | 'edges'>;

  constructor(kb: KnowledgeBase) {
    this.sourceById = new Map(kb.sources.map((s) => [s.id, s]));
    this.graphAttributes = Object.freeze({ sources: kb.sources });
    // Numbered in the canonical order (src/model/order.ts), so walking the arrays answers in it.
    const adj = (this.adj = new Adjacency(inCanonicalOrder(kb)));
    this.names = new NameSearch(adj.nodeAttrs.map((a, i) => ({ ...a, id: adj.ids[i]!, degree: adj.degree(i) })));
  }

  /** The entities' ids in graph order and their attributes, read-only, without building graphology. */
  entities(): { ids: readonly string[]; attributes: readonly EntityAttributes[] } {
    return { ids: this.adj.ids, attributes: this.adj.nodeAttrs };
  }

  async health(): Promise<StoreHealth> {
    return { ok: true, store: this.kind, entities: this.adj.ids.length, relations: this.adj.edgeKeys.length };
  }

  async stats(): Promise<StoreStats> {
    const { nodeAttrs, edgeAttrs } = this.adj;
    const tally = <T>(list: readonly T[], key: (item: T) => string) => {
      const counts: Record<string, number> = {};
      for (const item of list) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
      return counts;
    };
    return {
      entities: nodeAttrs.length,
      relations: edgeAttrs.length,
      sources: this.graphAttributes.sources.length,
      byKind: tally(nodeAttrs, (a) => a.kind),
      byType: tally(edgeAttrs, (a) => a.type),
      byStatus: tally(edgeAttrs, (a) => a.status),
      datedShare: edgeAttrs.length === 0 ? 0 : edgeAttrs.filter((a) => a.since || a.until).length / edgeAttrs.length,
    };
  }

  async search(query: string, options: SearchOptions): Promise<SearchHit[]> {
    return this.names.search(query, options);
  }

  async getEntity(id: string): Promise<EntityDetail | null> {
    const v = this.adj.indexOf.get(id);
    if (v === undefined) return null;
    const relations: Record<string, RelationView[]> = {};
    // By relation number, which is key order (src/model/order.ts), whichever end this entity is.
    for (const e of this.adj.edge.slice(this.adj.offsets[v]!, this.adj.offsets[v + 1]!).sort()) {
      const view = this.relationView(e, v);
      (relations[view.type] ??= []).push(view);
    }
    return { id, ...this.adj.nodeAttrs[v]!, degree: this.adj.degree(v), relations };
  }

  /** Breadth-first both ways (ties, not arrows): keeps the first `limit` entities seen, counts all reachable. */
  async neighborhood(id: string, options: NeighborhoodOptions): Promise<NeighborhoodResult | null> {
    const focus = this.adj.indexOf.get(id);
    if (focus === undefined) return null;
    const ctx = new FilterContext(this.graphAttributes.sources, options);
    const { offsets, neighbour, edge, edgeAttrs, nodeAttrs } = this.adj;
    const passes = (slot: number) =>
      ctx.passesAll || (ctx.edgePasses(edgeAttrs[edge[slot]!]!) && ctx.nodePasses(nodeAttrs[neighbour[slot]!]!));
    const types: string[] = [];
    for (let k = offsets[focus]!; k < offsets[focus + 1]!; k++) if (passes(k)) types.push(edgeAttrs[edge[k]!]!.type);
    const seen = new Uint8Array(nodeAttrs.length);
    seen[focus] = 1;
    const order = [focus];
    for (let d = 0, level = 0; d < options.depth && level < order.length; d++) {
      const levelEnd = order.length;
      for (; level < levelEnd; level++) {
        const node = order[level]!;
        const firstNew = order.length;
        for (let k = offsets[node]!; k < offsets[node + 1]!; k++) {
          const other = neighbour[k]!;
          if (seen[other] || !passes(k)) continue;
          seen[other] = 1;
          order.push(other);
        }
        // The entities this one reaches first, by id (= by number): see src/model/order.ts.
        if (order.length - firstNew > 1) order.push(...order.splice(firstNew).sort((a, b) => a - b));
      }
    }
    const graph = this.subgraph(order.slice(0, options.limit), ctx);
    const counts = { nodes: graph.nodes.length, edges: graph.edges.length, byType: countsInOrder(types) };
    return { graph, truncated: order.length > options.limit, counts: { ...counts, reachable: order.length } };
  }

  async paths(from: string, to: string, options: PathOptions): Promise<PathsResult> {
    if (!this.adj.indexOf.has(from)) throw new UnknownEntityError(from, 'from');
    if (!this.adj.indexOf.has(to)) throw new UnknownEntityError(to, 'to');
    if (from === to) return { paths: [], reason: 'from and to are the same entity' };
    const ctx = new FilterContext(this.graphAttributes.sources, options);
    const { edgeNumber, indexOf, nodeAttrs } = this.adj;
    const lookup = {
      relation: (key: string) => this.relation(edgeNumber.get(key)!),
      name: (id: string) => nodeAttrs[indexOf.get(id) ?? -1]?.name ?? id,
      sourceById: this.sourceById,
    };
    const raw = kShortestPaths(this.adj.pathGraph(), ctx, from, to, options);
    return pathsAnswer(raw, options, (p) => explainPath(p, ctx, lookup));
  }

  async graph(filters: GraphFilters = {}): Promise<GraphJson> {
    const ctx = new FilterContext(this.graphAttributes.sources, filters);
    const { nodeAttrs } = this.adj;
    const nodes = [...nodeAttrs.keys()].filter((i) => ctx.passesAll || ctx.nodePasses(nodeAttrs[i]!));
    return this.subgraph(nodes, ctx);
  }

  /**
   * The structure of `graph(filters)` (see the port), read straight from the adjacency arrays: the
   * same entities and relations, without copying their evidence, facts and descriptions. It runs on
   * the request thread, so it gives the event loop back every SLICE items: at 100k entities and
   * 500k relations the whole read took about 90 ms, enough to delay other answers past 100 ms.
   */
  async graphStructure(filters: GraphFilters = {}): Promise<GraphStructure> {
    const ctx = new FilterContext(this.graphAttributes.sources, filters);
    const { ids: allIds, nodeAttrs, edgeAttrs, edgeSource, edgeTarget } = this.adj;
    const number = new Int32Array(nodeAttrs.length).fill(-1);
    const [ids, names, kinds]: [string[], string[], string[]] = [[], [], []];
    for (let i = 0; i < nodeAttrs.length; i++) {
      if (i % SLICE === SLICE - 1) await nextTurn();
      if (!ctx.passesAll && !ctx.nodePasses(nodeAttrs[i]!)) continue;
      number[i] = ids.push(allIds[i]!) - 1;
      names.push(nodeAttrs[i]!.name);
      kinds.push(nodeAttrs[i]!.kind);
    }
    // Typed arrays filled in a plain loop: mapping callbacks over 500k relations doubled the time.
    const source = new Int32Array(edgeAttrs.length);
    const target = new Int32Array(edgeAttrs.length);
    const type = new Uint8Array(edgeAttrs.length);
    let m = 0;
    for (let e = 0; e < edgeAttrs.length; e++) {
      if (e % SLICE === SLICE - 1) await nextTurn();
      const s = number[edgeSource[e]!]!;
      const t = number[edgeTarget[e]!]!;
      if (s < 0 || t < 0 || !(ctx.passesAll || ctx.edgePasses(edgeAttrs[e]!))) continue;
      source[m] = s;
      target[m] = t;
      type[m++] = TYPE_NUMBER.get(edgeAttrs[e]!.type)!;
    }
    return { ids, names, kinds, source: source.slice(0, m), target: target.slice(0, m), type: type.slice(0, m) };
  }

  async sources(): Promise<SourceSummary[]> {
    const counts = this.citationCounts();
    return this.graphAttributes.sources.map((s) => ({ ...s, citations: counts.get(s.id) ?? 0 }));
  }

  async source(id: string): Promise<SourceDetail | null> {
    const s = this.sourceById.get(id);
    if (!s) return null;
    const { edgeAttrs, edgeSource, nodeAttrs, ids } = this.adj;
    const cites = (c: { source: string }) => c.source === id;
    const relations = edgeAttrs.flatMap((a, e) =>
      a.evidence.some(cites) ? [this.relationView(e, edgeSource[e]!)] : [],
    );
    const entities = nodeAttrs.flatMap(({ name, kind, facts, mentions }, i) =>
      facts.some(cites) || mentions.some(cites) ? [{ id: ids[i]!, name, kind }] : [],
    );
    return { ...s, citations: this.citationCounts().get(id) ?? 0, relations, entities };
  }

  async runCypher(): Promise<CypherResult> {
    throw new Neo4jRequiredError();
  }

  async close(): Promise<void> {}

  private citationCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    const add = ({ source }: { source: string }) => counts.set(source, (counts.get(source) ?? 0) + 1);
    for (const a of this.adj.edgeAttrs) a.evidence.forEach(add);
    for (const a of this.adj.nodeAttrs) [...a.facts, ...a.mentions].forEach(add);
    return counts;
  }

  /** The subgraph `nodes` (in output order) induce with the passing relations, as graphology's `export()`. */
  private subgraph(nodes: readonly number[], ctx: FilterContext): GraphJson {
    const { nodes: allNodes, edges: allEdges } = (this.elements ??= this.frozenElements());
    const { offsets, inDegree, neighbour, edge, edgeAttrs } = this.adj;
    const inSet = new Uint8Array(this.adj.ids.length);
    for (const n of nodes) inSet[n] = 1;
    const found: number[] = [];
    for (const n of nodes)
      for (let k = offsets[n]! + inDegree[n]!; k < offsets[n + 1]!; k++)
        if (inSet[neighbour[k]!] && (ctx.passesAll || ctx.edgePasses(edgeAttrs[edge[k]!]!))) found.push(edge[k]!);
    const { knownBy } = ctx.filters;
    return {
      options: { type: 'directed', multi: true, allowSelfLoops: true },
      attributes: this.graphAttributes,
      nodes: nodes.map((n) => allNodes[n]!),
      edges: Array.from(Int32Array.from(found).sort(), (e) =>
        knownBy ? { ...allEdges[e]!, attributes: ctx.edgeView(edgeAttrs[e]!) } : allEdges[e]!,
      ),
    };
  }

  private frozenElements(): Pick<GraphJson, 'nodes' | 'edges'> {
    const { ids, nodeAttrs, edgeKeys, edgeSource, edgeTarget, edgeAttrs } = this.adj;
    return {
      nodes: ids.map((key, n) => Object.freeze({ key, attributes: Object.freeze(nodeAttrs[n]!) })),
      edges: edgeKeys.map((key, e) => {
        const [source, target] = [ids[edgeSource[e]!]!, ids[edgeTarget[e]!]!];
        return Object.freeze({ key, source, target, attributes: Object.freeze(edgeAttrs[e]!) });
      }),
    };
  }

  private relation(e: number) {
    const { ids, edgeKeys, edgeSource, edgeTarget, edgeAttrs } = this.adj;
    return { key: edgeKeys[e]!, from: ids[edgeSource[e]!]!, to: ids[edgeTarget[e]!]!, attributes: edgeAttrs[e]! };
  }

  /** Relation e as seen from entity `seenFrom` (one of its ends). */
  private relationView(e: number, seenFrom: number): RelationView {
    const { ids, nodeAttrs, edgeSource, edgeTarget } = this.adj;
    const other = edgeSource[e] === seenFrom ? edgeTarget[e]! : edgeSource[e]!;
    const { name, kind } = nodeAttrs[other]!;
    const ends = { seenFrom: ids[seenFrom]!, other: { id: ids[other]!, name, kind }, sourceById: this.sourceById };
    return relationView({ ...this.relation(e), ...ends });
  }
}
