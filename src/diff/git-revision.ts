import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Why a revision could not be read, in words for the operator (git's own message included). */
export class RevisionError extends Error {
  override readonly name = 'RevisionError';
}

/** What the loader reads in a seed folder (src/seed seedFiles): nothing else is copied out. */
const SEED_FILE = /^(?:sources\.yaml|(?:entities|relations)\/[^/]+\.ya?ml)$/;

/** The seed files the folders held at `ref`, in a temporary `dir` for the loader; a `required` folder must exist. */
export function checkOutSeedFolders(ref: string, folders: { path: string; required: boolean }[]) {
  const first = folders[0]!.path;
  const notInGit = () =>
    `${first} is not inside a git repository; to compare two folders name both: kg diff OLD_DIR NEW_DIR`;
  const top = String(git(locate(first).existing, ['rev-parse', '--show-toplevel'], notInGit)).trim();
  // Resolved once to a commit, which the reads below name: `--end-of-options` keeps a ref that
  // starts with "-" from being read as an option.
  const resolve = ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`];
  const commit = String(git(top, resolve, () => `unknown git revision "${ref}" in ${top}`)).trim();

  const dir = mkdtempSync(path.join(tmpdir(), 'kg-diff-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    const roots: string[] = [];
    for (const folder of folders) {
      const inRepo = path.relative(top, locate(folder.path).absolute);
      if (inRepo.startsWith('..') || path.isAbsolute(inRepo)) {
        if (folder.required) throw new RevisionError(`${folder.path} is outside the git repository ${top}`);
        continue;
      }
      const prefix = inRepo === '' ? '' : `${inRepo.split(path.sep).join('/')}/`;
      const list = ['--literal-pathspecs', 'ls-tree', '-r', '-z', '--name-only', commit, '--', prefix || '.'];
      const files = String(git(top, list, () => `cannot list ${prefix || '.'} at ${ref}`))
        .split('\0')
        .filter((f) => f.startsWith(prefix) && SEED_FILE.test(f.slice(prefix.length)));
      if (files.length === 0 && folder.required)
        throw new RevisionError(`${prefix || './'} holds no seed files at ${ref}`);
      // Bytes as committed: the loader makes its own checks of encoding (UTF-8, no NUL bytes).
      for (const file of files) {
        mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        writeFileSync(path.join(dir, file), git(top, ['show', `${commit}:${file}`]));
      }
      if (files.length > 0) roots.push(path.join(dir, inRepo));
    }
    return { dir, roots, cleanup };
  } catch (err) {
    cleanup();
    throw err;
  }
}

/** Git's output; a failure is a RevisionError saying what could not be done (by default, the command). */
function git(cwd: string, args: string[], failure = () => `git ${args.join(' ')} failed`): Buffer {
  try {
    return execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  } catch (err) {
    // Git's first line of complaint, or that git is missing.
    const { code, stderr } = err as { code?: string; stderr?: Buffer };
    const first = /\S.*/.exec(String(stderr ?? ''))?.[0].trim();
    const says = code === 'ENOENT' ? ' (git is not installed or not on the PATH)' : first ? ` (git: ${first})` : '';
    throw new RevisionError(failure() + says);
  }
}

/** The folder's real path, as git reports the top level, from its nearest existing parent (it may be deleted). */
function locate(folder: string): { existing: string; absolute: string } {
  let existing = path.resolve(folder);
  while (!existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  return { existing, absolute: path.join(realpathSync(existing), path.relative(existing, path.resolve(folder))) };
}
