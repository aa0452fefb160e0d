import type { Endpoint } from '../openapi';
import { booleanParam, EntityIdParam, GraphFilterQuery, intParam } from '../params';
import { PathsResult } from '../../model';
import { pathsBriefing, pathsInput } from '../../briefing';
import { answerOrBrief, BriefingQuery } from '../briefing';

export const PathsQuery = GraphFilterQuery.extend({
  ...BriefingQuery.shape,
  from: EntityIdParam.describe('Entity id where paths start.'),
  to: EntityIdParam.describe('Entity id where paths end.'),
  maxHops: intParam(1, 6, 4).describe('Longest path considered, in hops (1-6, default 4).'),
  k: intParam(1, 10, 3).describe('How many paths, best first (1-10, default 3).'),
  directed: booleanParam
    .default(false)
    .describe('Follow relations only in their direction (symmetric relations go both ways). Default false.'),
  weighted: booleanParam
    .default(false)
    .describe(
      'Rank by evidence strength instead of hop count: a claim costs status factor (reported 1, disputed 1.5, alleged 2, denied 3) * credibility factor (0.8 + 0.2 * (credibility - 1) when given, else 1) / (1 + 0.5 * (citations - 1)), and a hop costs its cheapest claim.',
    ),
});

export const pathEndpoints: Endpoint[] = [
  {
    path: '/paths',
    summary: 'The k best paths between two entities, explained hop by hop',
    description:
      "Yen's k shortest loopless routes: k different sequences of entities. Every claim between two consecutive entities belongs to one hop and is listed in its `claims` (status, asserters, citations, sentence); the hop keeps its strongest claim's edge, type, direction, status and evidence, and its sentence says when the claims disagree. Among equally short routes, each step takes the first move (by the key of its first claim) that still lies on a shortest route. No path is not an error: 200 with an empty list and the reason. With `format=markdown`, a cited briefing (text/markdown): each route as its hops, each claim one footnoted sentence.",
    query: PathsQuery,
    response: PathsResult,
    errors: [400, 404, 503],
    async handle(req, res, context) {
      const { from, to, format, passages, ...options } = PathsQuery.parse(req.query);
      const result = await context.store.paths(from, to, options);
      await answerOrBrief(res, context, { format, passages }, result, async () =>
        pathsBriefing(await pathsInput(context.store, from, to, result)),
      );
    },
  },
];
