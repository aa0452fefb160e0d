import { z } from 'zod';
import { EntityKindSchema, PartialDate, RelationStatusSchema, RelationTypeSchema } from '../model';

/**
 * Query-string building blocks. Lists are comma-separated (`types=allied-with,targets`) or
 * repeated (`types=a&types=b`); both arrive as one array.
 */
export function csvList<T extends z.ZodType<unknown, string>>(item: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s.length > 0))
    .pipe(z.array(item).max(64));
}

/** An integer query parameter within bounds, with a default. */
export function intParam(min: number, max: number, fallback: number) {
  return z.coerce.number().int().min(min).max(max).default(fallback);
}

export const booleanParam = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

/** Filters accepted wherever a (sub)graph is returned. */
export const GraphFilterQuery = z.object({
  types: csvList(RelationTypeSchema).optional(),
  excludeTypes: csvList(RelationTypeSchema).optional(),
  kinds: csvList(EntityKindSchema).optional(),
  status: csvList(RelationStatusSchema).optional(),
  asOf: PartialDate.optional(),
  knownBy: PartialDate.optional(),
});

export const EntityIdParam = z.string().min(1).max(120);
