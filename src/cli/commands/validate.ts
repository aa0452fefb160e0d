import { errorsOf } from '../../seed';
import { loadPrintingProblems } from '../knowledge';
import { failWith, type Command } from './types';

export const validateCommand: Command = {
  name: 'validate',
  usage: 'validate',
  summary: 'check every seed file (file:line messages); exit 1 on any error',
  options: {},
  async run() {
    const { kb, problems, files } = loadPrintingProblems('validate');
    const errors = errorsOf(problems).length;
    const warnings = problems.length - errors;
    if (!kb)
      return failWith(1, `validate: ${errors} error(s), ${warnings} warning(s) in ${files} files; nothing loaded`);
    console.log(
      `validate: ok: ${kb.sources.length} sources, ${kb.entities.length} entities, ${kb.relations.length} relations in ${files} files (${warnings} warning(s))`,
    );
    return 0;
  },
};
