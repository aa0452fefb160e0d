import { z } from 'zod';
import { PartialDate } from './dates';
import { ENTITY_KIND_IDS, ENTITY_KINDS } from './entity-kinds';
import { RELATION_TYPE_IDS, RELATION_TYPES } from './relation-types';

/**
 * The zod schemas are the single source of truth: seed validation, TypeScript types (z.infer)
 * and the OpenAPI document all come from here.
 */

export const Slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use a lowercase slug such as "ttp" or "afghan-taliban"')
  .max(80);

export const EntityKindSchema = z.enum(ENTITY_KIND_IDS, {
  error: (issue) => `unknown kind "${String(issue.input)}"; known kinds: ${Object.keys(ENTITY_KINDS).join(', ')}`,
});

export const RelationTypeSchema = z.enum(RELATION_TYPE_IDS, {
  error: (issue) => `unknown relation type "${String(issue.input)}"; known types: ${Object.keys(RELATION_TYPES).join(', ')}`,
});

export const RelationStatusSchema = z.enum(['reported', 'alleged', 'denied', 'disputed']);
export type RelationStatus = z.infer<typeof RelationStatusSchema>;

/** Admiralty source reliability, A (completely reliable) to F (cannot be judged). */
export const ReliabilitySchema = z.enum(['A', 'B', 'C', 'D', 'E', 'F']);

/** Admiralty information credibility, 1 (confirmed) to 6 (cannot be judged). */
export const CredibilitySchema = z.number().int().min(1).max(6);

const text = (max: number) => z.string().trim().min(1).max(max);

export const SourceSchema = z.strictObject({
  id: Slug,
  title: text(300),
  authors: z.array(text(120)).default([]),
  publisher: text(200).optional(),
  published: PartialDate,
  file: text(200).regex(/^[^/\\]+$/, 'a file name in the sources folder, without a path'),
  url: z.url().optional(),
  reliability: ReliabilitySchema.optional(),
  note: text(1000).optional(),
});
export type Source = z.infer<typeof SourceSchema>;

/** A pointer into a source: paragraph N is the N-th non-empty line of the source file. */
export const CitationSchema = z.strictObject({
  source: Slug,
  paragraph: z.number().int().min(1),
  /**
   * Neighbouring paragraphs (at most 3 away) that name an end the cited paragraph refers to
   * without naming it, e.g. a list of parties that continues a paragraph about the campaign they
   * oppose. `verify` accepts an end named there; the cited paragraph must still name one end.
   */
  context: z.array(z.number().int().min(1)).min(1).max(3).optional(),
  note: text(1000).optional(),
});
export type Citation = z.infer<typeof CitationSchema>;

export const FactSchema = z.strictObject({
  /** What is measured, e.g. "fighters", "fatalities", "budget". */
  name: text(120),
  value: z.union([z.number(), text(200)]),
  unit: text(60).optional(),
  /** When the figure applies (not when it was published). */
  date: PartialDate.optional(),
  source: Slug,
  paragraph: z.number().int().min(1),
  note: text(1000).optional(),
});
export type Fact = z.infer<typeof FactSchema>;

export const EntitySchema = z.strictObject({
  id: Slug,
  kind: EntityKindSchema,
  name: text(200),
  aliases: z.array(text(200)).default([]),
  /** Adjectival forms the sources use for it ("Chinese", "Afghan"): count as mentions, rank below names in search. */
  demonyms: z.array(text(100)).default([]),
  description: text(2000),
  /** When the entity began / ended: founding, launch, start of an event. */
  since: PartialDate.optional(),
  until: PartialDate.optional(),
  facts: z.array(FactSchema).default([]),
  /** Where the entity itself is named in the sources (optional for entities only seen in relations). */
  mentions: z.array(CitationSchema).default([]),
});
export type Entity = z.infer<typeof EntitySchema>;

export const RelationSchema = z.strictObject({
  /** Optional stable id; by default it is derived from type, ends, status and assertedBy. */
  id: Slug.optional(),
  type: RelationTypeSchema,
  from: Slug,
  to: Slug,
  since: PartialDate.optional(),
  until: PartialDate.optional(),
  status: RelationStatusSchema.default('reported'),
  /** Who makes the claim: required in spirit for alleged / denied / disputed claims. */
  assertedBy: z.array(Slug).default([]),
  credibility: CredibilitySchema.optional(),
  note: text(1000).optional(),
  evidence: z.array(CitationSchema).min(1, 'a relation needs evidence: at least one { source, paragraph }'),
});
export type Relation = z.infer<typeof RelationSchema>;

/** A relation after loading: its key is fixed and its file position remembered for messages. */
export interface LoadedRelation extends Relation {
  key: string;
}

export interface KnowledgeBase {
  sources: Source[];
  entities: Entity[];
  relations: LoadedRelation[];
}

/**
 * The default key of a relation. Stable across runs (Neo4j sync relies on it) and distinct for an
 * allegation and its denial, which share type and ends but differ in status and asserter.
 */
export function relationKey(r: Pick<Relation, 'id' | 'type' | 'from' | 'to' | 'status' | 'assertedBy'>): string {
  if (r.id) return r.id;
  let key = `${r.from}--${r.type}--${r.to}`;
  if (r.status !== 'reported') key += `--${r.status}`;
  if (r.assertedBy.length > 0) key += `--by-${[...r.assertedBy].sort().join('+')}`;
  return key;
}
