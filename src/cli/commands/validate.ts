import { type Command, failWith, loadPrintingProblems } from './types';

export const validateCommand: Command = {
  name: 'validate',
  usage: 'validate',
  summary: 'check every seed file (file:line messages); exit 1 on any error',
  options: {},
  async run() {
    const { kb, problems, errors, files, counts } = loadPrintingProblems('validate');
    const warnings = `${problems.length - errors} warning(s)`;
    if (!kb) return failWith(1, `validate: ${errors} error(s), ${warnings} in ${files} files; nothing loaded`);
    console.log(`validate: ok: ${counts} in ${files} files (${warnings})`);
    return 0;
  },
};
