import { z } from 'zod';
import type * as views from '../model/views';
import type { ClaimView as QuestionClaim } from '../model/questions';
import {
  CitationSchema,
  EntityKindSchema,
  FactSchema,
  RelationStatusSchema,
  RelationTypeSchema,
  SourceSchema,
} from '../model';

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string().describe('Stable machine-readable code, e.g. BAD_REQUEST, NOT_FOUND, CYPHER_REFUSED.'),
      message: z.string(),
      details: z
        .unknown()
        .optional()
        .describe('For BAD_REQUEST: the zod issues, each naming its parameter; for Cypher errors: line and column.'),
    }),
  })
  .describe('Every error has this shape; no response carries a stack trace.');

export const CitedEvidence = CitationSchema.extend({
  title: z.string(),
  publisher: z.string().optional(),
  published: z.string(),
});

export const EntityRef = z.object({ id: z.string(), name: z.string(), kind: EntityKindSchema });

/** What every view of a relation says about the claim itself (the model's ClaimFields). */
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

export const ClaimView = ClaimFields.extend({
  from: EntityRef,
  to: EntityRef,
  sentence: z.string().describe('One plain sentence with its citations; contested claims say who asserts them.'),
}).describe('A relation that answers the question, with its cited evidence.');

export const RelationView = ClaimFields.extend({
  from: z.string(),
  to: z.string(),
  other: EntityRef.describe('The entity at the other end, seen from the entity asked for.'),
  direction: z.enum(['outgoing', 'incoming']),
});

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

export const HealthResponse = z.object({
  ok: z.boolean(),
  store: z.enum(['memory', 'neo4j']),
  entities: z.number(),
  relations: z.number(),
  message: z.string().optional(),
  code: z
    .literal('STORE_UNAVAILABLE')
    .optional()
    .describe('Present when ok is false: the code the other endpoints answer with while the store is down.'),
  passages: z
    .boolean()
    .describe(
      'Whether the source texts are there, so cited passages can be served (GET /sources/{id}/paragraphs/{n}).',
    ),
});

export const SearchResponse = z.object({
  results: z.array(
    EntityRef.extend({
      matched: z.string().describe('The name, alias or demonym that matched, as spelled in the data.'),
      score: z.number().describe('Higher is better; comparable within one response.'),
    }),
  ),
});

export const EntityResponse = z.object({
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

export const NeighborhoodResponse = z.object({
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

export const PathsResponse = z.object({
  paths: z.array(
    z.object({
      nodes: z.array(z.string()),
      edges: z.array(z.string()).describe("Each hop's strongest claim, in order (every claim is in hops[].claims)."),
      hops: z.array(PathHop),
      cost: z.number().describe('Hops, or the evidence-weighted cost when weighted=true.'),
    }),
  ),
  reason: z.string().optional().describe('Why the list is empty, when it is.'),
});

export const SourceSummary = SourceSchema.extend({
  published: z.string(),
  citations: z.number().describe('Relations, facts and mentions citing this source.'),
});

export const SourcesResponse = z.object({ sources: z.array(SourceSummary) });

export const SourceResponse = SourceSummary.extend({
  relations: z.array(RelationView).describe('Every relation this source is evidence for.'),
  entities: z.array(EntityRef).describe('Entities with facts or mentions from this source.'),
});

// The response shapes are the model's views (src/model/views.ts), described again for the OpenAPI
// document: a view changed without its schema here no longer compiles; the API tests check real answers.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : 'the schema allows more') : 'the view allows more';
export const SCHEMAS_MATCH_VIEWS: [
  Same<z.infer<typeof RelationView>, views.RelationView>,
  Same<z.infer<typeof PathHop>, views.PathHop>,
  Same<z.infer<typeof PathsResponse>, views.PathsResult>,
  Same<z.infer<typeof SourceResponse>, views.SourceDetail>,
  Same<z.infer<typeof ClaimView>, QuestionClaim>,
] = [true, true, true, true, true];
