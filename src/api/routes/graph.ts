import { z } from 'zod';
import { firstChunkMade, writeChunks } from '../../interop/chunks';
import { EXPORT_FORMAT_IDS, EXPORT_FORMATS, exportBody } from '../../interop/export';
import type { Endpoint } from '../openapi';
import { GraphFilterQuery } from '../params';
import { SerializedGraph } from '../../model';

export const GraphQuery = GraphFilterQuery.extend({
  format: z
    .enum(EXPORT_FORMAT_IDS)
    .default('json')
    .describe(`Serialisation: ${EXPORT_FORMAT_IDS.join(', ')} (json is graphology's; the others download as a file).`),
});

export const graphEndpoints: Endpoint[] = [
  {
    path: '/graph',
    summary: 'The whole graph under the filters',
    query: GraphQuery,
    response: SerializedGraph,
    errors: [400],
    async handle(req, res, { store }) {
      const { format, ...filters } = GraphQuery.parse(req.query);
      const graph = await store.graph(filters);
      if (format === 'json') return res.json(graph);
      const { mediaType, fileName } = EXPORT_FORMATS[format];
      // The first chunk is made before the headers go out: a graph the format refuses (or any other
      // failure of the first pass) still answers with a clear error instead of a cut-off download.
      const body = firstChunkMade(exportBody(format, graph));
      res.attachment(fileName).type(mediaType);
      try {
        if (await writeChunks(body, res)) res.end();
      } catch (e) {
        // Headers are out: all a client can be told is that the download broke off.
        res.destroy();
        throw e;
      }
    },
  },
];
