import { z } from 'zod';
import { PartialDate } from './dates';
import { ENTITY_KIND_IDS } from './entity-kinds';
import { RELATION_TYPE_IDS } from './relation-types';

/** The single source of truth: seed validation, TypeScript types (z.infer) and the OpenAPI document come from here. */

// A field left out reads "required but missing", not "expected string, received undefined" (a schema's own wins).
z.config({
  customError: (issue) =>
    issue.code === 'invalid_type' && issue.input === undefined ? 'required but missing' : undefined,
});

/** A value as a message may quote it. Never String(value): a `toString` from a file or query may not be a function. */
export function quoted(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

export const Slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use a lowercase slug such as "ttp" or "afghan-taliban"')
  .max(80)
  // Ids become keys of plain objects (here and in graphology), where "constructor" would read as the built-in.
  .refine((id) => !(id in Object.prototype), {
    error: (issue) => `${quoted(issue.input)} is a reserved name in JavaScript objects; choose another id`,
  });

export const EntityKindSchema = z.enum(ENTITY_KIND_IDS, {
  error: (issue) => `unknown kind ${quoted(issue.input)}; known kinds: ${ENTITY_KIND_IDS.join(', ')}`,
});

export const RelationTypeSchema = z.enum(RELATION_TYPE_IDS, {
  error: (issue) => `unknown relation type ${quoted(issue.input)}; known types: ${RELATION_TYPE_IDS.join(', ')}`,
});

export const RelationStatusSchema = z.enum(['reported', 'alleged', 'denied', 'disputed']);
export type RelationStatus = z.infer<typeof RelationStatusSchema>;

/**
 * Control characters are refused in every text: invisible in the viewer, they make two spellings of a name look alike,
 * and in a terminal they are commands. Long texts may break lines and use tabs; names may not, nor display backwards
 * (bidirectional overrides). Markup such as `<b>` is data, stored as written and shown as text.
 */
const MULTILINE_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LINE_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function plainText(max: number, forbidden: RegExp, what: string) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .superRefine((value, ctx) => {
      const m = forbidden.exec(value);
      const at = m && `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} at character ${m.index + 1}`;
      if (at) ctx.addIssue({ code: 'custom', message: `contains the control character ${at}; ${what}` });
    });
}

/** A name, title or label: one line of plain text. */
const line = (max: number) => plainText(max, LINE_FORBIDDEN, 'a name or label is one line of plain text');
/** A description or note: plain text, line breaks and tabs allowed. */
const text = (max: number) => plainText(max, MULTILINE_FORBIDDEN, 'only line breaks and tabs are allowed in a text');

export const SourceSchema = z.strictObject({
  id: Slug,
  title: line(300),
  authors: z.array(line(120)).default([]),
  publisher: line(200).optional(),
  published: PartialDate,
  file: line(200).regex(/^(?!\.\.?$)[^/\\]+$/, 'a file name in the sources folder, without a path'),
  /** Only web addresses: a `javascript:` or `file:` URL would be a trap in any client that links it. */
  url: z.url({ protocol: /^https?$/, error: 'use an http:// or https:// address' }).optional(),
  /** Admiralty source reliability, A (completely reliable) to F (cannot be judged). */
  reliability: z.enum(['A', 'B', 'C', 'D', 'E', 'F']).optional(),
  note: text(1000).optional(),
});
export type Source = z.infer<typeof SourceSchema>;

/** A pointer into a source: paragraph N is the N-th non-empty line of the source file. */
export const CitationSchema = z.strictObject({
  source: Slug,
  paragraph: z.number().int().min(1),
  /** Nearby paragraphs (at most 3 away) naming an end the cited one implies; the cited one must name one end. */
  context: z.array(z.number().int().min(1)).min(1).max(3).optional(),
  note: text(1000).optional(),
});
export type Citation = z.infer<typeof CitationSchema>;

export const FactSchema = z.strictObject({
  /** What is measured, e.g. "fighters", "fatalities", "budget". */
  name: line(120),
  value: z.union([z.number(), line(200)]),
  unit: line(60).optional(),
  /** When the figure applies (not when it was published). */
  date: PartialDate.optional(),
  ...CitationSchema.pick({ source: true, paragraph: true, note: true }).shape,
});
export type Fact = z.infer<typeof FactSchema>;

export const EntitySchema = z.strictObject({
  id: Slug,
  kind: EntityKindSchema,
  name: line(200),
  aliases: z.array(line(200)).default([]),
  /** Adjectival forms the sources use for it ("Chinese", "Afghan"): count as mentions, rank below names in search. */
  demonyms: z.array(line(100)).default([]),
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
  /** Admiralty information credibility, 1 (confirmed) to 6 (cannot be judged). */
  credibility: z.number().int().min(1).max(6).optional(),
  note: text(1000).optional(),
  evidence: z.array(CitationSchema).min(1, 'a relation needs evidence: at least one { source, paragraph }'),
});
export type Relation = z.infer<typeof RelationSchema>;

/** A relation after loading, with its key fixed. */
export type LoadedRelation = Relation & { key: string };

export type KnowledgeBase = { sources: Source[]; entities: Entity[]; relations: LoadedRelation[] };

/** The default relation key: stable across runs (Neo4j sync relies on it), distinct for an allegation and a denial. */
export function relationKey(r: Pick<Relation, 'id' | 'type' | 'from' | 'to' | 'status' | 'assertedBy'>): string {
  if (r.id) return r.id;
  // Joined, not concatenated: `+` leaves a rope of cons cells per key, which the graph holds for a million relations.
  const parts = [r.from, r.type, r.to];
  if (r.status !== 'reported') parts.push(r.status);
  if (r.assertedBy.length > 0) parts.push(`by-${[...r.assertedBy].sort().join('+')}`);
  return parts.join('--');
}
