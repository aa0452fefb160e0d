import type { Record as Neo4jRecord } from 'neo4j-driver';
import { countsInOrder, entityAttributes, firstDay, lastDay, relationAttributes, searchKey } from '../../model';
import type { EntityDetail, EntityKind, GraphJson, LoadedRelation, NeighborhoodResult, StoreStats } from '../../model';
import type { PathsResult, RelationView, SearchHit, Source, SourceDetail, SourceSummary } from '../../model';
import { rankCandidates, type SearchCandidate } from '../../model/search-ranking';
import { relationView } from '../explain';
import { FilterContext } from '../filters';
import { explainPath, kShortestPaths, pathGraphOfLists, pathsAnswer } from '../paths';
import type { CypherOptions, CypherResult, GraphFilters, GraphStore, NeighborhoodOptions } from '../port';
import type { PathOptions, SearchOptions, StoreHealth } from '../port';
import { UnknownEntityError } from '../../model/errors';
import { query } from './cypher-files';
import { refuseUnlessReadOnly, runInReadTransaction } from './cypher-runner';
import { runStatement, type Sessions } from './driver';
import { entityFromProps, relationFromProps, sourceFromProps, toPlain } from './values';

/** The most steps cypher/fragments/walk.cypher takes: the API's largest depth (3) and maxHops (6). */
const WALK_MAX_DEPTH = 6;

const num = (v: unknown): number => Number(toPlain(v) ?? 0);
const entities = (list: unknown[]) => new Map(list.map((n) => entityFromProps(n)).map((e) => [e.id, e]));
const sourceList = (record: Neo4jRecord): Source[] => (record.get('sources') as unknown[]).map(sourceFromProps);
const sourceMap = (record: Neo4jRecord) => new Map(sourceList(record).map((s) => [s.id, s]));

/** `{ relation, from, to, other? }` maps, as the queries return relations. */
type RelationRow = { relation: unknown; from: string; to: string; other?: RelationView['other'] };
const relations = (list: unknown[]) => (list as RelationRow[]).map((x) => relationFromProps(x.relation, x.from, x.to));

/** GraphFilters as cypher/fragments parameters: null for no filter, as FilterContext reads an empty list. */
const relationFilterParams = (f: GraphFilters) => ({
  types: f.types?.length ? f.types : null,
  excludeTypes: f.excludeTypes ?? [],
  status: f.status?.length ? f.status : null,
  asOfFirst: f.asOf ? firstDay(f.asOf) : null,
  asOfLast: f.asOf ? lastDay(f.asOf) : null,
  knownByLast: f.knownBy ? lastDay(f.knownBy) : null,
});
const allFilterParams = (f: GraphFilters) => ({ ...relationFilterParams(f), kinds: f.kinds?.length ? f.kinds : null });

function walkDepth(depth: number): number {
  if (depth <= WALK_MAX_DEPTH) return depth;
  throw new RangeError(`the Neo4j store walks at most ${WALK_MAX_DEPTH} hops, not ${depth}`);
}

