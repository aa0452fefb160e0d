import { z } from 'zod';
import {
  ENTITY_KINDS,
  neo4jRelationshipType,
  RELATION_TYPE_IDS,
  RELATION_TYPES,
  RelationStatusSchema,
} from '../../model';
import type { StoreHealth } from '../../store/port';
import type { Endpoint } from '../openapi';
import { STORE_RETRY_AFTER_SECONDS } from '../errors';

const HealthResponse = z.object({
  ok: z.boolean(),
  store: z.enum(['memory', 'neo4j']),
  entities: z.number(),
  relations: z.number(),
  message: z.string().optional(),
  code: z
    .literal('STORE_UNAVAILABLE')
    .optional()
    .describe('Present when ok is false: the code the other endpoints answer with while the store is down.'),
  passages: z
    .boolean()
    .describe(
      'Whether the source texts are there, so cited passages can be served (GET /sources/{id}/paragraphs/{n}).',
    ),
});

/** Health and the model registries: what a client needs before asking anything else. */
export const metaEndpoints: Endpoint[] = [
  {
    path: '/health',
    tag: 'meta',
    summary: 'Store kind and counts',
    description: `503 with Retry-After (${STORE_RETRY_AFTER_SECONDS} s) while the store is unreachable; back to 200 as soon as it answers again, without a restart.`,
    response: HealthResponse,
    errors: [503],
    async handle(_req, res, { store, texts }) {
      // Asked afresh every time: a store that comes back is reported healthy at once.
      const health = await store.health().catch((err: unknown): StoreHealth => {
        const message = err instanceof Error ? err.message : 'store unavailable';
        return { ok: false, store: store.kind, entities: 0, relations: 0, message };
      });
      if (!health.ok) res.set('Retry-After', String(STORE_RETRY_AFTER_SECONDS));
      // The same code as every other endpoint's 503 while the store is down, so a client checks one thing.
      res
        .status(health.ok ? 200 : 503)
        .json({ ...health, ...(health.ok ? {} : { code: 'STORE_UNAVAILABLE' }), passages: texts.available() });
    },
  },
  {
    path: '/schema',
    tag: 'meta',
    summary: 'The entity-kind and relation-type registries',
    response: z.object({
      kinds: z.record(z.string(), z.unknown()),
      relationTypes: z.record(z.string(), z.unknown()),
      statuses: z.array(z.string()),
    }),
    handle(_req, res) {
      res.json({
        kinds: ENTITY_KINDS,
        relationTypes: Object.fromEntries(
          RELATION_TYPE_IDS.map((t) => [t, { ...RELATION_TYPES[t], neo4jType: neo4jRelationshipType(t) }]),
        ),
        statuses: RelationStatusSchema.options,
      });
    },
  },
];
