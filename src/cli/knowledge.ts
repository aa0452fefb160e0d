import { knowledgeRoots, loadConfig, skippedChecksNotice, SOURCE_FILE_CHECKS, type AppConfig } from '../config';
import { formatProblem, loadKnowledgeBase, type LoadResult } from '../seed';

/**
 * The knowledge base as validate and seed read it: the seed with the imported claims, checked
 * against the source texts when they are there. Every problem is printed, then the checks that
 * could not be made without the texts.
 */
export function loadPrintingProblems(command: string, config: AppConfig = loadConfig()): LoadResult {
  const result = loadKnowledgeBase(knowledgeRoots(config), { sourcesDir: config.sourcesDir });
  for (const p of result.problems) console.error(formatProblem(p));
  const notice = skippedChecksNotice(config, command, SOURCE_FILE_CHECKS);
  if (notice) console.error(notice);
  return result;
}
