import { MultiDirectedGraph } from 'graphology';
import type { Record as Neo4jRecord } from 'neo4j-driver';
import {
  countsInOrder,
  entityAttributes,
  relationAttributes,
  type Entity,
  type EntityAttributes,
  type EntityDetail,
  type EntityKind,
  type GraphAttributes,
  type GraphJson,
  type LoadedRelation,
  type NeighborhoodResult,
  type PathsResult,
  type RelationAttributes,
  type RelationView,
  type SearchHit,
  type Source,
  type SourceDetail,
  type SourceSummary,
  type StoreStats,
} from '../../model';
import { rankCandidates } from '../../model/search-ranking';
import { relationView } from '../explain';
import { FilterContext } from '../filters';
import { explainPath, kShortestPaths, pathGraphOfLists, pathsAnswer } from '../paths';
import {
  type CypherOptions,
  type CypherResult,
  type GraphFilters,
  type GraphStore,
  type NeighborhoodOptions,
  type PathOptions,
  type SearchOptions,
  type StoreHealth,
} from '../port';
import { UnknownEntityError } from '../../model/errors';
import { query, type QueryName } from './cypher-files';
import { refuseUnlessReadOnly, runInReadTransaction } from './cypher-runner';
import { allFilterParams, relationFilterParams } from './filter-params';
import { entityFromProps, relationRecord, sourceFromProps, type RelationRecord } from './mapping';
import { runStatement, Sessions } from './sessions';
import { searchCandidatesQuery } from './search';
import { toPlain } from './values';

/** The most steps cypher/fragments/walk.cypher takes: the API's largest depth (3) and maxHops (6). */
export const WALK_MAX_DEPTH = 6;

const num = (v: unknown): number => Number(toPlain(v) ?? 0);
const entities = (list: unknown[]) => new Map(list.map((n) => entityFromProps(n)).map((e) => [e.id, e]));
const relations = (list: unknown[]) => list.map((x) => relationRecord(x).relation);
const sourceList = (record: Neo4jRecord): Source[] => (record.get('sources') as unknown[]).map(sourceFromProps);
const sourceMap = (record: Neo4jRecord) => new Map(sourceList(record).map((s) => [s.id, s]));

function walkDepth(depth: number): number {
  if (depth > WALK_MAX_DEPTH)
    throw new RangeError(`the Neo4j store walks at most ${WALK_MAX_DEPTH} hops, not ${depth}`);
  return depth;
}

/**
 * The GraphStore port over Neo4j: every statement is a named file under cypher/queries, and the
 * answers are shaped as the embedded store shapes them (its filter and explanation code reused), in
 * the one canonical order (src/model/order.ts). A neighbourhood is one breadth-first walk, a layer
 * per step (cypher/fragments/walk.cypher), so the cap, `truncated` and `reachable` match exactly.
 * Search ranks full-text candidates by the shared definition (src/model/search-ranking.ts). Paths
 * run the shared k shortest paths search (src/store/paths.ts) on the candidate subgraph (entities
 * within maxHops of both ends): Cypher's SHORTEST counts paths, not claims, and cannot apply the
 * as-of and knownBy rules hop by hop.
 */
export class Neo4jStore implements GraphStore {
  readonly kind = 'neo4j' as const;

  constructor(
    private readonly sessions: Sessions,
    private readonly onClose: () => Promise<void> = async () => {},
  ) {}

  private run(name: QueryName, params: Record<string, unknown> = {}): Promise<Neo4jRecord[]> {
    return this.sessions.read((tx) => runStatement(tx, query(name), params));
  }

  async health(): Promise<StoreHealth> {
    try {
      const [record] = await this.run('health');
      const [entities, relations] = [num(record!.get('entities')), num(record!.get('relations'))];
      return { ok: true, store: this.kind, entities, relations };
    } catch (err) {
      return { ok: false, store: this.kind, entities: 0, relations: 0, message: (err as Error).message };
    }
  }

