import type { ManagedTransaction } from 'neo4j-driver';
import { MultiDirectedGraph } from 'graphology';
import { countsInOrder, type Entity, type EntityKind, type LoadedRelation, type Source } from '../../model';
import { entityAttributes, type EntityAttributes, type GraphAttributes, type RelationAttributes } from '../../model';
import { relationView as sharedRelationView } from '../explain';
import { FilterContext } from '../filters';
import { explainPath, kShortestPaths, pathGraphOfLists, pathsAnswer } from '../paths';
import {
  UnknownEntityError,
  type CypherOptions,
  type CypherResult,
  type GraphFilters,
  type GraphStore,
  type NeighborhoodOptions,
  type PathOptions,
  type SearchOptions,
  type StoreHealth,
} from '../port';
import {
  type EntityDetail,
  type GraphJson,
  type NeighborhoodResult,
  type PathsResult,
  type RelationView,
  type SearchHit,
  type SourceDetail,
  type SourceSummary,
  type StoreStats,
} from '../../model';
import { query } from './cypher-files';
import { searchCandidatesQuery } from './search';
import { rankCandidates } from '../../model/search-ranking';
import { runUserCypher } from './cypher-runner';
import { allFilterParams, relationFilterParams } from './filter-params';
import { entityFromProps, relationAttributesOf, relationRecord, sourceFromProps, type RelationRecord } from './mapping';
import { runStatement, Sessions } from './sessions';
import { toPlain } from './values';

const num = (v: unknown): number => {
  const plain = toPlain(v);
  return typeof plain === 'number' ? plain : Number(plain ?? 0);
};

/**
 * The GraphStore port over Neo4j. Every statement is a named file under cypher/queries; the
 * store only passes parameters (whole numbers as Integers) and shapes the answers like the
 * embedded store does, reusing its filter and explanation code where the rules are the same.
 *
 * Answers follow the one canonical order (src/model/order.ts). Neighbourhoods walk breadth-first
 * one layer per query (expand-layer.cypher), so the cap, `truncated` and `reachable` follow the
 * embedded store exactly. Search takes its candidates from the full-text index and ranks them by
 * the shared definition (src/model/search-ranking.ts). Paths fetch the candidate subgraph
 * (entities within maxHops of both ends, by a layered walk from each) and run the shared k
 * shortest paths search (src/store/paths.ts) on just that: the same loopless paths with parallel
 * claims kept apart, which Cypher's SHORTEST cannot give (it counts paths, not claims, and cannot
 * apply the as-of and knownBy rules hop by hop without the same predicates in a quantified pattern).
 */
export class Neo4jStore implements GraphStore {
  readonly kind = 'neo4j' as const;

  constructor(
    private readonly sessions: Sessions,
    private readonly onClose: () => Promise<void> = async () => {},
  ) {}

  async health(): Promise<StoreHealth> {
    try {
      const [record] = await this.sessions.read((tx) => runStatement(tx, query('health')));
      return {
        ok: true,
        store: this.kind,
        entities: num(record?.get('entities')),
        relations: num(record?.get('relations')),
      };
    } catch (err) {
      return { ok: false, store: this.kind, entities: 0, relations: 0, message: (err as Error).message };
    }
  }

  async stats(): Promise<StoreStats> {
    const [record] = await this.sessions.read((tx) => runStatement(tx, query('stats')));
    const byKind: Record<string, number> = {};
    const byType: Record<string, number> = {};
    const byStatus: Record<string, number> = {};
    let relations = 0;
    let dated = 0;
    for (const g of (toPlain(record?.get('byKind')) ?? []) as { kind: string; count: number }[])
      byKind[g.kind] = g.count;
    for (const g of (toPlain(record?.get('byGroup')) ?? []) as {
      type: string;
      status: string;
      dated: boolean;
      count: number;
    }[]) {
      byType[g.type] = (byType[g.type] ?? 0) + g.count;
      byStatus[g.status] = (byStatus[g.status] ?? 0) + g.count;
      relations += g.count;
      if (g.dated) dated += g.count;
    }
    return {
      entities: Object.values(byKind).reduce((a, b) => a + b, 0),
      relations,
      sources: num(record?.get('sources')),
      byKind,
      byType,
      byStatus,
      datedShare: relations === 0 ? 0 : dated / relations,
    };
  }

