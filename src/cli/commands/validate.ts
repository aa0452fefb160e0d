import { errorsOf } from '../../seed';
import { loadPrintingProblems } from '../knowledge';
import type { Command } from './types';

export const validateCommand: Command = {
  name: 'validate',
  usage: 'validate',
  summary: 'check every seed file (file:line messages); exit 1 on any error',
  options: {},
  async run() {
    const { kb, problems, files } = loadPrintingProblems('validate');
    const errors = errorsOf(problems).length;
    const warnings = problems.length - errors;
    if (!kb) {
      console.error(`validate: ${errors} error(s), ${warnings} warning(s) in ${files} files; nothing loaded`);
      return 1;
    }
    console.log(
      `validate: ok: ${kb.sources.length} sources, ${kb.entities.length} entities, ${kb.relations.length} relations in ${files} files (${warnings} warning(s))`,
    );
    return 0;
  },
};
