import { MultiDirectedGraph } from 'graphology';
import { countsInOrder, inCanonicalOrder, RELATION_TYPE_IDS, type KnowledgeBase, type Source } from '../../model';
import type {
  EntityAttributes,
  EntityDetail,
  EntityKind,
  GraphAttributes,
  GraphJson,
  KnowledgeGraph,
} from '../../model';
import type { NeighborhoodResult, PathsResult, RelationView, SearchHit } from '../../model';
import type { SourceDetail, SourceSummary, StoreStats } from '../../model';
import { Neo4jRequiredError, UnknownEntityError } from '../../model/errors';
import { relationView } from '../explain';
import type { CypherResult, GraphFilters, GraphStore, GraphStructure, NeighborhoodOptions } from '../port';
import type { PathOptions, SearchOptions, StoreHealth } from '../port';
import { Adjacency } from './adjacency';
import { FilterContext } from '../filters';
import { explainPath, kShortestPaths, pathsAnswer, type PathLookup } from '../paths';
import { NameSearch } from './search';

/**
 * The embedded store: the knowledge base held in a compact index of the directed multigraph
 * (Adjacency), in graphology's order and serialisation. Used when no Neo4j is configured, and as
 * the reference the Neo4j adapter is checked against.
 */
export class MemoryStore implements GraphStore {
  readonly kind = 'memory' as const;
  private readonly sourceList: Source[];
  private readonly sourceById: Map<string, Source>;
  private readonly names: NameSearch;
  private readonly adj: Adjacency;
  /**
   * Each entity and relation in graphology's serialisation, built on first use and frozen: answers
   * share them instead of copying, and the API writes each one's JSON once (src/api/answer-json.ts).
   */
  private elements?: Pick<GraphJson, 'nodes' | 'edges'>;
  private readonly graphAttributes: GraphAttributes;
  /** Relation-type number of each relation (index into RELATION_TYPE_IDS), built on first use. */
  private typeNumbers?: Uint8Array;

  private graphology: KnowledgeGraph | undefined;

  constructor(kb: KnowledgeBase) {
    this.sourceList = kb.sources;
    this.sourceById = new Map(kb.sources.map((s) => [s.id, s]));
    this.graphAttributes = Object.freeze({ sources: kb.sources });
    // Numbered in the canonical order (src/model/order.ts): entity i is the i-th by id, relation e
    // the e-th by key, so walking the arrays in number order answers in that order.
    this.adj = new Adjacency(inCanonicalOrder(kb));
    this.names = new NameSearch(
      this.adj.nodeAttrs.map(({ name, kind, aliases, demonyms }, i) => ({
        id: this.adj.ids[i]!,
        name,
        kind,
        aliases,
        demonyms,
        degree: this.adj.degree(i),
      })),
    );
  }

  /**
   * The same graph as a graphology MultiDirectedGraph, built on first use (seconds and about a
   * gigabyte at a million relations) for callers that want graphology's API: the benchmark's
   * Kùzu loader, and tests holding the store to graph-based reference definitions.
   * The store answers every query without it.
   */
  get kg(): KnowledgeGraph {
    if (this.graphology) return this.graphology;
    const { ids, nodeAttrs, edgeKeys, edgeSource, edgeTarget, edgeAttrs } = this.adj;
    const graph: KnowledgeGraph = new MultiDirectedGraph({ allowSelfLoops: false });
    graph.replaceAttributes({ sources: this.sourceList });
    ids.forEach((id, i) => graph.addNode(id, nodeAttrs[i]!));
    edgeKeys.forEach((key, e) =>
      graph.addDirectedEdgeWithKey(key, ids[edgeSource[e]!]!, ids[edgeTarget[e]!]!, edgeAttrs[e]!),
    );
    return (this.graphology = graph);
  }

  /** The entities' ids in graph order and their attributes, read-only, without building graphology. */
  entities(): { ids: readonly string[]; attributes: readonly EntityAttributes[] } {
    return { ids: this.adj.ids, attributes: this.adj.nodeAttrs };
  }

