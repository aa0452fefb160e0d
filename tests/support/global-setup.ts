import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './paths';

/** Builds the viewer when stale, so `npx vitest run` works without `npm test`'s build step. */
export default function setup(): void {
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build-viewer-if-needed.mjs')], { stdio: 'inherit' });
}
