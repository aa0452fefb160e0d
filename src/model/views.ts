import type { SerializedGraph } from 'graphology-types';
import type { EntityKind } from './entity-kinds';
import type { RelationType } from './relation-types';
import type { Citation, RelationStatus, Source } from './schemas';
import type { EntityAttributes, GraphAttributes, RelationAttributes } from './graph';

/** What the stores answer and the API sends; the API describes each field for OpenAPI (src/api/schemas.ts). */

export type GraphJson = SerializedGraph<EntityAttributes, RelationAttributes, GraphAttributes>;

/** An entity as a relation's end or a search hit names it. */
export type EntityRef = { id: string; name: string; kind: EntityKind };

/** `matched`: the name, alias or demonym that matched; `score`: comparable within one response only. */
export type SearchHit = EntityRef & { matched: string; score: number };

export interface NeighborhoodResult {
  graph: GraphJson;
  truncated: boolean;
  /** `byType`: the focus's relations per type; `reachable`: entities within the depth; both before the cap. */
  counts: { nodes: number; edges: number; byType: Record<string, number>; reachable: number };
}

/** A citation with what a reader needs to judge it. */
export type CitedEvidence = Citation & Pick<Source, 'title' | 'publisher' | 'published'>;

/** One claim between the two entities of a hop; `forward` when the hop follows the relation's direction. */
export interface PathClaim {
  edge: string;
  type: RelationType;
  direction: 'forward' | 'backward';
  status: RelationStatus;
  assertedBy: string[];
  evidence: CitedEvidence[];
  sentence: string;
}

/** A hop of a path, over every claim between its two entities; its own fields are its strongest claim's. */
export interface PathHop extends Omit<PathClaim, 'assertedBy'> {
  from: string;
  to: string;
  claims: PathClaim[];
}

/** `cost`: hop count, or the weighted cost when weighting by evidence. */
export type GraphPath = { nodes: string[]; edges: string[]; hops: PathHop[]; cost: number };

/** `reason`: why the list is empty, when it is. */
export type PathsResult = { paths: GraphPath[]; reason?: string };

/** What every view of a relation says about the claim itself, its citations resolved. */
export interface ClaimFields extends Omit<RelationAttributes, 'evidence'> {
  key: string;
  evidence: CitedEvidence[];
}

/** A relation seen from the entity asked for: `other` is the entity at the other end. */
export interface RelationView extends ClaimFields {
  from: string;
  to: string;
  other: EntityRef;
  direction: 'outgoing' | 'incoming';
}

/** An entity with its relations in both directions, grouped by relation type. */
export interface EntityDetail extends EntityAttributes {
  id: string;
  degree: number;
  relations: Record<string, RelationView[]>;
}

/** `citations`: relations, facts and mentions citing the source. */
export type SourceSummary = Source & { citations: number };

/** `entities`: those with facts or mentions from the source. */
export type SourceDetail = SourceSummary & { relations: RelationView[]; entities: EntityRef[] };

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
