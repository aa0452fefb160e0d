import { z } from 'zod';
import {
  EntityKindSchema,
  ENTITY_KIND_IDS,
  PartialDate,
  RELATION_TYPE_IDS,
  RelationStatusSchema,
  RelationTypeSchema,
} from '../model';

/**
 * Query-string building blocks. Lists are comma-separated (`types=allied-with,targets`) or
 * repeated (`types=a&types=b`, whose values join with commas as `${['a', 'b']}` is 'a,b').
 */
export function csvList<T extends z.ZodType<unknown, string>>(item: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((v) => `${v}`.split(',').flatMap((s) => s.trim() || []))
    .pipe(z.array(item).max(64));
}

/** An integer query parameter within bounds, with a default. */
export function intParam(min: number, max: number, fallback: number) {
  return z.coerce.number().int().min(min).max(max).default(fallback);
}

export const booleanParam = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Filters accepted wherever a (sub)graph is returned. */
export const GraphFilterQuery = z.object({
  types: csvList(RelationTypeSchema)
    .optional()
    .describe(`Keep only these relation types (comma-separated): ${RELATION_TYPE_IDS.join(', ')}.`),
  excludeTypes: csvList(RelationTypeSchema).optional().describe('Drop these relation types (comma-separated).'),
  kinds: csvList(EntityKindSchema)
    .optional()
    .describe(`Keep only entities of these kinds (comma-separated): ${ENTITY_KIND_IDS.join(', ')}.`),
  status: csvList(RelationStatusSchema)
    .optional()
    .describe('Keep only claims with these statuses (comma-separated): reported, alleged, denied, disputed.'),
  asOf: PartialDate.optional().describe('Keep what was valid on this date (YYYY, YYYY-MM or YYYY-MM-DD).'),
  knownBy: PartialDate.optional().describe(
    'Keep only claims from sources published by this date: what could be known then.',
  ),
});

export const EntityIdParam = z.string().min(1).max(120).describe('An entity id (slug), e.g. "ttp".');
export const SourceIdParam = z.string().min(1).max(120).describe('A source id (slug), e.g. "isas-2024".');
