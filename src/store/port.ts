import type { SerializedGraph } from 'graphology-types';
import type { Citation, EntityKind, RelationStatus, RelationType, Source } from '../model';
import type { EntityAttributes, GraphAttributes, RelationAttributes } from '../seed/build-graph';

/**
 * The GraphStore port: every graph question the API asks, answered the same way by the embedded
 * store (graphology) and by Neo4j. The store contract suite runs the same tests on both.
 */

export type StoreKind = 'memory' | 'neo4j';

export type GraphJson = SerializedGraph<EntityAttributes, RelationAttributes, GraphAttributes>;

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

export interface SearchHit {
  id: string;
  name: string;
  kind: EntityKind;
  /** The name, alias or demonym that matched. */
  matched: string;
  /** Higher is better; comparable within one response only. */
  score: number;
}

export interface NeighborhoodOptions extends GraphFilters {
  depth: number;
  /** Maximum number of nodes returned (the focus included). */
  limit: number;
}

export interface NeighborhoodResult {
  graph: GraphJson;
  truncated: boolean;
  counts: {
    nodes: number;
    edges: number;
    /** Relations of the focus entity per type, before the cap: lets a client ask for less. */
    byType: Record<string, number>;
    /** Entities reachable within the depth before the cap. */
    reachable: number;
  };
}

/** A citation with what a reader needs to judge it. */
export interface CitedEvidence extends Citation {
  title: string;
  publisher?: string;
  published: string;
}

/** One claim between the two entities of a hop. */
export interface PathClaim {
  edge: string;
  type: RelationType;
  /** `forward` when the hop follows this relation's direction, `backward` when it goes against it. */
  direction: 'forward' | 'backward';
  status: RelationStatus;
  assertedBy: string[];
  evidence: CitedEvidence[];
  /** One plain sentence, e.g. "BLA targets CPEC (Source title, ¶12)". */
  sentence: string;
}

/**
 * A hop of a path: one step from an entity to the next, over every claim between the two
 * (`claims`, in relation-key order). `edge`, `type`, `direction`, `status` and `evidence` are
 * those of its strongest claim (cheapest evidence cost, then first by key).
 */
export interface PathHop {
  edge: string;
  from: string;
  to: string;
  type: RelationType;
  /** `forward` when the hop follows the strongest claim's direction, `backward` when it goes against it. */
  direction: 'forward' | 'backward';
  status: RelationStatus;
  evidence: CitedEvidence[];
  /** The claims' sentences, the strongest first; "Sources disagree: ..." when they contradict each other. */
  sentence: string;
  claims: PathClaim[];
}

export interface GraphPath {
  nodes: string[];
  edges: string[];
  hops: PathHop[];
  /** Path cost: hop count, or the weighted cost when weighting by evidence. */
  cost: number;
}

export interface PathOptions extends GraphFilters {
  maxHops: number;
  k: number;
  /** Follow relations only in their direction (symmetric relations go both ways). */
  directed: boolean;
  /** Prefer well-evidenced, reported relations over thin or contested ones. */
  weighted?: boolean;
}

export interface PathsResult {
  paths: GraphPath[];
  /** Why the list is empty, when it is. */
  reason?: string;
}

export interface RelationView {
  key: string;
  type: RelationType;
  from: string;
  to: string;
  /** The entity at the other end, seen from the entity asked for. */
  other: { id: string; name: string; kind: EntityKind };
  direction: 'outgoing' | 'incoming';
  status: RelationStatus;
  since?: string;
  until?: string;
  assertedBy: string[];
  credibility?: number;
  note?: string;
  evidence: CitedEvidence[];
}

export interface EntityDetail extends EntityAttributes {
  id: string;
  degree: number;
  /** Relations in both directions, grouped by relation type. */
  relations: Record<string, RelationView[]>;
}

export interface SourceSummary extends Source {
  /** Number of relations, facts and mentions citing this source. */
  citations: number;
}

export interface SourceDetail extends SourceSummary {
  relations: RelationView[];
  /** Entities with facts or mentions from this source. */
  entities: { id: string; name: string; kind: EntityKind }[];
}

export interface StoreStats {
  entities: number;
  relations: number;
  sources: number;
  byKind: Record<string, number>;
  byType: Record<string, number>;
  byStatus: Record<string, number>;
  /** Share of relations with a since or until date, 0..1. */
  datedShare: number;
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
  sources(): Promise<SourceSummary[]>;
  source(id: string): Promise<SourceDetail | null>;
  /**
   * Runs a read-only Cypher query that already passed the guard (src/cypher-guard). Neo4j runs it
   * in a READ transaction with a timeout and a row cap; the embedded store throws Neo4jRequiredError.
   */
  runCypher(query: string, params: Record<string, unknown>, options: CypherOptions): Promise<CypherResult>;
  close(): Promise<void>;
  /**
   * Optional, for a store whose content never changes while it is open (the API then tags answers
   * by store and URL): the neighbourhood answer as bytes, exactly
   * `JSON.stringify(await neighborhood(id, options))`; null when the entity does not exist.
   * `allocate`, when given, supplies the buffer the answer is written into (the API lends
   * reusable ones); otherwise a fresh buffer is allocated.
   */
  neighborhoodJson?(id: string, options: NeighborhoodOptions, allocate?: (length: number) => Buffer): Buffer | null;
  /** Optional: one-off work a server does before it listens, so that no request waits for it. */
  prepareJson?(): void;
}

/** Domain errors the API maps to statuses in one place. */
export class UnknownEntityError extends Error {
  override readonly name = 'UnknownEntityError';
  constructor(
    readonly id: string,
    readonly param?: string,
  ) {
    super(`unknown entity "${id}"`);
  }
}

export class StoreUnavailableError extends Error {
  override readonly name: string = 'StoreUnavailableError';
}

/** The database refused the credentials or the user's rights; a kind of unavailability (503). */
export class StoreUnauthorizedError extends StoreUnavailableError {
  override readonly name: string = 'StoreUnauthorizedError';
}

/**
 * A user's Cypher query failed in the database: invalid (syntax, types, missing parameter),
 * too slow (past its timeout) or refused (it tried to write in a READ transaction).
 * `status` is the HTTP status it deserves.
 */
export class CypherQueryError extends Error {
  override readonly name = 'CypherQueryError';
  readonly status: number;
  constructor(
    readonly reason: 'invalid' | 'timeout' | 'refused',
    message: string,
  ) {
    super(message);
    // Not 408 for a timeout: a browser re-sends a request answered 408 on a kept-alive connection,
    // so the slow query would run twice.
    this.status = reason === 'refused' ? 403 : reason === 'timeout' ? 504 : 400;
  }
}

/** The embedded store cannot run Cypher; the API answers 503 NEO4J_REQUIRED with how to connect one. */
export class Neo4jRequiredError extends Error {
  override readonly name = 'Neo4jRequiredError';
  constructor() {
    super(
      'Cypher queries need a Neo4j database; set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD), run `npm run seed`, then restart the server. See "Use Neo4j" in the README.',
    );
  }
}
