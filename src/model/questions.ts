import type { EntityKind } from './entity-kinds';
import type { RelationType } from './relation-types';
import type { RelationStatus } from './schemas';
import type { ClaimFields, EntityRef, GraphJson } from './views';

/**
 * Saved questions (the `questions/` folder): an analyst's recurring question, its typed
 * parameters and a recipe made of the API's own operations. The file format is validated by
 * src/questions/schema.ts; these are the shapes the rest of the code (and the API) speak.
 */

/** A value in a recipe: written as is, or `$name` for the parameter of that name. */
export type ParameterKind = 'entity' | 'date' | 'relation-types';

export interface EntityParameter {
  name: string;
  type: 'entity';
  description: string;
  /** Allowed entity kinds; any kind when absent. */
  kinds?: EntityKind[];
  default?: string;
}

export interface DateParameter {
  name: string;
  type: 'date';
  description: string;
  default?: string;
}

export interface RelationTypesParameter {
  name: string;
  type: 'relation-types';
  description: string;
  default?: RelationType[];
}

export type QuestionParameter = EntityParameter | DateParameter | RelationTypesParameter;

/** Filters of a step; a string value may be a `$parameter` reference. */
export interface StepFilters {
  types?: RelationType[] | string;
  excludeTypes?: RelationType[] | string;
  kinds?: EntityKind[];
  status?: RelationStatus[];
  asOf?: string;
  knownBy?: string;
}

export interface NeighborhoodStep extends StepFilters {
  op: 'neighborhood';
  /** One entity (`$param` or an id), a fixed set of ids, or `@previous`: what the step before found. */
  focus: string | string[];
  depth: number;
  /** Depth 1 only: keep the focus's relations in this direction (`incoming`: who does it to the focus). */
  direction?: 'outgoing' | 'incoming';
  /** Keep only relations that began or ended inside this window (dates or `$param`). */
  changedWithin?: { from?: string; to?: string };
}

export interface PathsStep extends StepFilters {
  op: 'paths';
  from: string;
  to: string;
  maxHops: number;
  k: number;
  directed: boolean;
  weighted: boolean;
}

export type RecipeStep = NeighborhoodStep | PathsStep;

export interface Question {
  id: string;
  title: string;
  description: string;
  parameters: QuestionParameter[];
  /** The steps; the answer is the union of their subgraphs. */
  recipe: RecipeStep[];
}

/** A question as listed by GET /api/questions: what a client needs to ask it. */
export interface QuestionSummary {
  id: string;
  title: string;
  description: string;
  parameters: QuestionParameter[];
}

/** One relation of an answer, with its citations resolved and a plain sentence. */
export interface ClaimView extends ClaimFields {
  from: EntityRef;
  to: EntityRef;
  /** One plain sentence, e.g. "BLA targets CPEC (Source title, ¶12)" (src/store/explain.ts). */
  sentence: string;
}

/** The answer to a question: the union subgraph of its steps and the claims in it, by relation key. */
export interface QuestionAnswer {
  question: QuestionSummary;
  /** The parameters used, defaults filled in. */
  parameters: Record<string, string | string[]>;
  graph: GraphJson;
  claims: ClaimView[];
}
