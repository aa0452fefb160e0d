import { z } from 'zod';
import { PartialDate } from './dates';
import { EntityKindSchema, RelationStatusSchema, RelationTypeSchema, Slug } from './schemas';
import type { ClaimView, GraphJson } from './views';

/**
 * Saved questions (`questions/`, one YAML mapping per file): typed parameters and a recipe of the API's own operations.
 * Each issue carries its field's path, so the loader names its line.
 */

/** `$name`: the value of the parameter `name`. */
export const PARAMETER_REF = /^\$([a-z][a-zA-Z0-9-]*)$/;
/** The entities the step before found, its own focus left out: a step can widen another's answer. */
export const PREVIOUS = '@previous';

const ParamRef = z.string().regex(PARAMETER_REF, 'a parameter reference is written $name');
const text = (max: number) => z.string().trim().min(1).max(max);
/** A parameter's own fields, in the order answers list them (the schema's order is the output's). */
const parameter = <T extends string>(type: T) => ({
  name: z.string().regex(/^[a-z][a-zA-Z0-9-]*$/, 'a parameter name starts with a lower-case letter'),
  type: z.literal(type),
  description: text(300),
});
const byDefault = 'Used when the parameter is not given; a parameter without a default is required.';

export const QuestionParameterSchema = z
  .discriminatedUnion('type', [
    z.strictObject({
      ...parameter('entity'),
      kinds: z.array(EntityKindSchema).min(1).optional().describe('The entity kinds allowed (any when absent).'),
      default: Slug.optional().describe(byDefault),
    }),
    z.strictObject({ ...parameter('date'), default: PartialDate.optional().describe(byDefault) }),
    z.strictObject({
      ...parameter('relation-types'),
      default: z.array(RelationTypeSchema).min(1).optional().describe(byDefault),
    }),
  ])
  .describe('A typed parameter: an entity id (of the given kinds), a date (YYYY[-MM[-DD]]) or relation types.');
export type QuestionParameter = z.output<typeof QuestionParameterSchema>;
export type ParameterKind = QuestionParameter['type'];

const Types = z.union([z.array(RelationTypeSchema).min(1), ParamRef]);
const DateValue = z.union([ParamRef, PartialDate]);
const EntityValue = z.union([ParamRef, Slug]);
const filters = {
  types: Types.optional(),
  excludeTypes: Types.optional(),
  kinds: z.array(EntityKindSchema).min(1).optional(),
  status: z.array(RelationStatusSchema).min(1).optional(),
  asOf: DateValue.optional(),
  knownBy: DateValue.optional(),
};

const StepSchema = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.literal('neighborhood'),
    /** One entity (`$param` or an id), a fixed set of ids, or `@previous`. */
    focus: z.union([z.literal(PREVIOUS), EntityValue, z.array(Slug).min(1).max(20)]),
    depth: z.number().int().min(1).max(3).default(1),
    /** Depth 1 only: keep the focus's relations in this direction (`incoming`: who does it to the focus). */
    direction: z.enum(['outgoing', 'incoming']).optional(),
    /** Keep only relations that began or ended inside this window. */
    changedWithin: z
      .strictObject({ from: DateValue.optional(), to: DateValue.optional() })
      .refine((w) => w.from !== undefined || w.to !== undefined, 'give from, to or both')
      .optional(),
    ...filters,
  }),
  z.strictObject({
    op: z.literal('paths'),
    from: EntityValue,
    to: EntityValue,
    maxHops: z.number().int().min(1).max(6).default(4),
    k: z.number().int().min(1).max(10).default(3),
    directed: z.boolean().default(false),
    weighted: z.boolean().default(false),
    ...filters,
  }),
]);
export type RecipeStep = z.output<typeof StepSchema>;

/** What GET /api/questions lists of a question: what a client needs to ask it. */
export const QuestionSummarySchema = z.object({
  id: Slug,
  title: text(200),
  description: text(1000),
  parameters: z.array(QuestionParameterSchema).max(10).default([]),
});
export type QuestionSummary = z.output<typeof QuestionSummarySchema>;

/** Which parameter type each recipe field takes when it holds a `$reference`; the other fields take dates. */
const REFERENCE_TYPES: Record<string, ParameterKind> = {
  focus: 'entity',
  from: 'entity',
  to: 'entity',
  types: 'relation-types',
  excludeTypes: 'relation-types',
};

const article = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

export const QuestionSchema = z
  .strictObject({ ...QuestionSummarySchema.shape, recipe: z.array(StepSchema).min(1).max(10) })
  .superRefine((q, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const declared = new Map<string, ParameterKind>();
    q.parameters.forEach((p, i) => {
      if (declared.has(p.name)) issue(['parameters', i, 'name'], `"${p.name}" is declared twice`);
      declared.set(p.name, p.type);
    });
    q.recipe.forEach((step, i) => {
      if (step.op === 'neighborhood' && step.focus === PREVIOUS && i === 0)
        issue(['recipe', i, 'focus'], `${PREVIOUS} needs a step before it`);
      if (step.op === 'neighborhood' && step.direction && step.depth > 1)
        issue(['recipe', i, 'direction'], 'direction needs depth 1');
      const fields: [(string | number)[], unknown][] = Object.entries(step).map(([k, v]) => [['recipe', i, k], v]);
      if (step.op === 'neighborhood' && step.changedWithin)
        for (const [k, v] of Object.entries(step.changedWithin)) fields.push([['recipe', i, 'changedWithin', k], v]);
      for (const [path, value] of fields) {
        const name = typeof value === 'string' ? PARAMETER_REF.exec(value)?.[1] : undefined;
        if (!name) continue;
        const [type, wanted] = [declared.get(name), REFERENCE_TYPES[path[2]!] ?? 'date'];
        const takes = `; this field takes ${article(wanted)} parameter`;
        const which = type === undefined ? 'not among the parameters' : `${article(type)} parameter${takes}`;
        if (type !== wanted) issue(path, `refers to $${name}, which is ${which}`);
      }
    });
  });
/** A question; the answer is the union of its recipe steps' subgraphs. */
export type Question = z.output<typeof QuestionSchema>;

/** The parameters used, by name, defaults filled in: ids, dates or relation types. */
type Values = Record<string, string | string[]>;
/** The answer to a question: the union subgraph of its steps and the claims in it, by relation key. */
export type QuestionAnswer = { question: QuestionSummary; parameters: Values; graph: GraphJson; claims: ClaimView[] };
