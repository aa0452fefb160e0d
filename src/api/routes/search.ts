import { z } from 'zod';
import { EntityKindSchema, SearchHit } from '../../model';
import type { Endpoint } from '../endpoint';
import { intParam } from '../params';

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

export const searchEndpoints: Endpoint[] = [
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
];
