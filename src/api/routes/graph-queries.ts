import { Router } from 'express';
import { z } from 'zod';
import { EXPORT_FORMAT_IDS, EXPORT_FORMATS, exportBody } from '../../interop/export';
import { EntityKindSchema } from '../../model';
import type { GraphStore } from '../../store/port';
import { notFound } from '../errors';
import { booleanParam, csvList, EntityIdParam, GraphFilterQuery, intParam } from '../params';

export const SearchQuery = z.object({
  q: z.string().trim().min(1, 'q is required').max(200),
  kind: EntityKindSchema.optional(),
  limit: intParam(1, 100, 20),
});

export const NeighborhoodQuery = GraphFilterQuery.extend({
  depth: intParam(1, 3, 1),
  limit: intParam(1, 5000, 500),
});

export const PathsQuery = GraphFilterQuery.extend({
  from: EntityIdParam,
  to: EntityIdParam,
  maxHops: intParam(1, 6, 4),
  k: intParam(1, 10, 3),
  directed: booleanParam.default(false),
  weighted: booleanParam.default(false),
});

export const GraphQuery = GraphFilterQuery.extend({
  format: z.enum(EXPORT_FORMAT_IDS).default('json'),
});

/** Search, entity, neighbourhood, paths and whole-graph endpoints. */
export function graphQueryRoutes(store: GraphStore): Router {
  const router = Router();

  router.get('/search', async (req, res) => {
    const q = SearchQuery.parse(req.query);
    const results = await store.search(q.q, { limit: q.limit, ...(q.kind ? { kind: q.kind } : {}) });
    res.json({ results });
  });

  router.get('/entities/:id', async (req, res) => {
    const id = EntityIdParam.parse(req.params.id);
    const entity = await store.getEntity(id);
    if (!entity) throw notFound(`unknown entity "${id}"`);
    res.json(entity);
  });

  router.get('/entities/:id/neighborhood', async (req, res) => {
    const id = EntityIdParam.parse(req.params.id);
    const q = NeighborhoodQuery.parse(req.query);
    const result = await store.neighborhood(id, q);
    if (!result) throw notFound(`unknown entity "${id}"`);
    res.json(result);
  });

  router.get('/paths', async (req, res) => {
    const { from, to, ...options } = PathsQuery.parse(req.query);
    res.json(await store.paths(from, to, options));
  });

  // Whole graph (or filtered) in any export format; non-JSON formats download as a file.
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

  router.get('/sources', async (_req, res) => {
    res.json({ sources: await store.sources() });
  });

  router.get('/sources/:id', async (req, res) => {
    const id = EntityIdParam.parse(req.params.id);
    const source = await store.source(id);
    if (!source) throw notFound(`unknown source "${id}"`);
    res.json(source);
  });

  return router;
}

export { csvList };
