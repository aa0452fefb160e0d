import { z } from 'zod';
import { EntityKindSchema, PartialDate, RelationStatusSchema, RelationTypeSchema, Slug } from '../model';
import type { Question } from '../model/questions';

/**
 * The question file format (one YAML mapping per file in `questions/`), validated whole: fields,
 * then the recipe's `$parameter` references against the declared parameters and their types.
 * Each issue carries the path of the field it is about, so the loader can name its line.
 */

/** `$name`: the value of the parameter `name`. */
export const PARAMETER_REF = /^\$([a-z][a-zA-Z0-9-]*)$/;
const ParamRef = z.string().regex(PARAMETER_REF, 'a parameter reference is written $name');
const text = (max: number) => z.string().trim().min(1).max(max);

const EntityParameterSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-zA-Z0-9-]*$/, 'a parameter name starts with a lower-case letter'),
  type: z.literal('entity'),
  description: text(300),
  kinds: z.array(EntityKindSchema).min(1).optional(),
  default: Slug.optional(),
});
const DateParameterSchema = EntityParameterSchema.omit({ kinds: true, default: true }).extend({
  type: z.literal('date'),
  default: PartialDate.optional(),
});
const RelationTypesParameterSchema = EntityParameterSchema.omit({ kinds: true, default: true }).extend({
  type: z.literal('relation-types'),
  default: z.array(RelationTypeSchema).min(1).optional(),
});
const ParameterSchema = z.discriminatedUnion('type', [
  EntityParameterSchema,
  DateParameterSchema,
  RelationTypesParameterSchema,
]);

const Types = z.union([z.array(RelationTypeSchema).min(1), ParamRef]);
const DateValue = z.union([ParamRef, PartialDate]);
const filters = {
  types: Types.optional(),
  excludeTypes: Types.optional(),
  kinds: z.array(EntityKindSchema).min(1).optional(),
  status: z.array(RelationStatusSchema).min(1).optional(),
  asOf: DateValue.optional(),
  knownBy: DateValue.optional(),
};
const EntityValue = z.union([ParamRef, Slug]);

/** The entities the step before found, its own focus left out: a step can widen another's answer. */
export const PREVIOUS = '@previous';

const NeighborhoodStepSchema = z.strictObject({
  op: z.literal('neighborhood'),
  focus: z.union([z.literal(PREVIOUS), EntityValue, z.array(Slug).min(1).max(20)]),
  depth: z.number().int().min(1).max(3).default(1),
  direction: z.enum(['outgoing', 'incoming']).optional(),
  changedWithin: z
    .strictObject({ from: DateValue.optional(), to: DateValue.optional() })
    .refine((w) => w.from !== undefined || w.to !== undefined, 'give from, to or both')
    .optional(),
  ...filters,
});
const PathsStepSchema = z.strictObject({
  op: z.literal('paths'),
  from: EntityValue,
  to: EntityValue,
  maxHops: z.number().int().min(1).max(6).default(4),
  k: z.number().int().min(1).max(10).default(3),
  directed: z.boolean().default(false),
  weighted: z.boolean().default(false),
  ...filters,
});
const StepSchema = z.discriminatedUnion('op', [NeighborhoodStepSchema, PathsStepSchema]);

/** Which parameter type each recipe field takes when it holds a `$reference`. */
const REFERENCE_TYPES: Record<string, Question['parameters'][number]['type']> = {
  focus: 'entity',
  from: 'entity',
  to: 'entity',
  types: 'relation-types',
  excludeTypes: 'relation-types',
  asOf: 'date',
  knownBy: 'date',
};

const article = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

export const QuestionSchema = z
  .strictObject({
    id: Slug,
    title: text(200),
    description: text(1000),
    parameters: z.array(ParameterSchema).max(10).default([]),
    recipe: z.array(StepSchema).min(1).max(10),
  })
  .superRefine((q, ctx) => {
    const declared = new Map<string, string>();
    q.parameters.forEach((p, i) => {
      if (declared.has(p.name))
        ctx.addIssue({ code: 'custom', path: ['parameters', i, 'name'], message: `"${p.name}" is declared twice` });
      declared.set(p.name, p.type);
    });
    q.recipe.forEach((step, i) => {
      if (step.op === 'neighborhood' && step.focus === PREVIOUS && i === 0)
        ctx.addIssue({ code: 'custom', path: ['recipe', i, 'focus'], message: `${PREVIOUS} needs a step before it` });
      if (step.op === 'neighborhood' && step.direction && step.depth > 1)
        ctx.addIssue({ code: 'custom', path: ['recipe', i, 'direction'], message: 'direction needs depth 1' });
      const fields: [string[], unknown][] = Object.entries(step).map(([k, v]) => [[k], v]);
      if (step.op === 'neighborhood' && step.changedWithin)
        for (const [k, v] of Object.entries(step.changedWithin)) fields.push([['changedWithin', k], v]);
      for (const [path, value] of fields) {
        const ref = typeof value === 'string' ? PARAMETER_REF.exec(value) : null;
        if (!ref) continue;
        const name = ref[1]!;
        const wanted = REFERENCE_TYPES[path[0]!] ?? 'date';
        const type = declared.get(name);
        const message =
          type === undefined
            ? `refers to $${name}, which is not among the parameters`
            : type !== wanted
              ? `refers to $${name}, which is ${article(type)} parameter; this field takes ${article(wanted)} parameter`
              : null;
        if (message) ctx.addIssue({ code: 'custom', path: ['recipe', i, ...path], message });
      }
    });
  });

// Held equal to the model's type at compile time: a change to one without the other does not build.
const _sameShape: Question = {} as z.output<typeof QuestionSchema>;
void _sameShape;
