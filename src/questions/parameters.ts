import { z } from 'zod';
import { ENTITY_KINDS, PartialDate, RelationTypeSchema } from '../model';
import { BadParameterError, UnknownEntityError } from '../model/errors';
import type { ParameterKind, Question } from '../model/questions';
import type { GraphStore } from '../store/port';

/** Query parameters that are not a question's own: the answer's format, read by the briefing route. */
const RESERVED_PARAMETERS = ['format', 'passages'];

export type ParameterValues = Record<string, string | string[]>;

/** How a query-string value of each parameter type is read: a list may be repeated or comma-separated. */
const VALUE_SCHEMAS: Record<ParameterKind, z.ZodType> = {
  entity: z.string().min(1).max(120),
  date: PartialDate,
  'relation-types': z
    .union([z.string(), z.array(z.string())])
    .transform((v) => [v].flat().flatMap((s) => s.split(',').flatMap((t) => t.trim() || [])))
    .pipe(z.array(RelationTypeSchema).min(1).max(64)),
};

/** A request's parameters checked against their types, defaults filling the rest; each error names the parameter. */
export async function resolveParameters(store: GraphStore, question: Question, given: Record<string, unknown>) {
  // A misspelt name would otherwise be ignored silently and its default answer instead.
  const names = question.parameters.map((p) => p.name);
  for (const name of Object.keys(given)) {
    if (names.includes(name) || RESERVED_PARAMETERS.includes(name)) continue;
    const takes = names.length > 0 ? `it takes ${names.join(', ')}` : 'it takes none';
    throw new BadParameterError(name, `not a parameter of the question "${question.id}"; ${takes}`);
  }
  const shape = question.parameters.map((p) => [
    p.name,
    p.default === undefined ? VALUE_SCHEMAS[p.type] : VALUE_SCHEMAS[p.type].default(p.default),
  ]);
  const values = z.object(Object.fromEntries(shape)).parse(given) as ParameterValues;
  for (const p of question.parameters) {
    if (p.type !== 'entity') continue;
    const value = values[p.name] as string;
    const entity = await store.getEntity(value);
    if (!entity) throw new UnknownEntityError(value, p.name);
    if (p.kinds && !p.kinds.includes(entity.kind)) {
      const allowed = p.kinds.map((k) => ENTITY_KINDS[k].label).join(', ');
      const message = `"${value}" is a ${ENTITY_KINDS[entity.kind].label}; this question takes: ${allowed}`;
      throw new BadParameterError(p.name, message);
    }
  }
  return values;
}
