import type { CitedEvidence, EntityKind, Fact, RelationStatus, RelationType } from '../model';

/**
 * What changed between two knowledge bases (`kg diff --json`; the words and Markdown read it). Every
 * list is in one order (entities by id, relations by key, fields as below): the same bytes each time.
 */
export interface KnowledgeBaseDiff {
  /** What was compared: a git revision ("HEAD~1"), "working tree", or a folder as named. */
  old: Side;
  new: Side;
  sources: Section<SourceRef>;
  entities: Section<EntityRef>;
  relations: Section<RelationRef, RelationChange>;
  /** The name of every entity the relations above name (ends, asserters, asserters added or removed), by id: as it is now, or as it was when removed. */
  names: Record<string, string>;
}

export interface Side {
  label: string;
  sources: number;
  entities: number;
  relations: number;
}

/** Items only on the new side, only on the old one, and on both with the fields that differ. */
export interface Section<Ref, Change = Ref & { changes: FieldChange[] }> {
  added: Ref[];
  removed: Ref[];
  changed: Change[];
}

export interface SourceRef {
  id: string;
  title: string;
}

export interface EntityRef {
  id: string;
  kind: EntityKind;
  name: string;
}

/** A relation as one side holds it, with its citations resolved against that side's sources. */
export interface RelationRef {
  key: string;
  type: RelationType;
  from: string;
  to: string;
  status: RelationStatus;
  assertedBy: string[];
  since?: string;
  until?: string;
  evidence: CitedEvidence[];
}

/** A relation found on both sides; `previousKey` when its key changed (a new status or asserter). */
export type RelationChange = RelationRef & { previousKey?: string; changes: FieldChange[] };

/** One field that differs. Scalars give both values (absent when unset); lists give what came and went. */
export type FieldChange =
  | { field: string; kind: 'value'; before?: string | number; after?: string | number }
  | { field: string; kind: 'list'; added: string[]; removed: string[] }
  | { field: string; kind: 'citations'; added: CitedEvidence[]; removed: CitedEvidence[]; changed: CitedEvidence[] }
  | { field: string; kind: 'facts'; added: Fact[]; removed: Fact[] };
