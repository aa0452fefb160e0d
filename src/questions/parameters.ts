import { z } from 'zod';
import { ENTITY_KINDS, PartialDate, RelationTypeSchema } from '../model';
import { BadParameterError, UnknownEntityError } from '../model/errors';
import type { Question, QuestionParameter } from '../model/questions';
import type { GraphStore } from '../store/port';

/**
 * A question's parameters as a request gives them (query-string values), checked against their
 * declared types: a bad date or list is a zod issue naming the parameter (400), an unknown entity
 * an UnknownEntityError naming it (404), an entity of the wrong kind a BadParameterError (400).
 */

/** Query parameters that are not a question's own: the answer's format, read by the briefing route. */
export const RESERVED_PARAMETERS = ['format', 'passages'] as const;

export type ParameterValues = Record<string, string | string[]>;

const relationTypeList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) =>
    (Array.isArray(v) ? v : [v])
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  )
  .pipe(z.array(RelationTypeSchema).min(1).max(64));

function valueSchema(p: QuestionParameter): z.ZodType {
  const schema =
    p.type === 'entity'
      ? z.string().min(1).max(120).describe('An entity id (slug), e.g. "ttp".')
      : p.type === 'date'
        ? PartialDate
        : relationTypeList;
  return p.default === undefined ? schema : schema.optional();
}

/** The zod object a question's query string is parsed with. */
export function parametersSchema(question: Question): z.ZodType<Record<string, unknown>> {
  return z.object(Object.fromEntries(question.parameters.map((p) => [p.name, valueSchema(p)])));
}

/** Parses and checks the values against the store; defaults fill what was not given. */
export async function resolveParameters(
  store: GraphStore,
  question: Question,
  given: Record<string, unknown>,
): Promise<ParameterValues> {
  // A misspelt name would otherwise be ignored silently and its default answer instead.
  const names = question.parameters.map((p) => p.name);
  for (const name of Object.keys(given)) {
    if (names.includes(name) || (RESERVED_PARAMETERS as readonly string[]).includes(name)) continue;
    const takes = names.length > 0 ? `it takes ${names.join(', ')}` : 'it takes none';
    throw new BadParameterError(name, `not a parameter of the question "${question.id}"; ${takes}`);
  }
  const parsed = parametersSchema(question).parse(given);
  const values: ParameterValues = {};
  for (const p of question.parameters) {
    const value = (parsed[p.name] ?? p.default) as string | string[];
    values[p.name] = value;
    if (p.type !== 'entity') continue;
    const id = value as string;
    const entity = await store.getEntity(id);
    if (!entity) throw new UnknownEntityError(id, p.name);
    if (p.kinds && !p.kinds.includes(entity.kind)) {
      const allowed = p.kinds.map((k) => ENTITY_KINDS[k].label).join(', ');
      throw new BadParameterError(
        p.name,
        `"${id}" is a ${ENTITY_KINDS[entity.kind].label}; this question takes: ${allowed}`,
      );
    }
  }
  return values;
}
