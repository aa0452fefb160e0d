import { Router } from 'express';
import { ENTITY_KINDS, neo4jRelationshipType, RELATION_TYPE_IDS, RELATION_TYPES } from '../../model';
import type { GraphStore } from '../../store/port';

/** Health and the model registries: what a client needs before asking anything else. */
export function metaRoutes(store: GraphStore): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const health = await store.health();
    if (!health.ok) res.set('Retry-After', '5');
    res.status(health.ok ? 200 : 503).json(health);
  });
  router.get('/schema', (_req, res) => {
    res.json({
      kinds: ENTITY_KINDS,
      relationTypes: Object.fromEntries(RELATION_TYPE_IDS.map((t) => [t, { ...RELATION_TYPES[t], neo4jType: neo4jRelationshipType(t) }])),
      statuses: ['reported', 'alleged', 'denied', 'disputed'],
    });
  });
  return router;
}
