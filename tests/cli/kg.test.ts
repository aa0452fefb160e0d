import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import Graph from 'graphology';
import { describe, expect, it } from 'vitest';
import { miniSeed } from '../support/seed-fixture';
import { HAVE_SOURCES, REPO_ROOT } from '../support/paths';

const run = promisify(execFile);
const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const KG = path.join(REPO_ROOT, 'src', 'cli', 'kg.ts');

async function kg(args: string[], env: Record<string, string> = {}) {
  try {
    const r = await run(TSX, [KG, ...args], {
      env: { ...process.env, ...env },
      cwd: REPO_ROOT,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('kg command', () => {
  it('validates the real seed', async () => {
    const r = await kg(['validate']);
    // warnings are allowed; any other line on stderr is an error report
    expect(r.stderr.split('\n').filter((l) => l && !l.startsWith('warning:') && !l.startsWith('npm warn'))).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^validate: ok: 5 sources, \d+ entities, \d+ relations/);
  });

  it('rejects a broken seed file with a file:line message and a non-zero exit', async () => {
    const fx = miniSeed({
      'relations/broken.yaml':
        '- type: allied-with\n  from: alpha\n  to: xyz\n  evidence: [{ source: src-a, paragraph: 1 }]\n',
    });
    try {
      const r = await kg(['validate'], { KG_SEED_DIR: fx.dir, KG_SOURCES_DIR: '' });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/relations\/broken\.yaml:3: relation alpha allied-with xyz: to: unknown entity "xyz"/);
      expect(r.stderr).toMatch(/nothing loaded/);
    } finally {
      fx.cleanup();
    }
  });

  it('exports JSON that Graph.from reads back, with the sources in the graph attributes', async () => {
    const r = await kg(['export', '--format', 'json']);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout);
    const g = Graph.from(data);
    expect(g.hasNode('ttp')).toBe(true);
    expect(g.getAttribute('sources')).toHaveLength(5);
    expect(g.type).toBe('directed');
    expect(g.multi).toBe(true);
  });

  it('refuses an unknown export format and an unknown command', async () => {
    expect((await kg(['export', '--format', 'xls'])).stderr).toMatch(/unknown format "xls"/);
    const r = await kg(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('prints counts per kind and type', async () => {
    const r = await kg(['stats']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/entities by kind\n\s+\w+\s+\d+/);
    expect(r.stdout).toMatch(/relations by type/);
  });

  it.skipIf(!HAVE_SOURCES)('verifies every citation of the real seed against ../shared/seeds', async () => {
    const r = await kg(['verify']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/verify: ok: all \d+ citations name what they support/);
  });

  it.skipIf(!HAVE_SOURCES)('fails verify when a citation does not name both ends', async () => {
    const fx = miniSeed({
      'sources.yaml': `- { id: src-a, title: A, published: 2024, file: 001_8eb52f8c4ca29f89.txt }\n`,
      'entities/main.yaml': `- { id: alpha, kind: MilitantGroup, name: Alpha Front, aliases: [TTP], description: x }\n- { id: beta, kind: State, name: Betaland, description: x }\n`,
    });
    try {
      const r = await kg(['verify'], { KG_SEED_DIR: fx.dir });
      expect(r.code).toBe(1);
      // file:line of the citation, the item, the citation's field and the paragraph it cites.
      expect(r.stderr).toMatch(
        /^\S*relations\/main\.yaml:5: relation beta opposes alpha: evidence\.0: src-a ¶1: paragraph does not name beta/m,
      );
    } finally {
      fx.cleanup();
    }
  });
});
