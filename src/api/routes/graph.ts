import { Router } from 'express';
import { z } from 'zod';
import type { GraphStore } from '../../store/port';
import type { EndpointDoc } from '../endpoint';
import { GraphFilterQuery } from '../params';
import { SerializedGraph } from '../schemas';

export const GraphQuery = GraphFilterQuery.extend({
  format: z.enum(['json']).default('json').describe('Serialisation: json (graphology).'),
});

export const graphEndpoints: EndpointDoc[] = [
  {
    method: 'get',
    path: '/graph',
    tag: 'graph',
    summary: 'The whole graph under the filters',
    query: GraphQuery,
    response: SerializedGraph,
    errors: [400],
  },
];

/** The whole graph: kept small on purpose, other formats plug in by `format`. */
export function graphRoutes(store: GraphStore): Router {
  const router = Router();
  router.get('/graph', async (req, res) => {
    const { format: _format, ...filters } = GraphQuery.parse(req.query);
    res.json(await store.graph(filters));
  });
  return router;
}