  async search(text: string, options: SearchOptions): Promise<SearchHit[]> {
    const lucene = searchCandidatesQuery(text);
    if (lucene === null) return [];
    const records = await this.sessions.read((tx) =>
      runStatement(tx, query('search'), { lucene, kind: options.kind ?? null }),
    );
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
    return this.sessions.read(async (tx) => {
      const [record] = await runStatement(tx, query('entity'), { id });
      if (!record) return null;
      const sourceById = await this.sourceMap(tx);
      const entity = entityFromProps(record.get('entity'));
      const rows = (record.get('relations') as unknown[]).map(relationRecord);
      const relations: Record<string, RelationView[]> = {};
      for (const row of rows) {
        const view = relationView(row, id, sourceById);
        (relations[view.type] ??= []).push(view);
      }
      return { id, ...entityAttributes(entity), degree: rows.length, relations };
    });
  }

  async neighborhood(id: string, options: NeighborhoodOptions): Promise<NeighborhoodResult | null> {
    return this.sessions.read(async (tx) => {
      const [focus] = await runStatement(tx, query('neighborhood-focus'), { id, ...allFilterParams(options) });
      if (!focus) return null;
      const byType = countsInOrder(focus.get('types') as string[]);

      const kept: string[] = [id];
      const seen = new Set([id]);
      let frontier = [id];
      let truncated = false;
      for (let d = 0; d < options.depth && frontier.length > 0; d++) {
        const next = await this.expandLayer(tx, frontier, seen, options);
        for (const other of next) {
          seen.add(other);
          if (kept.length < options.limit) kept.push(other);
          else truncated = true;
        }
        frontier = next;
      }
      const sources = await this.sourceList(tx);
      const { entities, relations } = await this.subgraph(tx, kept, options);
      const graph = toGraphJson(kept, entities, relations, sources, options);
      return {
        graph,
        truncated,
        counts: { nodes: graph.nodes.length, edges: graph.edges.length, byType, reachable: seen.size },
      };
    });
  }

  async paths(from: string, to: string, options: PathOptions): Promise<PathsResult> {
    return this.sessions.read(async (tx) => {
      const ends = await this.entitiesById(tx, [from, to]);
      if (!ends.has(from)) throw new UnknownEntityError(from, 'from');
      if (!ends.has(to)) throw new UnknownEntityError(to, 'to');
      if (from === to) return { paths: [], reason: 'from and to are the same entity' };

      // An entity lies on a path of at most maxHops only if its distances to both ends add up to
      // at most maxHops; walking from both ends finds exactly those candidates.
      const fromDist = await this.distances(tx, from, options.maxHops, options);
      const toDist = await this.distances(tx, to, options.maxHops, options);
      const candidates = [...fromDist.keys()].filter((n) => {
        const t = toDist.get(n);
        return t !== undefined && fromDist.get(n)! + t <= options.maxHops;
      });
      const { entities, relations } = await this.subgraph(tx, candidates.length > 0 ? candidates : [from, to], options);
      const asserters = [...new Set(relations.flatMap((r) => r.assertedBy))].filter((a) => !entities.has(a));
      for (const [aid, e] of await this.entitiesById(tx, asserters)) entities.set(aid, e);
      for (const [eid, e] of ends) entities.set(eid, e);
      const sourceById = await this.sourceMap(tx);
      const ctx = new FilterContext([...sourceById.values()], options);
      const byKey = new Map(
        relations.map((r) => [r.key, { key: r.key, from: r.from, to: r.to, attributes: relationAttributesOf(r) }]),
      );
      const graph = pathGraphOfLists(new Map([...entities].map(([eid, e]) => [eid, entityAttributes(e)])), [
        ...byKey.values(),
      ]);
      const raw = kShortestPaths(graph, ctx, from, to, {
        k: options.k,
        maxHops: options.maxHops,
        directed: options.directed,
        weighted: options.weighted ?? false,
      });
      const lookup = {
        relation: (key: string) => byKey.get(key)!,
        name: (eid: string) => entities.get(eid)?.name ?? eid,
        sourceById,
      };
      return pathsAnswer(raw, options, (p) => explainPath(p, ctx, lookup));
    });
  }

  async graph(filters: GraphFilters = {}): Promise<GraphJson> {
    return this.sessions.read(async (tx) => {
      const [record] = await runStatement(tx, query('graph'), allFilterParams(filters));
      const entities = new Map<string, Entity>();
      for (const n of (record?.get('nodes') ?? []) as unknown[]) {
        const e = entityFromProps(n);
        entities.set(e.id, e);
      }
      const relations = ((record?.get('edges') ?? []) as unknown[]).map((x) => relationRecord(x).relation);
      return toGraphJson([...entities.keys()], entities, relations, await this.sourceList(tx), filters);
    });
  }

  async sources(): Promise<SourceSummary[]> {
    const records = await this.sessions.read((tx) => runStatement(tx, query('sources')));
    return records.map((r) => ({ ...sourceFromProps(r.get('source')), citations: num(r.get('citations')) }));
  }

