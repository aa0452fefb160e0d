/**
 * The knowledge-base loader: reads a seed folder (and analyst claim folders), validates it whole
 * with the zod schemas of src/model, reports every problem at its file and line, and checks
 * citations against the source texts. Everything outside src/seed imports it from here.
 */
export {
  loadKnowledgeBase,
  loadKnowledgeBaseOrThrow,
  seedFiles,
  type FilePlace,
  type KnowledgeBaseLocator,
  type LoadOptions,
  type LoadResult,
} from './load';
export { MAX_CONTEXT_DISTANCE, splitParagraphs } from './cross-check';
export { errorsOf, formatProblem, SeedValidationError, type Problem } from './problems';
export { readTextFile } from './text-file';
export { citationProblem, verifyCitations } from './verify';
export { parseYamlList, yamlErrorProblems, type LocatedItem } from './yaml-file';
