import { Router } from 'express';
import { z } from 'zod';
import { EXPORT_FORMAT_IDS, EXPORT_FORMATS, exportBody } from '../../interop/export';
import type { GraphStore } from '../../store/port';
import type { EndpointDoc } from '../endpoint';
import { GraphFilterQuery } from '../params';
import { SerializedGraph } from '../schemas';

export const GraphQuery = GraphFilterQuery.extend({
  format: z.enum(EXPORT_FORMAT_IDS).default('json').describe(`Serialisation: ${EXPORT_FORMAT_IDS.join(', ')} (json is graphology's; the others download as a file).`),
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

/** The whole graph (or filtered) in any export format; non-JSON formats download as a file. */
export function graphRoutes(store: GraphStore): Router {
  const router = Router();
  router.get('/graph', async (req, res) => {
    const { format, ...filters } = GraphQuery.parse(req.query);
    const graph = await store.graph(filters);
    if (format === 'json') {
      res.json(graph);
      return;
    }
    const { mediaType, fileName } = EXPORT_FORMATS[format];
    res.attachment(fileName).type(mediaType).send(exportBody(format, graph));
  });
  return router;
}
