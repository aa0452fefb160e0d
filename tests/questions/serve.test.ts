import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/config';

const tmp = mkdtempSync(path.join(tmpdir(), 'kg-questions-serve-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('kg serve with a broken question file (KG_QUESTIONS_DIR)', () => {
  // With Neo4j configured the files are read before the store opens: no connection attempt, no wait.
  it.each([
    ['the embedded store', ''],
    ['an unreachable Neo4j', 'bolt://127.0.0.1:1'],
  ])(
    'does not start on %s: exit 1, every problem as file:line on stderr, no stack trace',
    async (_, neo4jUri) => {
      writeFileSync(
        path.join(tmp, 'broken.yaml'),
        'id: broken\ntitle: T\ndescription: D\nrecipe:\n  - op: neighborhood\n    focus: $group\n',
      );
      const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
      const child = spawn(tsx, [path.join(REPO_ROOT, 'src', 'cli', 'kg.ts'), 'serve', '--port', '0'], {
        cwd: tmp,
        env: { ...process.env, NEO4J_URI: neo4jUri, NEO4J_PASSWORD: 'unused', KG_QUESTIONS_DIR: tmp },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code).toBe(1);
      expect(stdout).not.toMatch(/serving/);
      expect(stderr).toBe(
        'kg serve: 1 problem in the question files:\n' +
          'broken.yaml:6: question broken: recipe.0.focus: refers to $group, which is not among the parameters\n',
      );
    },
    60_000,
  );
});
