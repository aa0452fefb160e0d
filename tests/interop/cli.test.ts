import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { readGraphFile } from './read-graph-file';
import { HAVE_SOURCES, REPO_ROOT, SOURCES_DIR } from '../support/paths';

const run = promisify(execFile);
const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const KG = path.join(REPO_ROOT, 'src', 'cli', 'kg.ts');
const tmp = mkdtempSync(path.join(tmpdir(), 'kg-cli-interop-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
/** Every run gets its own empty data folder unless told otherwise: the user's .kg-data stays out. */
const DATA = path.join(tmp, 'data');

async function kg(args: string[], env: Record<string, string> = {}) {
  try {
    const r = await run(TSX, [KG, ...args], {
      env: { ...process.env, KG_DATA_DIR: DATA, ...env },
      cwd: tmp,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('kg export / import / mentions', () => {
  it('exports GEXF that reads back to the same graph as the JSON export', async () => {
    const json = await kg(['export', '--format', 'json']);
    const gexf = await kg(['export', '--format', 'gexf', '--out', path.join(tmp, 'g.gexf')]);
    expect(gexf.code).toBe(0);
    expect(gexf.stderr).toMatch(/export: wrote \d+ entities and \d+ relations as gexf to /);
    expect(readGraphFile('gexf', readFileSync(path.join(tmp, 'g.gexf'), 'utf8'))).toEqual(JSON.parse(json.stdout));
  });

  it('writes the csv format as a folder, and asks for --out without one', async () => {
    expect((await kg(['export', '--format', 'csv'])).stderr).toMatch(/pass --out DIR/);
    const r = await kg(['export', '--format', 'csv', '--out', path.join(tmp, 'csv'), '--kinds', 'MilitantGroup,State']);
    expect(r.code).toBe(0);
    expect(readdirSync(path.join(tmp, 'csv')).sort()).toEqual([
      'IMPORT.txt',
      'entities.csv',
      'relations.csv',
      'sources.csv',
      'supports.csv',
    ]);
    const kinds = readFileSync(path.join(tmp, 'csv', 'entities.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[1]);
    expect(new Set(kinds)).toEqual(new Set(['Entity;MilitantGroup', 'Entity;State']));
  });

  it('names the option when a filter is wrong', async () => {
    const r = await kg(['export', '--format', 'stix', '--as-of', '2024-13']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/export: --as-of: "2024-13" has month 13/);
  });

  it('imports a CSV claim, prints what it added, and later commands see it', async () => {
    const csv = path.join(tmp, 'claims.csv');
    writeFileSync(
      csv,
      'from,type,to,status,since,until,source,paragraph,note,assertedBy\nbla,opposes,united-states,alleged,,,ct-report-2025,3,,pakistan\n',
    );
    const r = await kg(['import', csv], { KG_SOURCES_DIR: '' });
    expect(r.stderr).toMatch(
      /^notice: import: no source texts, KG_SOURCES_DIR is set empty; skipped: .*whether each cited paragraph names what it supports \(as kg verify checks\)\n$/,
    );
    expect(r.stdout).toMatch(/added relation bla opposes united-states \[alleged\] \(claims\.csv:2\)/);
    expect(r.stdout).toMatch(
      /import: added 0 source\(s\), 0 entities, 1 relation\(s\) into data\/relations\/\d{8}-\d{6}-claims\.yaml/,
    );
    const exported = JSON.parse((await kg(['export'], { KG_SOURCES_DIR: '' })).stdout);
    expect(exported.edges.map((e: { key: string }) => e.key)).toContain(
      'bla--opposes--united-states--alleged--by-pakistan',
    );
  });

  it('imports the shipped seed over itself and adds nothing, pairs with a claim and its denial included', async () => {
    const data = path.join(tmp, 'reimport-data');
    const r = await kg(['import', path.join(REPO_ROOT, 'seed')], { KG_DATA_DIR: data });
    expect(r.stderr.split('\n').filter((l) => l && !l.startsWith('warning:') && !l.startsWith('notice:'))).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/already known, skipped: relation afghanistan harbors ttp \(afghanistan--harbors--ttp\)/);
    expect(r.stdout).toMatch(/import: nothing new to add/);
    expect(existsSync(data)).toBe(false);
  });

  it.skipIf(!HAVE_SOURCES)(
    'refuses a CSV claim whose citation kg verify would reject, as verify words it (issue 16)',
    async () => {
      const data = path.join(tmp, 'verify-data');
      const csv = path.join(tmp, 'unchecked.csv');
      writeFileSync(
        csv,
        'from,type,to,status,since,until,source,paragraph,note,assertedBy,credibility\niskp,targets,china,alleged,,,ali-2024,9,,pakistan,3\n',
      );
      const r = await kg(['import', csv], { KG_DATA_DIR: data });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /^unchecked\.csv:2: relation iskp targets china: paragraph: ali-2024 ¶9: paragraph does not name iskp \(as /m,
      );
      expect(r.stderr).toMatch(
        /^unchecked\.csv:2: relation iskp targets china: paragraph: ali-2024 ¶9: paragraph does not name china \(as /m,
      );
      expect(r.stderr).toMatch(/import: 2 error\(s\); nothing imported/);
      expect(existsSync(data)).toBe(false);
      // And verify still passes: nothing reached the data folder.
      expect((await kg(['verify'], { KG_DATA_DIR: data })).code).toBe(0);
    },
  );

  it('fails with file:line and exit 1 on a bad claim file, leaving the data folder as it was', async () => {
    const before = existsSync(DATA) ? readdirSync(DATA, { recursive: true }).sort() : [];
    const bad = path.join(tmp, 'bad.yaml');
    writeFileSync(
      bad,
      'relations:\n  - type: allied-with\n    from: ttp\n    to: nobody\n    evidence: [{ source: ali-2024, paragraph: 1 }]\n',
    );
    const r = await kg(['import', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^bad\.yaml:4: relation ttp allied-with nobody: to: unknown entity "nobody"$/m);
    expect(r.stderr).toMatch(/import: 1 error\(s\); nothing imported/);
    expect(existsSync(DATA) ? readdirSync(DATA, { recursive: true }).sort() : []).toEqual(before);
  });

  it.skipIf(!HAVE_SOURCES)(
    'lists mentions of a source document and writes a draft that import refuses until edited',
    async () => {
      const doc = path.join(SOURCES_DIR, '004_7d9246414d91fdbf.txt');
      const draft = path.join(tmp, 'draft.yaml');
      const r = await kg(['mentions', doc, '--out', draft], { KG_DATA_DIR: path.join(tmp, 'empty-data') });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/\(known source ct-report-2025\)/);
      expect(r.stdout).toMatch(/^ {2}ttp +MilitantGroup +¶\d+/m);
      expect(r.stderr).toMatch(/mentions: \d+ spellings matched over \d+ paragraphs/);
      const text = readFileSync(draft, 'utf8');
      const todo = text.split('\n').findIndex((l) => /^\s+- type: TODO$/.test(l)) + 1;
      if (todo > 0) {
        const imp = await kg(['import', draft], { KG_DATA_DIR: path.join(tmp, 'empty-data') });
        expect(imp.code).toBe(1);
        expect(imp.stderr).toMatch(new RegExp(`^draft\\.yaml:${todo}: type: draft placeholder "TODO" left in`, 'm'));
      }
    },
  );
});
