import { Router } from 'express';
import { z } from 'zod';
import { analyseGraph, DEFAULT_BETWEENNESS, filterKey, ResultCache, type AnalyticsReport } from '../../analysis';
import type { GraphStore } from '../../store/port';
import type { EndpointDoc } from '../endpoint';
import { GraphFilterQuery, intParam } from '../params';

export const AnalyticsQuery = GraphFilterQuery.extend({
  top: intParam(1, 100, 10).describe('Length of each ranking and member list (1-100, default 10).'),
});

const RankedSchema = z.object({ id: z.string(), name: z.string(), kind: z.string(), value: z.number() });
const LayerSchema = z.object({
  types: z.array(z.string()).describe('Relation types this view is computed over.'),
  nodes: z.number(),
  ties: z.number().describe('Distinct connected pairs (parallel claims merged).'),
  degree: z.array(RankedSchema).describe('Distinct neighbours.'),
  betweenness: z.array(RankedSchema).describe('Share of shortest paths between other pairs passing through the entity (0-1).'),
  pagerank: z.array(RankedSchema).describe('PageRank over the directed ties (symmetric relations both ways), weighted by claims.'),
  communities: z.object({
    count: z.number(),
    modularity: z.number(),
    list: z.array(z.object({ id: z.number(), size: z.number(), members: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })) })),
  }).describe('Louvain communities, numbered by size (0 = largest); singletons are counted but not listed.'),
  brokers: z
    .array(z.object({ id: z.string(), name: z.string(), kind: z.string(), community: z.number(), bridges: z.array(z.number()), participation: z.number() }))
    .describe('Entities tying communities together, by participation coefficient.'),
  betweennessMethod: z.object({ method: z.enum(['exact', 'sampled']), sources: z.number() }),
});

export const AnalyticsResponse = z.object({
  overall: LayerSchema,
  layers: z.object({ cooperative: LayerSchema, hostile: LayerSchema }).describe('The signed view: cooperative and hostile ties analysed apart.'),
  cached: z.boolean().describe('true when served from the per-filter cache.'),
  computedMs: z.number().describe('Time the computation took (when it was computed).'),
});

export const analyticsEndpoints: EndpointDoc[] = [
  {
    method: 'get',
    path: '/analytics',
    tag: 'analytics',
    summary: 'Centrality rankings, communities and brokers, overall and per signed layer',
    description: `Computed on the filtered graph and cached per filter set (10 minutes). Betweenness is exact (Brandes) up to ${DEFAULT_BETWEENNESS.exactUpTo} entities and sampled from ${DEFAULT_BETWEENNESS.pivots} sources above; each view says which in betweennessMethod.`,
    query: AnalyticsQuery,
    response: AnalyticsResponse,
    errors: [400],
  },
];

export function analyticsRoutes(store: GraphStore): Router {
  const router = Router();
  const cache = new ResultCache<{ report: AnalyticsReport; computedMs: number }>({ maxEntries: 32, ttlMs: 10 * 60_000 });
  router.get('/analytics', async (req, res) => {
    const { top, ...filters } = AnalyticsQuery.parse(req.query);
    const { value, cached } = await cache.get(filterKey({ ...filters, top }), async () => {
      const json = await store.graph(filters);
      const started = performance.now();
      const report = analyseGraph(json, { top });
      return { report, computedMs: Math.round(performance.now() - started) };
    });
    res.json({ ...value.report, cached, computedMs: value.computedMs });
  });
  return router;
}
