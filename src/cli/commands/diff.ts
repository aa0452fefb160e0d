import path from 'node:path';
import { isDirectory, knowledgeRoots, loadConfig } from '../../config';
import { checkOutSeedFolders, diffInMarkdown, diffInWords, diffKnowledgeBases } from '../../diff';
import { errorsOf, formatProblem, loadKnowledgeBase, seedFiles } from '../../seed';
import { command, InputError } from './types';

const USAGE = 'diff REF | diff OLD_DIR NEW_DIR [--json | --markdown]';

export const diffCommand = command({
  name: 'diff',
  usage: USAGE,
  summary:
    'what changed in the knowledge base since a git revision (or between two seed folders): in words, --json or --markdown',
  options: { json: { type: 'boolean', default: false }, markdown: { type: 'boolean', default: false } },
  operands: true,
  async run({ values, positionals }) {
    // A bad ref, a missing folder or a knowledge base that does not load is an InputError (exit 2).
    if (positionals.length < 1 || positionals.length > 2 || (values.json && values.markdown)) {
      const what = 'name a git revision (kg diff HEAD~1) or two seed folders (kg diff OLD_DIR NEW_DIR)';
      throw new InputError(`${what}, and at most one of --json, --markdown\nusage: npm run kg -- ${USAGE}`);
    }
    const [old, next] = positionals.length === 1 ? sidesOfRevision(positionals[0]!) : sidesOfFolders(positionals);
    const diff = diffKnowledgeBases(old, next);
    const json = () => `${JSON.stringify(diff, null, 2)}\n`;
    process.stdout.write(values.json ? json() : values.markdown ? diffInMarkdown(diff) : diffInWords(diff));
    return 0;
  },
});

/** `kg diff REF`: knowledgeRoots at REF and in the working tree (imported claims, git-ignored, show as added). */
function sidesOfRevision(ref: string) {
  const roots = knowledgeRoots(loadConfig());
  const folders = roots.map((root, i) => ({ path: root, required: i === 0 }));
  const files = checkOutSeedFolders(ref, folders);
  const shown = roots.map((folder) => path.relative(process.cwd(), folder) || '.').join(', ');
  try {
    // Files are named as git names them, "HEAD~1:seed/relations/core.yaml:12".
    return [
      loaded(ref, `at ${ref}`, files.roots, { displayRoot: files.dir, prefix: `${ref}:` }),
      loaded('working tree', `in the working tree (${shown})`, roots),
    ] as const;
  } finally {
    files.cleanup();
  }
}

/** `kg diff OLD_DIR NEW_DIR`: two seed folders, each read alone. */
function sidesOfFolders(folders: string[]) {
  for (const folder of folders) {
    // A folder with no seed files would load as an empty knowledge base and show everything as added.
    const what = !isDirectory(folder) ? 'no such folder' : 'it holds no seed files';
    const seedFolder = 'name a seed folder: sources.yaml, entities/, relations/';
    if (!isDirectory(folder) || Object.values(seedFiles(folder)).flat().length === 0)
      throw new InputError(`cannot compare ${folder}: ${what} (${seedFolder})`);
  }
  const [old, next] = folders.map((folder) => loaded(folder, `in ${folder}`, [folder]));
  return [old!, next!] as const;
}

/** Loads as every command does, but citations are not checked: an old revision may cite texts since revised. */
function loaded(label: string, where: string, roots: string[], git: { displayRoot?: string; prefix?: string } = {}) {
  const result = loadKnowledgeBase(roots, git);
  if (result.kb) return { label, kb: result.kb };
  const errors = errorsOf(result.problems);
  for (const p of errors) console.error(formatProblem({ ...p, file: (git.prefix ?? '') + p.file }));
  throw new InputError(`the knowledge base ${where} does not load (${errors.length} error(s)); nothing compared`);
}
