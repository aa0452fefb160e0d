/**
 * Response shapes of the HTTP API, as the viewer reads them. The shapes the server defines are
 * imported as types only (erased at build time, so no server code reaches the bundle): one
 * definition, and the compiler flags any drift between server and viewer.
 */
import type { Citation, Fact, RelationStatus, Source } from '../../../src/model';
import type { ClaimView, EntityAttributes, RelationAttributes } from '../../../src/model';
import type { CitedEvidence, EntityDetail, GraphPath, PathClaim, PathHop, RelationView } from '../../../src/model';
import type { QuestionAnswer, QuestionParameter, QuestionSummary } from '../../../src/model/questions';

export type {
  Citation,
  CitedEvidence,
  ClaimView,
  EntityAttributes,
  EntityDetail,
  Fact,
  GraphPath,
  PathClaim,
  PathHop,
  QuestionAnswer,
  QuestionParameter,
  QuestionSummary,
  RelationAttributes,
  RelationStatus,
  RelationView,
  Source,
};

export interface KindInfo {
  label: string;
  description: string;
  color: string;
}

export interface RelationTypeInfo {
  label: string;
  description: string;
  verb: string;
  symmetric: boolean;
  /** Cooperative, hostile or structural: the colour family of its lines. */
  layer: 'cooperative' | 'hostile' | 'structural';
  color: string;
}

export interface SchemaResponse {
  kinds: Record<string, KindInfo>;
  relationTypes: Record<string, RelationTypeInfo>;
  statuses: RelationStatus[];
}

export interface SearchHit {
  id: string;
  name: string;
  kind: string;
  matched: string;
  score: number;
}

export interface SearchResponse {
  results: SearchHit[];
}

export interface Health {
  ok: boolean;
  store: 'memory' | 'neo4j';
  /** Whether the server has the source texts, so cited passages can be shown. */
  passages: boolean;
}

/** `GET /api/sources/:id/paragraphs/:n`: a cited paragraph and the context asked for. */
export interface PassageResponse {
  source: string;
  paragraph: number;
  text: string;
  paragraphs: number;
  context?: { paragraph: number; text: string }[];
}

export interface SerializedGraph {
  attributes?: { sources?: Source[] };
  options?: Record<string, unknown>;
  nodes: { key: string; attributes?: EntityAttributes }[];
  edges: { key?: string; source: string; target: string; attributes?: RelationAttributes }[];
}

export interface NeighborhoodResponse {
  graph: SerializedGraph;
  truncated: boolean;
  counts: { nodes: number; edges: number; byType: Record<string, number>; reachable: number };
}

export interface PathsResponse {
  paths: GraphPath[];
  reason?: string;
}

export interface CypherResponse {
  columns: string[];
  rows: unknown[][];
  graph: SerializedGraph;
  truncated: boolean;
}

export interface QuestionsResponse {
  questions: QuestionSummary[];
}
