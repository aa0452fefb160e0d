// Builds the viewer when viewer/dist is missing or older than any viewer source, so that
// `npm start` and `npm test` work on a fresh clone without a separate build step.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const viewer = path.join(root, 'viewer');
const built = path.join(viewer, 'dist', 'index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const sources = Math.max(newestMtime(viewer), newestMtime(path.join(root, 'src', 'model')));
if (existsSync(built) && statSync(built).mtimeMs >= sources) {
  process.exit(0);
}
console.error('viewer: building (viewer/dist is missing or stale)…');
execFileSync(
  process.execPath,
  [
    path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
    'build',
    '--config',
    path.join(viewer, 'vite.config.ts'),
    '--logLevel',
    'warn',
  ],
  { stdio: 'inherit', cwd: root },
);
console.error('viewer: built');
