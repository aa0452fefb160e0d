/**
 * Response shapes of the HTTP API, as the viewer reads them (see src/store/port.ts on the server).
 * Kept here rather than imported so the viewer depends on the HTTP contract only.
 */
export type RelationStatus = 'reported' | 'alleged' | 'denied' | 'disputed';

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

export interface Citation {
  source: string;
  paragraph: number;
  note?: string;
}

export interface CitedEvidence extends Citation {
  title: string;
  publisher?: string;
  published: string;
}

export interface Fact {
  name: string;
  value: number | string;
  unit?: string;
  date?: string;
  source: string;
  paragraph: number;
  note?: string;
}

export interface Source {
  id: string;
  title: string;
  authors: string[];
  publisher?: string;
  published: string;
  file: string;
  url?: string;
  reliability?: string;
}

export interface EntityAttributes {
  kind: string;
  name: string;
  aliases: string[];
  demonyms?: string[];
  description: string;
  since?: string;
  until?: string;
  facts: Fact[];
  mentions?: Citation[];
}

export interface RelationAttributes {
  type: string;
  status: RelationStatus;
  since?: string;
  until?: string;
  assertedBy: string[];
  credibility?: number;
  note?: string;
  evidence: Citation[];
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

export interface RelationView {
  key: string;
  type: string;
  from: string;
  to: string;
  other: { id: string; name: string; kind: string };
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
  relations: Record<string, RelationView[]>;
}

export interface PathHop {
  edge: string;
  from: string;
  to: string;
  type: string;
  direction: 'forward' | 'backward';
  status: RelationStatus;
  evidence: CitedEvidence[];
  sentence: string;
}

export interface GraphPath {
  nodes: string[];
  edges: string[];
  hops: PathHop[];
  cost: number;
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
