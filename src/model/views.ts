import type { SerializedGraph } from 'graphology-types';
import type { EntityKind } from './entity-kinds';
import type { RelationType } from './relation-types';
import type { Citation, RelationStatus, Source } from './schemas';
import type { EntityAttributes, GraphAttributes, RelationAttributes } from './graph';

/** What the stores answer and the API sends: the graph views both stores build alike. */

export type GraphJson = SerializedGraph<EntityAttributes, RelationAttributes, GraphAttributes>;

/** An entity as a relation's end or a search hit names it. */
export interface EntityRef {
  id: string;
  name: string;
  kind: EntityKind;
}

export interface SearchHit extends EntityRef {
  /** The name, alias or demonym that matched, as written. */
  matched: string;
  /** Higher is better; comparable within one response only. */
  score: number;
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
export type CitedEvidence = Citation & Pick<Source, 'title' | 'publisher' | 'published'>;

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
export interface PathHop extends Omit<PathClaim, 'assertedBy'> {
  from: string;
  to: string;
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

export interface PathsResult {
  paths: GraphPath[];
  /** Why the list is empty, when it is. */
  reason?: string;
}

/** What every view of a relation says about the claim itself, its citations resolved. */
export interface ClaimFields extends Omit<RelationAttributes, 'evidence'> {
  key: string;
  evidence: CitedEvidence[];
}

export interface RelationView extends ClaimFields {
  from: string;
  to: string;
  /** The entity at the other end, seen from the entity asked for. */
  other: EntityRef;
  direction: 'outgoing' | 'incoming';
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
  entities: EntityRef[];
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
