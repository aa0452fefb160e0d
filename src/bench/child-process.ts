import { spawn, type ChildProcessByStdio } from 'node:child_process';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../config';
import { NODE_RUNTIME_FLAGS } from '../runtime-flags';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/**
 * One of the benchmark's child scripts (src/bench/<script>) in a fresh node process, started with
 * the flags `kg` runs with, from the repository root; stdout and stderr piped to the caller.
 */
export function spawnBenchChild(script: string, args: readonly string[]): ChildProcessByStdio<null, Readable, Readable> {
  return spawn(process.execPath, [...NODE_RUNTIME_FLAGS, '--import', 'tsx', path.join(HERE, script), ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}
