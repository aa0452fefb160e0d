import type { SerializedGraph as GraphologyJson } from 'graphology-types';
import { z } from 'zod';
import {
  CitationSchema,
  EntityKindSchema,
  FactSchema,
  RelationStatusSchema,
  RelationTypeSchema,
  SourceSchema,
} from './schemas';
import type { EntityAttributes, GraphAttributes, RelationAttributes } from './graph';

/**
 * What the stores answer and the API sends, each shape declared once: the types are inferred, and the OpenAPI
 * document describes the zod schemas (outputs only: no bounds, as the stores, not a client, produce them).
 */

export type GraphJson = GraphologyJson<EntityAttributes, RelationAttributes, GraphAttributes>;

export const EntityRef = z.object({ id: z.string(), name: z.string(), kind: EntityKindSchema });
export type EntityRef = z.infer<typeof EntityRef>;

export const SearchHit = EntityRef.extend({
  matched: z.string().describe('The name, alias or demonym that matched, as spelled in the data.'),
  score: z.number().describe('Higher is better; comparable within one response.'),
});
export type SearchHit = z.infer<typeof SearchHit>;

/** A citation with what a reader needs to judge it. */
export const CitedEvidence = CitationSchema.extend({
  title: z.string(),
  publisher: z.string().optional(),
  published: z.string(),
});
export type CitedEvidence = z.infer<typeof CitedEvidence>;

/** What every view of a relation says about the claim itself, its citations resolved. */
export const ClaimFields = z.object({
  key: z.string(),
  type: RelationTypeSchema,
  status: RelationStatusSchema,
  since: z.string().optional(),
  until: z.string().optional(),
  assertedBy: z.array(z.string()),
  credibility: z.number().optional(),
  note: z.string().optional(),
  evidence: z.array(CitedEvidence),
});

/** One relation of a question's answer, with a plain sentence (src/store/explain.ts). */
export const ClaimView = ClaimFields.extend({
  from: EntityRef,
  to: EntityRef,
  sentence: z.string().describe('One plain sentence with its citations; contested claims say who asserts them.'),
}).describe('A relation that answers the question, with its cited evidence.');
export type ClaimView = z.infer<typeof ClaimView>;

export const RelationView = ClaimFields.extend({
  from: z.string(),
  to: z.string(),
  other: EntityRef.describe('The entity at the other end, seen from the entity asked for.'),
  direction: z.enum(['outgoing', 'incoming']),
});
export type RelationView = z.infer<typeof RelationView>;

/** graphology's serialisation: `Graph.from(json)` reads it. */
export const SerializedGraph = z
  .object({
    attributes: z.record(z.string(), z.unknown()),
    options: z.object({ type: z.string(), multi: z.boolean(), allowSelfLoops: z.boolean() }).partial(),
    nodes: z.array(z.object({ key: z.string(), attributes: z.record(z.string(), z.unknown()).optional() })),
    edges: z.array(
      z.object({
        key: z.string().optional(),
        source: z.string(),
        target: z.string(),
        attributes: z.record(z.string(), z.unknown()).optional(),
      }),
    ),
  })
  .describe(
    "A graph in graphology's serialisation: node attributes hold kind, name, aliases...; edge attributes hold type, status, evidence...",
  );

export const EntityDetail = z.object({
  id: z.string(),
  kind: EntityKindSchema,
  name: z.string(),
  aliases: z.array(z.string()),
  demonyms: z.array(z.string()),
  description: z.string(),
  since: z.string().optional(),
  until: z.string().optional(),
  facts: z.array(FactSchema.extend({ date: z.string().optional() })),
  mentions: z.array(CitationSchema),
  degree: z.number(),
  relations: z
    .partialRecord(RelationTypeSchema, z.array(RelationView))
    .describe('Relations in both directions, grouped by type.'),
});
export type EntityDetail = z.infer<typeof EntityDetail>;

export const NeighborhoodResult = z.object({
  graph: SerializedGraph,
  truncated: z.boolean().describe('true when more entities were reachable than `limit` allowed.'),
  counts: z.object({
    nodes: z.number(),
    edges: z.number(),
    byType: z
      .record(z.string(), z.number())
      .describe("The focus entity's relations per type under the filters, before the cap."),
    reachable: z.number().describe('Entities reachable within the depth, before the cap.'),
  }),
});
export type NeighborhoodResult = Omit<z.infer<typeof NeighborhoodResult>, 'graph'> & { graph: GraphJson };

const Direction = z
  .enum(['forward', 'backward'])
  .describe('forward: the hop follows the relation; backward: it goes against it.');

export const PathClaim = z
  .object({
    edge: z.string().describe('The relation key.'),
    type: RelationTypeSchema,
    direction: Direction,
    status: RelationStatusSchema,
    assertedBy: z.array(z.string()),
    evidence: z.array(CitedEvidence),
    sentence: z
      .string()
      .describe(
        'One plain sentence, e.g. "Balochistan Liberation Army targets China-Pakistan Economic Corridor (title, ¶9)".',
      ),
  })
  .describe('One claim between the two entities of a hop.');
export type PathClaim = z.infer<typeof PathClaim>;

export const PathHop = z
  .object({
    edge: z.string().describe("The strongest claim's relation key (cheapest evidence cost, then first by key)."),
    from: z.string(),
    to: z.string(),
    type: RelationTypeSchema.describe("The strongest claim's type."),
    direction: Direction,
    status: RelationStatusSchema.describe("The strongest claim's status."),
    evidence: z.array(CitedEvidence).describe("The strongest claim's citations."),
    sentence: z
      .string()
      .describe(
        'The claims\' sentences, the strongest first; it opens with "Sources disagree:" when one claim denies or disputes what another of the same type says.',
      ),
    claims: z
      .array(PathClaim)
      .describe(
        'Every claim between the two entities that passes the filters, in relation-key order: an allegation and its denial are one hop.',
      ),
  })
  .describe('One step of a route, from an entity to the next.');
export type PathHop = z.infer<typeof PathHop>;

export const GraphPath = z.object({
  nodes: z.array(z.string()),
  edges: z.array(z.string()).describe("Each hop's strongest claim, in order (every claim is in hops[].claims)."),
  hops: z.array(PathHop),
  cost: z.number().describe('Hops, or the evidence-weighted cost when weighted=true.'),
});
export type GraphPath = z.infer<typeof GraphPath>;

export const PathsResult = z.object({
  paths: z.array(GraphPath),
  reason: z.string().optional().describe('Why the list is empty, when it is.'),
});
export type PathsResult = z.infer<typeof PathsResult>;

export const SourceSummary = SourceSchema.extend({
  published: z.string(),
  citations: z.number().describe('Relations, facts and mentions citing this source.'),
});
export type SourceSummary = z.infer<typeof SourceSummary>;

export const SourceDetail = SourceSummary.extend({
  relations: z.array(RelationView).describe('Every relation this source is evidence for.'),
  entities: z.array(EntityRef).describe('Entities with facts or mentions from this source.'),
});
export type SourceDetail = z.infer<typeof SourceDetail>;

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
