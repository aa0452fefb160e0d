import { knowledgeRoots, loadConfig, type AppConfig } from '../config';
import { formatProblem, loadKnowledgeBase, seedFiles, type LoadResult } from '../seed';

/** What the loader checks against the source texts (src/seed/load.ts). */
const SOURCE_FILE_CHECKS = [
  'whether each source file is in the sources folder',
  'whether each cited paragraph exists in its source',
];

/** Says, in one line, which checks a command could not make without the source texts (nothing when it has them). */
export function noticeSkippedChecks(config: AppConfig, command: string, also: readonly string[] = []): void {
  if (config.sourcesDir || !config.sourcesMissing) return;
  const skipped = [...SOURCE_FILE_CHECKS, ...also].join('; ');
  console.error(`notice: ${command}: no source texts, ${config.sourcesMissing.reason}; skipped: ${skipped}`);
}

/**
 * The knowledge base as validate and seed read it: the seed with the imported claims, checked
 * against the source texts when they are there. Every problem is printed, then the checks that
 * could not be made without the texts. `files` counts the seed files read.
 */
export function loadPrintingProblems(
  command: string,
  config: AppConfig = loadConfig(),
): LoadResult & { files: number } {
  const roots = knowledgeRoots(config);
  const result = loadKnowledgeBase(roots, { sourcesDir: config.sourcesDir });
  for (const p of result.problems) console.error(formatProblem(p));
  noticeSkippedChecks(config, command);
  return { ...result, files: roots.flatMap((root) => Object.values(seedFiles(root)).flat()).length };
}
