import type { EntityDetail, EntityKind, GraphJson, NeighborhoodResult, PathsResult, SearchHit } from '../model';
import type { RelationStatus, RelationType, SourceDetail, SourceSummary, StoreStats } from '../model';

/**
 * The GraphStore port: every graph question the API asks, answered alike by the embedded store and
 * Neo4j (the store contract suite runs on both), in domain objects only. An answer may share
 * frozen objects with the store and other answers: callers read, never change them.
 */

/** Filters shared by neighbourhood, paths, whole-graph export and analytics. */
export interface GraphFilters {
  types?: RelationType[];
  excludeTypes?: RelationType[];
  /** Keep only entities of these kinds (the focus entity of a neighbourhood is always kept). */
  kinds?: EntityKind[];
  status?: RelationStatus[];
  /** Keep what was valid on this date (relations and entities by since/until). */
  asOf?: string;
  /** Keep only evidence from sources published by this date; relations left without evidence go. */
  knownBy?: string;
}

export type SearchOptions = { kind?: EntityKind; limit: number };

export interface NeighborhoodOptions extends GraphFilters {
  depth: number;
  /** Maximum number of nodes returned (the focus included). */
  limit: number;
}

export interface PathOptions extends GraphFilters {
  maxHops: number;
  k: number;
  /** Follow relations only in their direction (symmetric relations go both ways). */
  directed: boolean;
  /** Prefer well-evidenced, reported relations over thin or contested ones. */
  weighted?: boolean;
}

export interface StoreHealth {
  ok: boolean;
  store: GraphStore['kind'];
  entities: number;
  relations: number;
  message?: string;
}

export interface CypherOptions {
  /** Transaction timeout; the query is cancelled past it. */
  timeoutMs: number;
  /** At most this many rows are read from the result stream; `truncated` says when more existed. */
  maxRows: number;
}

export interface CypherResult {
  columns: string[];
  /** Values converted to plain JSON (Neo4j Integers to numbers, nodes to { id, labels, properties }, ...). */
  rows: unknown[][];
  /** Nodes, relationships and paths found in the rows, as a graph a viewer can draw. */
  graph: GraphJson;
  truncated: boolean;
}

/**
 * The structure of `graph(filters)`: entities numbered in the graph's order, relations as typed
 * arrays of entity numbers and RELATION_TYPE_IDS indices (a fraction of the JSON graph, moved to a
 * worker thread without copying).
 */
export interface GraphStructure {
  ids: string[];
  names: string[];
  kinds: string[];
  source: Int32Array;
  target: Int32Array;
  type: Uint8Array;
}

export interface GraphStore {
  readonly kind: 'memory' | 'neo4j';
  health(): Promise<StoreHealth>;
  stats(): Promise<StoreStats>;
  getEntity(id: string): Promise<EntityDetail | null>;
  search(query: string, options: SearchOptions): Promise<SearchHit[]>;
  /** null when the entity does not exist. */
  neighborhood(id: string, options: NeighborhoodOptions): Promise<NeighborhoodResult | null>;
  /** Throws UnknownEntityError when an end does not exist. */
  paths(from: string, to: string, options: PathOptions): Promise<PathsResult>;
  graph(filters?: GraphFilters): Promise<GraphJson>;
  /** For a store holding the graph in memory: read from its arrays in slices (else built from graph()). */
  graphStructure?(filters?: GraphFilters): Promise<GraphStructure>;
  sources(): Promise<SourceSummary[]>;
  source(id: string): Promise<SourceDetail | null>;
  /** A query the guard passed (src/cypher-guard), run read-only; the embedded store throws Neo4jRequiredError. */
  runCypher(query: string, params: Record<string, unknown>, options: CypherOptions): Promise<CypherResult>;
  close(): Promise<void>;
}