  private ctx(filters: GraphFilters = {}): FilterContext {
    return new FilterContext(this.sourceList, filters);
  }

  async health(): Promise<StoreHealth> {
    return { ok: true, store: this.kind, entities: this.adj.order, relations: this.adj.size };
  }

  async stats(): Promise<StoreStats> {
    const byKind: Record<string, number> = {};
    const byType: Record<string, number> = {};
    const byStatus: Record<string, number> = {};
    let dated = 0;
    for (const a of this.adj.nodeAttrs) byKind[a.kind] = (byKind[a.kind] ?? 0) + 1;
    for (const a of this.adj.edgeAttrs) {
      byType[a.type] = (byType[a.type] ?? 0) + 1;
      byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
      if (a.since || a.until) dated++;
    }
    const { order, size } = this.adj;
    return {
      entities: order,
      relations: size,
      sources: this.sourceList.length,
      byKind,
      byType,
      byStatus,
      datedShare: size === 0 ? 0 : dated / size,
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
    const edges = Array.from(this.adj.edge.subarray(this.adj.offsets[v]!, this.adj.offsets[v + 1]!)).sort(
      (a, b) => a - b,
    );
    for (const e of edges) {
      const view = this.relationView(e, v);
      (relations[view.type] ??= []).push(view);
    }
    return { id, ...this.adj.nodeAttrs[v]!, degree: this.adj.degree(v), relations };
  }

  /**
   * Breadth-first over passing edges, in both directions: a neighbourhood is about ties, not
   * arrows. Stops taking nodes at the limit but keeps counting what is reachable. Entities are
   * kept in the order they are first seen, so the kept ones are the first `limit` seen.
   */
  async neighborhood(id: string, options: NeighborhoodOptions): Promise<NeighborhoodResult | null> {
    const found = this.reach(id, options);
    if (!found) return null;
    const graph = this.subgraph(found.kept, found.ctx);
    const counts = {
      nodes: graph.nodes.length,
      edges: graph.edges.length,
      byType: found.byType,
      reachable: found.reachable,
    };
    return { graph, truncated: found.truncated, counts };
  }

  /** Breadth-first from `id` under the filters: the entities kept (the first `limit` seen) and what the answer counts. */
  private reach(id: string, options: NeighborhoodOptions) {
    const focus = this.adj.indexOf.get(id);
    if (focus === undefined) return null;
    const ctx = this.ctx(options);
    const { offsets, neighbour, edge, edgeAttrs, nodeAttrs } = this.adj;
    const all = ctx.passesAll;
    const passes = (slot: number) =>
      all || (ctx.edgePasses(edgeAttrs[edge[slot]!]!) && ctx.nodePasses(nodeAttrs[neighbour[slot]!]!));
    const types: string[] = [];
    for (let k = offsets[focus]!; k < offsets[focus + 1]!; k++) if (passes(k)) types.push(edgeAttrs[edge[k]!]!.type);
    const byType = countsInOrder(types);

    const seen = new Uint8Array(this.adj.order);
    seen[focus] = 1;
    const order = [focus];
    let level = 0;
    for (let d = 0; d < options.depth && level < order.length; d++) {
      const levelEnd = order.length;
      for (let f = level; f < levelEnd; f++) {
        const node = order[f]!;
        const firstNew = order.length;
        for (let k = offsets[node]!; k < offsets[node + 1]!; k++) {
          const other = neighbour[k]!;
          if (seen[other] || !passes(k)) continue;
          seen[other] = 1;
          order.push(other);
        }
        // The entities this one reaches first, by id (= by number): see src/model/order.ts.
        if (order.length - firstNew > 1)
          order.splice(firstNew, order.length - firstNew, ...order.slice(firstNew).sort((a, b) => a - b));
      }
      level = levelEnd;
    }
    const truncated = order.length > options.limit;
    return { ctx, kept: truncated ? order.slice(0, options.limit) : order, truncated, byType, reachable: order.length };
  }

  async paths(from: string, to: string, options: PathOptions): Promise<PathsResult> {
    if (!this.adj.indexOf.has(from)) throw new UnknownEntityError(from, 'from');
    if (!this.adj.indexOf.has(to)) throw new UnknownEntityError(to, 'to');
    if (from === to) return { paths: [], reason: 'from and to are the same entity' };
    const ctx = this.ctx(options);
    const raw = kShortestPaths(this.adj.pathGraph(), ctx, from, to, {
      k: options.k,
      maxHops: options.maxHops,
      directed: options.directed,
      weighted: options.weighted ?? false,
    });
    return pathsAnswer(raw, options, (p) => explainPath(p, ctx, this.pathLookup()));
  }

  async graph(filters: GraphFilters = {}): Promise<GraphJson> {
    const ctx = this.ctx(filters);
    const nodes: number[] = [];
    for (let i = 0; i < this.adj.order; i++) if (ctx.passesAll || ctx.nodePasses(this.adj.nodeAttrs[i]!)) nodes.push(i);
    return this.subgraph(nodes, ctx);
  }

  /**
   * The structure of `graph(filters)` (see the port), read straight from the adjacency arrays: the
   * same entities and relations, without copying their evidence, facts and descriptions (a
   * fraction of graph()'s cost on the request thread, and compact to hand to a worker).
   */
  graphStructure(filters: GraphFilters = {}): GraphStructure {
    const ctx = this.ctx(filters);
    const adj = this.adj;
    // Relation-type numbers, computed once: the store never changes.
    const typeOf = (this.typeNumbers ??= Uint8Array.from(adj.edgeAttrs, (a) => RELATION_TYPE_IDS.indexOf(a.type)));
    const number = new Int32Array(adj.order).fill(-1);
    const ids: string[] = [];
    const names: string[] = [];
    const kinds: string[] = [];
    for (let i = 0; i < adj.order; i++) {
      const a = adj.nodeAttrs[i]!;
      if (!ctx.passesAll && !ctx.nodePasses(a)) continue;
      number[i] = ids.length;
      ids.push(adj.ids[i]!);
      names.push(a.name);
      kinds.push(a.kind);
    }
    const m = adj.edgeKeys.length;
    const source = new Int32Array(m);
    const target = new Int32Array(m);
    const type = new Uint8Array(m);
    let kept = 0;
    for (let e = 0; e < m; e++) {
      const s = number[adj.edgeSource[e]!]!;
      const t = number[adj.edgeTarget[e]!]!;
      if (s < 0 || t < 0 || (!ctx.passesAll && !ctx.edgePasses(adj.edgeAttrs[e]!))) continue;
      source[kept] = s;
      target[kept] = t;
      type[kept++] = typeOf[e]!;
    }
    return {
      ids,
      names,
      kinds,
      source: source.slice(0, kept),
      target: target.slice(0, kept),
      type: type.slice(0, kept),
    };
  }

  async sources(): Promise<SourceSummary[]> {
    const counts = this.citationCounts();
    return this.sourceList.map((s) => ({ ...s, citations: counts.get(s.id) ?? 0 }));
  }

  async source(id: string): Promise<SourceDetail | null> {
    const s = this.sourceById.get(id);
    if (!s) return null;
    const { edgeAttrs, edgeSource, nodeAttrs, ids } = this.adj;
    const relations: RelationView[] = [];
    for (let e = 0; e < edgeAttrs.length; e++) {
      if (edgeAttrs[e]!.evidence.some((c) => c.source === id)) relations.push(this.relationView(e, edgeSource[e]!));
    }
    const entities: SourceDetail['entities'] = [];
    for (let i = 0; i < nodeAttrs.length; i++) {
      const a = nodeAttrs[i]!;
      if (a.facts.some((f) => f.source === id) || a.mentions.some((m) => m.source === id))
        entities.push({ id: ids[i]!, name: a.name, kind: a.kind });
    }
    return { ...s, citations: this.citationCounts().get(id) ?? 0, relations, entities };
  }

  async runCypher(): Promise<CypherResult> {
    throw new Neo4jRequiredError();
  }

  /** Nothing to release: the store holds only memory. */
  async close(): Promise<void> {}

  private citationCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    const add = (source: string) => counts.set(source, (counts.get(source) ?? 0) + 1);
    for (const a of this.adj.edgeAttrs) a.evidence.forEach((c) => add(c.source));
    for (const a of this.adj.nodeAttrs) {
      a.facts.forEach((f) => add(f.source));
      a.mentions.forEach((m) => add(m.source));
    }
    return counts;
  }

