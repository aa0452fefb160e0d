import { Router } from 'express';
import { z } from 'zod';
import type { GraphStore } from '../../store/port';
import type { EndpointDoc } from '../endpoint';
import { NotFoundError } from '../../model/errors';
import { SourceIdParam } from '../params';
import { SourceResponse, SourcesResponse } from '../schemas';

export const SourcePath = z.object({ id: SourceIdParam });

export const sourceEndpoints: EndpointDoc[] = [
  {
    method: 'get',
    path: '/sources',
    tag: 'sources',
    summary: 'The source documents, with how often each is cited',
    response: SourcesResponse,
    errors: [],
  },
  {
    method: 'get',
    path: '/sources/{id}',
    tag: 'sources',
    summary: 'One source and everything it supports',
    pathParams: SourcePath,
    response: SourceResponse,
    errors: [400, 404],
  },
];

export function sourceRoutes(store: GraphStore): Router {
  const router = Router();
  router.get('/sources', async (_req, res) => {
    res.json({ sources: await store.sources() });
  });
  router.get('/sources/:id', async (req, res) => {
    const { id } = SourcePath.parse(req.params);
    const source = await store.source(id);
    if (!source) throw new NotFoundError(`unknown source "${id}"`);
    res.json(source);
  });
  return router;
}
