import type { CitedEvidence, Entity, Fact, LoadedRelation, Source } from '../model';

/**
 * What changed between two knowledge bases (`kg diff --json`; the words and Markdown read it). Every
 * list is in one order (entities by id, relations by key, fields as below): the same bytes each time.
 */
export interface KnowledgeBaseDiff {
  /** What was compared: a git revision ("HEAD~1"), "working tree", or a folder as named. */
  old: Side;
  new: Side;
  sources: Section<Pick<Source, 'id' | 'title'>>;
  entities: Section<EntityRef>;
  relations: Section<RelationRef, RelationChange>;
  /** The name of every entity the relations above name (ends, asserters, asserters added or removed), by id: as it is now, or as it was when removed. */
  names: Record<string, string>;
}

export type Side = { label: string; sources: number; entities: number; relations: number };

/** Items only on the new side, only on the old one, and on both with the fields that differ. */
export type Section<Ref, Change = Ref & { changes: FieldChange[] }> = {
  added: Ref[];
  removed: Ref[];
  changed: Change[];
};

export type EntityRef = Pick<Entity, 'id' | 'kind' | 'name'>;

/** A relation as one side holds it, with its citations resolved against that side's sources. */
export type RelationRef = Pick<
  LoadedRelation,
  'key' | 'type' | 'from' | 'to' | 'status' | 'assertedBy' | 'since' | 'until'
> & {
  evidence: CitedEvidence[];
};

/** A relation found on both sides; `previousKey` when its key changed (a new status or asserter). */
export type RelationChange = RelationRef & { previousKey?: string; changes: FieldChange[] };

/** One field that differs. Scalars give both values (absent when unset); lists give what came and went. */
export type FieldChange =
  | { field: string; kind: 'value'; before?: string | number; after?: string | number }
  | { field: string; kind: 'list'; added: string[]; removed: string[] }
  | { field: string; kind: 'citations'; added: CitedEvidence[]; removed: CitedEvidence[]; changed: CitedEvidence[] }
  | { field: string; kind: 'facts'; added: Fact[]; removed: Fact[] };
