import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';
import { main } from '../../src/cli/main';
import { miniSeed } from '../support/seed-fixture';

/**
 * Issue 16: a sources folder that was configured and does not exist weakened validation without
 * a word (validate printed ok for a paragraph the source does not have, serve started).
 */
const tmp = mkdtempSync(path.join(tmpdir(), 'kg-sources-folder-'));
const seed = miniSeed({
  'relations/main.yaml': '- { type: opposes, from: beta, to: alpha, evidence: [{ source: src-a, paragraph: 99 }] }\n',
});
const texts = path.join(tmp, 'texts');
mkdirSync(texts);
writeFileSync(
  path.join(texts, 'a.txt'),
  Array.from({ length: 14 }, (_, i) => `Paragraph ${i + 1}: Alpha Front and Betaland.`).join('\n\n'),
);
afterAll(() => {
  seed.cleanup();
  rmSync(tmp, { recursive: true, force: true });
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

async function kg(env: Record<string, string>, ...argv: string[]) {
  for (const [k, v] of Object.entries({
    KG_SEED_DIR: seed.dir,
    KG_DATA_DIR: path.join(tmp, 'no-data'),
    NEO4J_URI: '',
    ...env,
  }))
    vi.stubEnv(k, v);
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const code = await main(argv);
  vi.restoreAllMocks();
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('the sources folder', () => {
  it('checks citations against the texts when the folder is there: paragraph 99 of 14 is an error', async () => {
    const r = await kg({ KG_SOURCES_DIR: texts }, 'validate');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /relations\/main\.yaml:1: relation beta opposes alpha: evidence\.0\.paragraph: paragraph 99 does not exist; source "src-a" has 14 paragraphs/,
    );
  });

  it('is an error, exit 2 naming the folder, when KG_SOURCES_DIR names one that does not exist: validate, import and serve stop', async () => {
    const missing = path.join(tmp, 'nonexistent');
    for (const argv of [['validate'], ['stats'], ['import', path.join(tmp, 'x.csv')], ['serve', '--port', '0']]) {
      const r = await kg({ KG_SOURCES_DIR: missing }, ...argv);
      expect(r.code, argv[0]).toBe(2);
      expect(r.stderr, argv[0]).toBe(
        `kg ${argv[0]}: KG_SOURCES_DIR is set to ${missing}, which does not exist; point it at the folder holding the source texts, or set it empty (KG_SOURCES_DIR=) to run without them`,
      );
      expect(r.stdout, argv[0]).not.toMatch(/ok|serving/);
    }
    expect(() => loadConfig({ KG_SOURCES_DIR: missing })).toThrow(ConfigError);
  });

  it('set empty, runs without the texts and says which checks it skipped', async () => {
    const r = await kg({ KG_SOURCES_DIR: '' }, 'validate');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'notice: validate: no source texts, KG_SOURCES_DIR is set empty; skipped: whether each source file is in the sources folder; whether each cited paragraph exists in its source',
    );
    expect(r.stdout).toMatch(/^validate: ok/);
  });

  it('missing at its default place is a notice naming the place, not an error', () => {
    const fallback = path.join(tmp, 'default-place');
    const config = loadConfig({}, fallback);
    expect(config.sourcesDir).toBeUndefined();
    expect(config.sourcesMissing).toEqual({
      folder: fallback,
      reason: `the default sources folder ${fallback} does not exist (set KG_SOURCES_DIR to the folder holding the source texts)`,
    });
    expect(loadConfig({}, texts).sourcesDir).toBe(texts);
  });

  it('verify names the folder it was given when it does not exist', async () => {
    const r = await kg({}, 'verify', '--sources', path.join(tmp, 'gone'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `verify: --sources ${path.join(tmp, 'gone')} does not exist or is not a folder; pass the folder holding the source texts`,
    );
  });

  it('verify names the folder when the path runs through a file, not a raw stat error', async () => {
    const throughFile = path.join(texts, 'a.txt', 'x');
    const r = await kg({}, 'verify', '--sources', throughFile);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `verify: --sources ${throughFile} does not exist or is not a folder; pass the folder holding the source texts`,
    );
  });
});
