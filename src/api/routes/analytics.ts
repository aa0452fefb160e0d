import { z } from 'zod';
import { trimReport } from '../../analysis/analyse';
import { AnalyticsService, DEFAULT_ANALYTICS_SERVICE, MAX_TOP } from '../../analysis/service';
import type { AnalyticsServiceOptions } from '../../analysis/service';
import { DEFAULT_BETWEENNESS } from '../../analysis/betweenness';
import type { GraphStore } from '../../store/port';
import type { Logger } from '../hardening';
import type { Endpoint } from '../openapi';
import { GraphFilterQuery, intParam } from '../params';

/** Seconds a request waits for an analysis that is not ready before answering 202. */
const DEFAULT_WAIT_S = 5;
export const MAX_WAIT_S = 60;
/** Seconds a client is asked to wait before asking again (Retry-After of a 202). */
const RETRY_AFTER_S = 2;

export const AnalyticsQuery = GraphFilterQuery.extend({
  top: intParam(1, MAX_TOP, 10).describe(`Length of each ranking and member list (1-${MAX_TOP}, default 10).`),
  wait: intParam(0, MAX_WAIT_S, DEFAULT_WAIT_S).describe(
    `Seconds to wait for an analysis that is not ready yet (0-${MAX_WAIT_S}, default ${DEFAULT_WAIT_S}) before answering 202 Accepted; 0 answers at once.`,
  ),
});

const Member = z.object({ id: z.string(), name: z.string(), kind: z.string() });
const Ranked = Member.extend({ value: z.number() });
const LayerSchema = z.object({
  types: z.array(z.string()).describe('Relation types this view is computed over.'),
  nodes: z.number(),
  ties: z.number().describe('Distinct connected pairs (parallel claims merged).'),
  degree: z.array(Ranked).describe('Distinct neighbours.'),
  betweenness: z
    .array(Ranked)
    .describe('Share of shortest paths between other pairs passing through the entity (0-1).'),
  pagerank: z
    .array(Ranked)
    .describe('PageRank over the directed ties (symmetric relations both ways), weighted by claims.'),
  communities: z
    .object({
      count: z.number(),
      modularity: z.number(),
      list: z.array(z.object({ id: z.number(), size: z.number(), members: z.array(Member) })),
    })
    .describe('Louvain communities, numbered by size (0 = largest); singletons are counted but not listed.'),
  brokers: z
    .array(Member.extend({ community: z.number(), bridges: z.array(z.number()), participation: z.number() }))
    .describe('Entities tying communities together, by participation coefficient.'),
  betweennessMethod: z.object({ method: z.enum(['exact', 'sampled']), sources: z.number() }),
});

export const AnalyticsResponse = z.object({
  overall: LayerSchema,
  layers: z
    .object({ cooperative: LayerSchema, hostile: LayerSchema })
    .describe('The signed view: cooperative and hostile ties analysed apart.'),
  cached: z.boolean().describe('true when the analysis was already finished when this request arrived.'),
  computedMs: z
    .number()
    .describe(
      "Time the analysis took, from reading the graph to the result (including any wait behind another filter set's analysis).",
    ),
  startedAt: z.string().describe('When the analysis of this filter set started (ISO 8601).'),
  computedOn: z
    .enum(['inline', 'worker'])
    .describe('inline: small graph, analysed on the request thread; worker: analysed on a worker thread.'),
});

export const AnalyticsPending = z.object({
  status: z.literal('computing'),
  message: z.string(),
  startedAt: z.string().describe('When the analysis of this filter set started (ISO 8601).'),
  elapsedMs: z.number(),
  retryAfter: z.number().describe('Seconds to wait before asking again (also in the Retry-After header).'),
});

export const analyticsEndpoints: Endpoint[] = [
  {
    path: '/analytics',
    summary: 'Centrality rankings, communities and brokers, overall and per signed layer',
    description: [
      `Computed on the filtered graph and kept per filter set (10 minutes). Betweenness is exact (Brandes) up to ${DEFAULT_BETWEENNESS.exactUpTo} entities and sampled from at most ${DEFAULT_BETWEENNESS.pivots} sources above; each view says which in betweennessMethod.`,
      `Graphs above ${DEFAULT_ANALYTICS_SERVICE.inlineUpTo} entities + relations are analysed on a worker thread, so the analysis never blocks other requests. The request waits up to \`wait\` seconds for it; if it is not ready by then the answer is 202 Accepted with Retry-After and a status body: ask again (with the same filters) to get the result. Concurrent requests for one filter set share one analysis. \`kg serve\` starts the unfiltered analysis when it starts.`,
      `A worker that crashes answers 500 ANALYSIS_FAILED and one that passes the time limit 503 ANALYSIS_TIMEOUT; a failure is reported once, and the next request starts the analysis again.`,
    ].join(' '),
    query: AnalyticsQuery,
    response: AnalyticsResponse,
    otherResponses: {
      202: {
        description: 'The analysis is still running; ask again after Retry-After seconds.',
        schema: AnalyticsPending,
        headers: ['Retry-After'],
      },
    },
    errors: [400, 500, 503],
    async handle(req, res, { analytics }) {
      const { top, wait, ...filters } = AnalyticsQuery.parse(req.query);
      const outcome = await analytics.request(filters, wait * 1000);
      const startedAt = new Date(outcome.job.startedAt).toISOString();
      if (outcome.state === 'running') {
        const elapsedMs = Date.now() - outcome.job.startedAt;
        const message = `the analysis of this filter set has been running for ${Math.round(elapsedMs / 1000)} s; ask again with the same filters`;
        const pending = { status: 'computing', message, startedAt, elapsedMs, retryAfter: RETRY_AFTER_S };
        return res.status(202).set('Retry-After', String(RETRY_AFTER_S)).json(pending);
      }
      const { report, computedMs, ranOn: computedOn } = outcome.value;
      res.json({ ...trimReport(report, top), cached: outcome.cached, computedMs, startedAt, computedOn });
    },
  },
];

/** `precompute`: start the unfiltered analysis now, in the background (`kg serve` does). */
export type AnalyticsRouteOptions = Partial<AnalyticsServiceOptions> & { precompute?: boolean };

/** The analyses behind /api/analytics, each logged in one line: how long it took and where the time went, or why it failed. */
export function analyticsService(store: GraphStore, { precompute, ...options }: AnalyticsRouteOptions, log: Logger) {
  const service = new AnalyticsService(store, {
    ...options,
    onSettled: (job) => {
      if (job.value) {
        const { computedMs: ms, ranOn: on, timings } = job.value;
        log({ level: 'info', msg: 'analysis finished', filters: job.key, ms, on, timings });
      } else {
        const err = job.error instanceof Error ? job.error.message : String(job.error);
        log({ level: 'error', msg: 'analysis failed', filters: job.key, err });
      }
      options.onSettled?.(job);
    },
  });
  if (precompute) service.job({});
  return service;
}
