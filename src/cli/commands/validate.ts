import { knowledgeRoots, loadConfig, skippedChecksNotice, SOURCE_FILE_CHECKS } from '../../config';
import { loadKnowledgeBase, errorsOf, formatProblem } from '../../seed';
import type { Command } from './types';

export const validateCommand: Command = {
  name: 'validate',
  usage: 'validate',
  summary: 'check every seed file (file:line messages); exit 1 on any error',
  options: {},
  async run(_args) {
    const config = loadConfig();
    const result = loadKnowledgeBase(
      knowledgeRoots(config),
      config.sourcesDir ? { sourcesDir: config.sourcesDir } : {},
    );
    for (const p of result.problems) console.error(formatProblem(p));
    const notice = skippedChecksNotice(config, 'validate', SOURCE_FILE_CHECKS);
    if (notice) console.error(notice);
    const errors = errorsOf(result.problems).length;
    const warnings = result.problems.length - errors;
    if (!result.kb) {
      console.error(
        `validate: ${errors} error(s), ${warnings} warning(s) in ${result.files.length} files; nothing loaded`,
      );
      return 1;
    }
    console.log(
      `validate: ok: ${result.kb.sources.length} sources, ${result.kb.entities.length} entities, ${result.kb.relations.length} relations in ${result.files.length} files (${warnings} warning(s))`,
    );
    return 0;
  },
};
