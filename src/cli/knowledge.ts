import { knowledgeRoots, loadConfig, type AppConfig } from '../config';
import { formatProblem, loadKnowledgeBase, seedFiles } from '../seed';

/** Says, in one line, which checks a command could not make without the source texts (nothing when it has them). */
export function noticeSkippedChecks(config: AppConfig, command: string, also: readonly string[] = []): void {
  if (config.sourcesDir || !config.sourcesMissing) return;
  // What the loader checks against the source texts (src/seed/cross-check.ts), then the command's own.
  const checks = [
    'whether each source file is in the sources folder',
    'whether each cited paragraph exists in its source',
  ];
  const skipped = [...checks, ...also].join('; ');
  console.error(`notice: ${command}: no source texts, ${config.sourcesMissing.reason}; skipped: ${skipped}`);
}

/** The seed with the imported claims, as validate and seed read it, printing every problem; `files` counts the files read. */
export function loadPrintingProblems(command: string) {
  const config = loadConfig();
  const roots = knowledgeRoots(config);
  const result = loadKnowledgeBase(roots, { sourcesDir: config.sourcesDir });
  for (const p of result.problems) console.error(formatProblem(p));
  noticeSkippedChecks(config, command);
  return { ...result, files: roots.flatMap((root) => Object.values(seedFiles(root)).flat()).length };
}
