import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/config';

describe('kg writing into a pipe whose reader stops early', () => {
  it('kg export | head ends quietly with exit 0, no stack trace', async () => {
    const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
    const kg = path.join(REPO_ROOT, 'src', 'cli', 'kg.ts');
    // The export (~170 kB) is larger than a pipe holds, so kg is still writing when head has gone.
    const child = spawn('bash', ['-o', 'pipefail', '-c', `"${tsx}" "${kg}" export --format json | head -c 100`], {
      cwd: REPO_ROOT,
      env: { ...process.env, NEO4J_URI: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stdout).toHaveLength(100);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 60_000);
});