  /**
   * The induced subgraph on `nodes` (entity numbers, in output order), keeping only edges that
   * pass the filters, in graphology's serialisation (the same shape and order `export()` gives).
   */
  private subgraph(nodes: readonly number[], ctx: FilterContext): GraphJson {
    const { nodes: allNodes, edges: allEdges } = (this.elements ??= this.frozenElements());
    const { knownBy } = ctx.filters;
    return {
      options: { type: 'directed', multi: true, allowSelfLoops: true },
      attributes: this.graphAttributes,
      nodes: nodes.map((n) => allNodes[n]!),
      edges: Array.from(this.subgraphEdges(nodes, ctx), (e) =>
        knownBy ? { ...allEdges[e]!, attributes: ctx.edgeView(this.adj.edgeAttrs[e]!) } : allEdges[e]!,
      ),
    };
  }

  private frozenElements(): Pick<GraphJson, 'nodes' | 'edges'> {
    const { ids, nodeAttrs, edgeKeys, edgeSource, edgeTarget, edgeAttrs } = this.adj;
    return {
      nodes: ids.map((key, n) => Object.freeze({ key, attributes: Object.freeze(nodeAttrs[n]!) })),
      edges: edgeKeys.map((key, e) =>
        Object.freeze({
          key,
          source: ids[edgeSource[e]!]!,
          target: ids[edgeTarget[e]!]!,
          attributes: Object.freeze(edgeAttrs[e]!),
        }),
      ),
    };
  }

