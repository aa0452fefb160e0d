import { z } from 'zod';
import type { Endpoint } from '../openapi';
import { UnknownEntityError } from '../../model/errors';
import { EntityIdParam, GraphFilterQuery, intParam } from '../params';
import { EntityDetail, EntityKindSchema, NeighborhoodResult, SearchHit } from '../../model';
import { entityBriefing, entityInput } from '../../briefing';
import { answerOrBrief, BriefingQuery } from '../briefing';

const SearchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1, 'q is required')
    .max(200)
    .describe(
      'What to look for: a name, alias, acronym or a prefix of one; spelling variants and small typos are forgiven.',
    ),
  kind: EntityKindSchema.optional().describe('Only entities of this kind.'),
  limit: intParam(1, 100, 20).describe('At most this many results (1-100, default 20).'),
});

const EntityPath = z.object({ id: EntityIdParam });

const NeighborhoodQuery = GraphFilterQuery.extend({
  depth: intParam(1, 3, 1).describe('How many hops out from the entity (1-3, default 1).'),
  limit: intParam(1, 5000, 500).describe(
    'At most this many entities, the focus included (default 500); `truncated` says when more were reachable.',
  ),
});

/** Finding entities, and what the graph holds about one. */
export const entityEndpoints: Endpoint[] = [
  {
    path: '/search',
    summary: 'Find entities by name or alias',
    description:
      'Forgives case, accents, hyphens and transliteration variants (Azm-e-Istekham, Tehrik-i-Taliban, Rad-ul-Fasaad), matches prefixes as you type and tolerates small typos. Ranked: exact names, then prefixes, then word prefixes, then fuzzy matches; each result says which spelling matched.',
    query: SearchQuery,
    response: z.object({ results: z.array(SearchHit) }),
    errors: [400, 429],
    rateLimit: 'search',
    async handle(req, res, { store }) {
      const { q, ...options } = SearchQuery.parse(req.query);
      res.json({ results: await store.search(q, options) });
    },
  },
  {
    path: '/entities/{id}',
    summary: 'One entity with its facts and cited relations',
    description:
      'Relations in both directions, grouped by type, each with status, dates, who asserts it and its evidence (source title, publisher, date, paragraph). With `format=markdown`, a cited briefing (text/markdown): description, figures (differing ones side by side) and relations by type, one footnoted sentence per claim.',
    pathParams: EntityPath,
    query: BriefingQuery,
    response: EntityDetail,
    errors: [400, 404, 503],
    async handle(req, res, context) {
      const { id } = EntityPath.parse(req.params);
      const q = BriefingQuery.parse(req.query);
      const entity = await context.store.getEntity(id);
      if (!entity) throw new UnknownEntityError(id);
      await answerOrBrief(res, context, q, entity, async () =>
        entityBriefing(await entityInput(context.store, entity)),
      );
    },
  },
  {
    path: '/entities/{id}/neighborhood',
    summary: 'The subgraph around an entity',
    description:
      "Breadth-first over relations in both directions, under the filters. Capped at `limit` entities with `truncated: true` when more were reachable; `counts.byType` gives the focus entity's relations per type so a client can narrow the request.",
    pathParams: EntityPath,
    query: NeighborhoodQuery,
    response: NeighborhoodResult,
    errors: [400, 404],
    async handle(req, res, { store, elementBytes, replyBuffers }) {
      const { id } = EntityPath.parse(req.params);
      const q = NeighborhoodQuery.parse(req.query);
      const result = await store.neighborhood(id, q);
      if (!result) throw new UnknownEntityError(id);
      res.type('json').send(await elementBytes.answerJson(result, replyBuffers.lenderFor(res)));
    },
  },
];
