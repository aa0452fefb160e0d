import type { EntityDetail, EntityKind, GraphJson, NeighborhoodResult, PathsResult, SearchHit } from '../model';
import type { RelationStatus, RelationType, SourceDetail, SourceSummary, StoreStats } from '../model';

/**
 * The GraphStore port: every graph question the API asks, answered the same way by the embedded
 * store (graphology) and by Neo4j, in domain objects only (no bytes, no HTTP). The store contract
 * suite runs the same tests on both. An answer may share frozen objects with the store and with
 * other answers (the embedded store's entities and relations are): callers read, never change them.
 */

export type StoreKind = 'memory' | 'neo4j';

/** Filters shared by neighbourhood, paths, whole-graph export and analytics. */
export interface GraphFilters {
  /** Keep only these relation types. */
  types?: RelationType[];
  /** Drop these relation types. */
  excludeTypes?: RelationType[];
  /** Keep only entities of these kinds (the focus entity of a neighbourhood is always kept). */
  kinds?: EntityKind[];
  /** Keep only claims with these statuses. */
  status?: RelationStatus[];
  /** Keep what was valid on this date (relations and entities by since/until). */
  asOf?: string;
  /** Keep only evidence from sources published by this date; relations left without evidence go. */
  knownBy?: string;
}

export interface SearchOptions {
  kind?: EntityKind;
  limit: number;
}

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
  store: StoreKind;
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
 * The structure of `graph(filters)` without evidence, facts or descriptions: entities numbered
 * 0..n-1 (in the graph's order) with their name and kind, relations as parallel arrays of entity
 * numbers and relation-type numbers (indices into RELATION_TYPE_IDS). Typed arrays, so that it
 * costs a fraction of the JSON graph and moves to a worker thread without copying.
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
  readonly kind: StoreKind;
  health(): Promise<StoreHealth>;
  stats(): Promise<StoreStats>;
  getEntity(id: string): Promise<EntityDetail | null>;
  search(query: string, options: SearchOptions): Promise<SearchHit[]>;
  /** null when the entity does not exist. */
  neighborhood(id: string, options: NeighborhoodOptions): Promise<NeighborhoodResult | null>;
  /** Throws UnknownEntityError when an end does not exist. */
  paths(from: string, to: string, options: PathOptions): Promise<PathsResult>;
  graph(filters?: GraphFilters): Promise<GraphJson>;
  /**
   * Optional, for a store that holds the graph in memory: graph(filters)'s entities and relations
   * as a GraphStructure, read straight from its own arrays, in slices so that other requests are
   * answered meanwhile. Without it, build one from graph().
   */
  graphStructure?(filters?: GraphFilters): Promise<GraphStructure>;
  sources(): Promise<SourceSummary[]>;
  source(id: string): Promise<SourceDetail | null>;
  /**
   * Runs a read-only Cypher query that already passed the guard (src/cypher-guard). Neo4j runs it
   * in a READ transaction with a timeout and a row cap; the embedded store throws Neo4jRequiredError.
   */
  runCypher(query: string, params: Record<string, unknown>, options: CypherOptions): Promise<CypherResult>;
  close(): Promise<void>;
}