  /**
   * The relations of the subgraph induced on `nodes` that pass the filters, in relation order:
   * each found from its source's slots (a hub's few thousand slots are microseconds to read).
   */
  private subgraphEdges(nodes: readonly number[], ctx: FilterContext): Int32Array {
    const { offsets, inDegree, neighbour, edge, edgeAttrs } = this.adj;
    const inSet = new Uint8Array(this.adj.order);
    for (const n of nodes) inSet[n] = 1;
    const found: number[] = [];
    for (const n of nodes) {
      for (let k = offsets[n]! + inDegree[n]!; k < offsets[n + 1]!; k++)
        if (inSet[neighbour[k]!] && (ctx.passesAll || ctx.edgePasses(edgeAttrs[edge[k]!]!))) found.push(edge[k]!);
    }
    return Int32Array.from(found).sort();
  }

  private nameOf(id: string): string {
    const i = this.adj.indexOf.get(id);
    return i === undefined ? id : this.adj.nodeAttrs[i]!.name;
  }

  /** Relation e as seen from entity `seenFrom` (one of its ends). */
  private relationView(e: number, seenFrom: number): RelationView {
    const { ids, nodeAttrs, edgeSource, edgeTarget } = this.adj;
    const from = edgeSource[e]!;
    const to = edgeTarget[e]!;
    const other = from === seenFrom ? to : from;
    const otherAttrs = nodeAttrs[other]!;
    return relationView({
      key: this.adj.edgeKeys[e]!,
      from: ids[from]!,
      to: ids[to]!,
      attributes: this.adj.edgeAttrs[e]!,
      seenFrom: ids[seenFrom]!,
      other: { id: ids[other]!, name: otherAttrs.name, kind: otherAttrs.kind as EntityKind },
      sourceById: this.sourceById,
    });
  }

  private pathLookup(): PathLookup {
    const adj = this.adj;
    return {
      relation: (key) => {
        const e = adj.edgeNumber.get(key)!;
        return {
          key,
          from: adj.ids[adj.edgeSource[e]!]!,
          to: adj.ids[adj.edgeTarget[e]!]!,
          attributes: adj.edgeAttrs[e]!,
        };
      },
      name: (id) => this.nameOf(id),
      sourceById: this.sourceById,
    };
  }
}