  async stats(): Promise<StoreStats> {
    const [record] = await this.run('stats');
    type Group = { kind: string; type: string; status: string; dated: boolean; count: number };
    const [kinds, groups] = ['byKind', 'byGroup'].map((k) => toPlain(record!.get(k)) as Group[]);
    const total = (list: Group[]) => list.reduce((sum, g) => sum + g.count, 0);
    const tally = (list: Group[], key: 'kind' | 'type' | 'status') => {
      const counts: Record<string, number> = {};
      for (const g of list) counts[g[key]] = (counts[g[key]] ?? 0) + g.count;
      return counts;
    };
    const relations = total(groups!);
    return {
      entities: total(kinds!),
      relations,
      sources: num(record!.get('sources')),
      byKind: tally(kinds!, 'kind'),
      byType: tally(groups!, 'type'),
      byStatus: tally(groups!, 'status'),
      datedShare: relations === 0 ? 0 : total(groups!.filter((g) => g.dated)) / relations,
    };
  }

  async search(text: string, options: SearchOptions): Promise<SearchHit[]> {
    const lucene = searchCandidatesQuery(text);
    if (lucene === null) return [];
    const records = await this.run('search', { lucene, kind: options.kind ?? null });
    const candidates = records.map((r) => ({
      id: r.get('id') as string,
      name: r.get('name') as string,
      kind: r.get('kind') as EntityKind,
      aliases: (r.get('aliases') as string[] | null) ?? [],
      demonyms: (r.get('demonyms') as string[] | null) ?? [],
      degree: num(r.get('degree')),
    }));
    return rankCandidates(text, candidates, options);
  }

  async getEntity(id: string): Promise<EntityDetail | null> {
    const [record] = await this.run('entity', { id });
    if (!record) return null;
    const sourceById = sourceMap(record);
    const rows = (record.get('relations') as unknown[]).map(relationRecord);
    const byType: Record<string, RelationView[]> = {};
    for (const row of rows) {
      const view = viewOf(row, id, sourceById);
      (byType[view.type] ??= []).push(view);
    }
    return { id, ...entityAttributes(entityFromProps(record.get('entity'))), degree: rows.length, relations: byType };
  }

  async neighborhood(id: string, options: NeighborhoodOptions): Promise<NeighborhoodResult | null> {
    const params = { id, limit: options.limit, depth: walkDepth(options.depth), ...allFilterParams(options) };
    const [record] = await this.run('neighborhood', params);
    if (!record) return null;
    const kept = entities(record.get('nodes'));
    const graph = toGraphJson(kept, relations(record.get('edges')), sourceList(record), options);
    const reachable = num(record.get('reachable'));
    const byType = countsInOrder(record.get('types') as string[]);
    const counts = { nodes: graph.nodes.length, edges: graph.edges.length, byType, reachable };
    return { graph, truncated: reachable > kept.size, counts };
  }

