import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { kgInProcess } from '../../src/reliability/kg-in-process';
import { miniSeed } from '../support/seed-fixture';
import { REPO_ROOT } from '../support/paths';

const run = promisify(execFile);
const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const KG = path.join(REPO_ROOT, 'src', 'cli', 'kg.ts');

async function seed(args: string[], env: Record<string, string | undefined>) {
  const started = Date.now();
  const fullEnv = { ...process.env, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete fullEnv[k];
  try {
    const r = await run(TSX, [KG, 'seed', ...args], { env: fullEnv, cwd: REPO_ROOT });
    return { code: 0, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr, ms: Date.now() - started };
  }
}

describe('kg seed', () => {
  it('against a closed port fails fast, saying the server is unreachable and what to check', async () => {
    const r = await seed([], {
      NEO4J_URI: 'bolt://127.0.0.1:1',
      NEO4J_PASSWORD: 'secret',
      NEO4J_CONNECT_TIMEOUT_MS: '3000',
    });
    console.log(`kg seed against a closed port: exit ${r.code} after ${r.ms} ms (process start included)`);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/seed: Neo4j at bolt:\/\/127\.0\.0\.1:1 is unreachable/);
    expect(r.stderr).toMatch(/Check that the server is running and that NEO4J_URI/);
    expect(r.stderr).toMatch(/nothing was changed/);
    expect(r.stderr).not.toContain('secret');
  });

  it('validates before connecting: a broken seed writes nothing and never reaches the server', async () => {
    const fx = miniSeed({
      'relations/broken.yaml':
        '- type: allied-with\n  from: alpha\n  to: xyz\n  evidence: [{ source: src-a, paragraph: 1 }]\n',
    });
    try {
      const r = await seed([], {
        NEO4J_URI: 'bolt://127.0.0.1:1',
        NEO4J_PASSWORD: 'x',
        KG_SEED_DIR: fx.dir,
        KG_SOURCES_DIR: '',
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/relations\/broken\.yaml:3: relation alpha allied-with xyz: to: unknown entity "xyz"/);
      expect(r.stderr).toMatch(/nothing written to Neo4j/);
      expect(r.stdout).not.toMatch(/connecting/);
    } finally {
      fx.cleanup();
    }
  });

  it('refuses a batch size that is not a whole number in range, naming the option, before connecting', async () => {
    // In process: four process starts would cost more than the check itself.
    for (const bad of ['0', 'abc', '2.5', '1000000']) {
      const r = await kgInProcess(['seed', '--batch-size', bad], {
        NEO4J_URI: 'bolt://127.0.0.1:1',
        NEO4J_PASSWORD: 'x',
      });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`kg seed: --batch-size must be a whole number from 1 to 100000, not "${bad}"`);
      expect(r.stdout).not.toMatch(/connecting/);
    }
  });

  it('says what to set when NEO4J_URI is missing or NEO4J_PASSWORD is empty', async () => {
    const none = await seed(['--dry-run'], { NEO4J_URI: undefined });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/NEO4J_URI is not set/);
    const noPassword = await seed([], { NEO4J_URI: 'bolt://127.0.0.1:1', NEO4J_PASSWORD: '' });
    expect(noPassword.code).toBe(1);
    expect(noPassword.stderr).toMatch(/NEO4J_PASSWORD is not/);
  });
});