/** Lucene's query syntax characters, escaped so a query's text is only ever text. */
const LUCENE_SPECIAL = /[+\-!(){}[\]^"~*?:\\/&|]/g;
const escapeLucene = (text: string) => text.replace(LUCENE_SPECIAL, (c) => `\\${c}`);

/**
 * The full-text query that finds every entity the shared ranking (src/model/search-ranking.ts)
 * could score for `text`, or null when the query folds to nothing. Each clause asks for a
 * spelling (folded, spaces removed: `searchCompact`) containing a piece of the folded query:
 * - the whole query without spaces: every exact, prefix, word-prefix, compact and substring match
 *   contains it;
 * - its first word: every all-words match begins a word with it;
 * - for typo matches (an edit distance d of at most 2 from a prefix of a spelling), the query cut
 *   into 2d + 1 pieces: d edits, a transposition touching two neighbouring pieces, leave at least
 *   one piece whole, and that piece stands in the spelling.
 * Extra candidates cost only ranking time; a missing one would be a wrong answer.
 */
function searchCandidatesQuery(text: string): string | null {
  const q = searchKey(text);
  if (q.length === 0) return null;
  const compact = q.replace(/ /g, '');
  const pieces = new Set<string>([compact]);
  const firstWord = q.split(' ').find((w) => w.length >= 2);
  if (firstWord) pieces.add(firstWord);
  if (q.length >= 4) {
    const distance = q.length >= 8 ? 2 : 1;
    const count = 2 * distance + 1;
    const cut = (i: number) => Math.floor((i * compact.length) / count);
    for (let i = 0; i < count; i++) {
      const piece = compact.slice(cut(i), cut(i + 1));
      if (piece) pieces.add(piece);
    }
  }
  return [...pieces].map((p) => `searchCompact:*${escapeLucene(p)}*`).join(' OR ');
}

/**
 * The GraphStore port over Neo4j: named queries from cypher/queries, answers shaped by the embedded
 * store's code in the canonical order (src/model/order.ts). A neighbourhood is one breadth-first
 * walk, a layer per step, so the cap and `reachable` match exactly. Paths run the shared k shortest
 * paths search on the candidate subgraph: Cypher's SHORTEST counts paths, not claims, and cannot
 * apply the as-of and knownBy rules hop by hop.
 */
export class Neo4jStore implements GraphStore {
  readonly kind = 'neo4j' as const;

  constructor(
    private readonly sessions: Sessions,
    private readonly onClose: () => Promise<void> = async () => {},
  ) {}

  private run(name: string, params: Record<string, unknown> = {}): Promise<Neo4jRecord[]> {
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
    return rankCandidates(text, toPlain(records.map((r) => r.get('candidate'))) as SearchCandidate[], options);
  }

  async getEntity(id: string): Promise<EntityDetail | null> {
    const [record] = await this.run('entity', { id });
    if (!record) return null;
    const views = viewsOf(record, () => id);
    const byType: Record<string, RelationView[]> = {};
    for (const view of views) (byType[view.type] ??= []).push(view);
    return { id, ...entityAttributes(entityFromProps(record.get('entity'))), degree: views.length, relations: byType };
  }

  async neighborhood(id: string, options: NeighborhoodOptions): Promise<NeighborhoodResult | null> {
    const params = { id, limit: options.limit, depth: walkDepth(options.depth), ...allFilterParams(options) };
    const [record] = await this.run('neighborhood', params);
    if (!record) return null;
    const graph = graphOf(record, options);
    const reachable = num(record.get('reachable'));
    const byType = countsInOrder(record.get('types') as string[]);
    const counts = { nodes: graph.nodes.length, edges: graph.edges.length, byType, reachable };
    return { graph, truncated: reachable > graph.nodes.length, counts };
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
    return graphOf(record!, filters);
  }

  async sources(): Promise<SourceSummary[]> {
    const records = await this.run('sources');
    return records.map((r) => ({ ...sourceFromProps(r.get('source')), citations: num(r.get('citations')) }));
  }

  async source(id: string): Promise<SourceDetail | null> {
    const [record] = await this.run('source', { id });
    if (!record) return null;
    const views = viewsOf(record, (r) => r.from);
    type Supported = { id: string; name: string; kind: EntityKind; citations: number };
    const supported = toPlain(record.get('entities')) as Supported[];
    const citations =
      views.reduce((t, r) => t + r.evidence.filter((c) => c.source === id).length, 0) +
      supported.reduce((t, e) => t + e.citations, 0);
    return {
      ...sourceFromProps(record.get('source')),
      citations,
      relations: views,
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

/** A record's `relations`, each as seen from one end, its citations read against the record's `sources`. */
function viewsOf(record: Neo4jRecord, seenFrom: (r: LoadedRelation) => string): RelationView[] {
  const sourceById = sourceMap(record);
  return (record.get('relations') as Required<RelationRow>[]).map(({ relation, from, to, other: o }) => {
    const r = relationFromProps(relation, from, to);
    const other = { id: o.id, name: o.name, kind: o.kind }; // in the embedded store's key order
    return relationView({ ...r, attributes: relationAttributes(r), seenFrom: seenFrom(r), other, sourceById });
  });
}

/** A record's `nodes`, `edges` and `sources` in the graphology serialisation, as the embedded store writes it. */
function graphOf(record: Neo4jRecord, filters: GraphFilters): GraphJson {
  const sources = sourceList(record);
  const ctx = new FilterContext(sources, filters);
  const edge = (r: LoadedRelation) => ({ key: r.key, source: r.from, target: r.to });
  return {
    options: { type: 'directed', multi: true, allowSelfLoops: true },
    attributes: { sources },
    nodes: [...entities(record.get('nodes'))].map(([key, e]) => ({ key, attributes: entityAttributes(e) })),
    edges: relations(record.get('edges')).map((r) => ({ ...edge(r), attributes: ctx.edgeView(relationAttributes(r)) })),
  };
}
