/** The knowledge-base loader and its checks; everything outside src/seed imports it from here. */
export { loadKnowledgeBase, loadKnowledgeBaseOrThrow, seedFiles, type LoadOptions, type LoadResult } from './load';
export { MAX_CONTEXT_DISTANCE, splitParagraphs } from './cross-check';
export { errorsOf, formatProblem, SeedValidationError, type Problem } from './problems';
export { readTextFile } from './text-file';
export { verifyCitations } from './verify';
export { parseYamlList, yamlErrorProblems, type LocatedItem } from './yaml-file';