  async source(id: string): Promise<SourceDetail | null> {
    return this.sessions.read(async (tx) => {
      const [record] = await runStatement(tx, query('source'), { id });
      if (!record) return null;
      const source = sourceFromProps(record.get('source'));
      const sourceById = await this.sourceMap(tx);
      const rows = (record.get('relations') as unknown[]).map(relationRecord);
      const entities =
        (toPlain(record.get('entities')) as { id: string; name: string; kind: EntityKind; citations: number }[]) ?? [];
      const citations =
        rows.reduce((t, r) => t + r.relation.evidence.filter((c) => c.source === id).length, 0) +
        entities.reduce((t, e) => t + e.citations, 0);
      return {
        ...source,
        citations,
        relations: rows.map((r) => relationView(r, r.relation.from, sourceById)),
        entities: entities.map(({ id: eid, name, kind }) => ({ id: eid, name, kind })),
      };
    });
  }

  async runCypher(text: string, params: Record<string, unknown>, options: CypherOptions): Promise<CypherResult> {
    return runUserCypher(this.sessions, text, params, options);
  }

  async close(): Promise<void> {
    await this.onClose();
  }

  private async expandLayer(
    tx: ManagedTransaction,
    frontier: string[],
    seen: ReadonlySet<string>,
    filters: GraphFilters,
  ): Promise<string[]> {
    const records = await runStatement(tx, query('expand-layer'), {
      frontier,
      seen: [...seen],
      ...allFilterParams(filters),
    });
    return records.map((r) => r.get('id') as string);
  }

  /** Hop distances from `start` over passing relations and entities, up to `maxDepth`. */
  private async distances(
    tx: ManagedTransaction,
    start: string,
    maxDepth: number,
    filters: GraphFilters,
  ): Promise<Map<string, number>> {
    const dist = new Map([[start, 0]]);
    let frontier = [start];
    for (let d = 1; d <= maxDepth && frontier.length > 0; d++) {
      frontier = await this.expandLayer(tx, frontier, new Set(dist.keys()), filters);
      for (const n of frontier) dist.set(n, d);
    }
    return dist;
  }

  private async subgraph(
    tx: ManagedTransaction,
    ids: string[],
    filters: GraphFilters,
  ): Promise<{ entities: Map<string, Entity>; relations: LoadedRelation[] }> {
    const [record] = await runStatement(tx, query('subgraph'), { ids, ...relationFilterParams(filters) });
    const entities = new Map<string, Entity>();
    for (const n of (record?.get('nodes') ?? []) as unknown[]) {
      const e = entityFromProps(n);
      entities.set(e.id, e);
    }
    const relations = ((record?.get('edges') ?? []) as unknown[]).map((x) => relationRecord(x).relation);
    return { entities, relations };
  }

  private async entitiesById(tx: ManagedTransaction, ids: string[]): Promise<Map<string, Entity>> {
    if (ids.length === 0) return new Map();
    const records = await runStatement(tx, query('entities-by-id'), { ids });
    return new Map(
      records.map((r) => {
        const e = entityFromProps(r.get('entity'));
        return [e.id, e] as const;
      }),
    );
  }

  private async sourceList(tx: ManagedTransaction): Promise<Source[]> {
    const records = await runStatement(tx, query('source-list'));
    return records.map((r) => sourceFromProps(r.get('source')));
  }

  private async sourceMap(tx: ManagedTransaction): Promise<Map<string, Source>> {
    return new Map((await this.sourceList(tx)).map((s) => [s.id, s]));
  }
}

function relationView(row: RelationRecord, seenFrom: string, sourceById: ReadonlyMap<string, Source>): RelationView {
  const r = row.relation;
  const otherId = r.from === seenFrom ? r.to : r.from;
  return sharedRelationView({
    key: r.key,
    from: r.from,
    to: r.to,
    attributes: relationAttributesOf(r),
    seenFrom,
    other: row.other ?? { id: otherId, name: otherId, kind: 'Event' },
    sourceById,
  });
}

/** The graphology serialisation of entities (in the given order) and the relations among them. */
function toGraphJson(
  order: readonly string[],
  entities: ReadonlyMap<string, Entity>,
  relations: readonly LoadedRelation[],
  sources: Source[],
  filters: GraphFilters,
): GraphJson {
  const ctx = new FilterContext(sources, filters);
  const out = new MultiDirectedGraph<EntityAttributes, RelationAttributes, GraphAttributes>();
  out.replaceAttributes({ sources });
  for (const id of order) {
    const e = entities.get(id);
    if (e) out.addNode(id, entityAttributes(e));
  }
  for (const r of relations) {
    if (!out.hasNode(r.from) || !out.hasNode(r.to)) continue;
    out.addDirectedEdgeWithKey(r.key, r.from, r.to, ctx.edgeView(relationAttributesOf(r)));
  }
  return out.export() as GraphJson;
}