  async paths(from: string, to: string, options: PathOptions): Promise<PathsResult> {
    return this.sessions.read(async (tx) => {
      const filters = allFilterParams(options);
      const depth = walkDepth(options.maxHops);
      const walks = await runStatement(tx, query('walk'), { ends: [from, to], depth, ...filters });
      // Each end's distance to the entities its walk reached; undefined for an end that does not exist.
      const distances = (end: string) => {
        const walk = walks.find((w) => (w.get('entity') as { id: string }).id === end);
        const layers = walk?.get('layers') as string[][] | undefined;
        return layers && new Map([[end, 0], ...layers.flatMap((layer, i) => layer.map((n) => [n, i + 1] as const))]);
      };
      const [fromDist, toDist] = [distances(from), distances(to)];
      if (!fromDist) throw new UnknownEntityError(from, 'from');
      if (!toDist) throw new UnknownEntityError(to, 'to');
      if (from === to) return { paths: [], reason: 'from and to are the same entity' };
      // An entity lies on a path of at most maxHops only if its distances to both ends add up to at most maxHops.
      const ids = [...fromDist].filter(([n, d]) => d + (toDist.get(n) ?? Infinity) <= options.maxHops).map(([n]) => n);
      const subgraph = { ids: ids.length > 0 ? ids : [from, to], ...relationFilterParams(options) };
      const [record] = await runStatement(tx, query('subgraph'), subgraph);
      const known = entities([...record!.get('nodes'), ...record!.get('asserters')]);
      const sourceById = sourceMap(record!);
      const ctx = new FilterContext([...sourceById.values()], options);
      const byKey = new Map(
        relations(record!.get('edges')).map((r) => [r.key, { ...r, attributes: relationAttributes(r) }]),
      );
      const attributes = new Map([...known].map(([eid, e]) => [eid, entityAttributes(e)]));
      const raw = kShortestPaths(pathGraphOfLists(attributes, [...byKey.values()]), ctx, from, to, options);
      const lookup = {
        relation: (key: string) => byKey.get(key)!,
        name: (eid: string) => known.get(eid)?.name ?? eid,
        sourceById,
      };
      return pathsAnswer(raw, options, (p) => explainPath(p, ctx, lookup));
    });
  }

  async graph(filters: GraphFilters = {}): Promise<GraphJson> {
    const [record] = await this.run('graph', allFilterParams(filters));
    return toGraphJson(entities(record!.get('nodes')), relations(record!.get('edges')), sourceList(record!), filters);
  }

  async sources(): Promise<SourceSummary[]> {
    const records = await this.run('sources');
    return records.map((r) => ({ ...sourceFromProps(r.get('source')), citations: num(r.get('citations')) }));
  }

  async source(id: string): Promise<SourceDetail | null> {
    const [record] = await this.run('source', { id });
    if (!record) return null;
    const sourceById = sourceMap(record);
    const rows = (record.get('relations') as unknown[]).map(relationRecord);
    type Supported = { id: string; name: string; kind: EntityKind; citations: number };
    const supported = toPlain(record.get('entities')) as Supported[];
    const citations =
      rows.reduce((t, r) => t + r.relation.evidence.filter((c) => c.source === id).length, 0) +
      supported.reduce((t, e) => t + e.citations, 0);
    return {
      ...sourceFromProps(record.get('source')),
      citations,
      relations: rows.map((r) => viewOf(r, r.relation.from, sourceById)),
      entities: supported.map(({ id: eid, name, kind }) => ({ id: eid, name, kind })),
    };
  }

  async runCypher(text: string, params: Record<string, unknown>, options: CypherOptions): Promise<CypherResult> {
    return runInReadTransaction(this.sessions, text, params, options, (tx) => refuseUnlessReadOnly(tx, text, params));
  }

  async close(): Promise<void> {
    await this.onClose();
  }
}

function viewOf({ relation: r, other }: RelationRecord, seenFrom: string, sourceById: ReadonlyMap<string, Source>) {
  const otherId = r.from === seenFrom ? r.to : r.from;
  other ??= { id: otherId, name: otherId, kind: 'Event' };
  return relationView({ ...r, attributes: relationAttributes(r), seenFrom, other, sourceById });
}

/** The graphology serialisation of entities (in map order) and the relations among them. */
function toGraphJson(
  nodes: ReadonlyMap<string, Entity>,
  edges: readonly LoadedRelation[],
  sources: Source[],
  filters: GraphFilters,
): GraphJson {
  const ctx = new FilterContext(sources, filters);
  const out = new MultiDirectedGraph<EntityAttributes, RelationAttributes, GraphAttributes>();
  out.replaceAttributes({ sources });
  for (const [id, e] of nodes) out.addNode(id, entityAttributes(e));
  for (const r of edges) {
    if (out.hasNode(r.from) && out.hasNode(r.to))
      out.addDirectedEdgeWithKey(r.key, r.from, r.to, ctx.edgeView(relationAttributes(r)));
  }
  return out.export() as GraphJson;
}
