import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baselineExport,
  folderDigest,
  kgProcess,
  loadBrokenCases,
  makeWorkspace,
  runBrokenCase,
  type BrokenCase,
  type CaseResult,
} from '../../src/reliability/broken-inputs';
import { kgInProcess } from '../../src/reliability/kg-in-process';

/**
 * Every file of tests/fixtures/broken (and the generated ones: 50 MB, binary, Latin-1, deep
 * nesting) through `kg validate` and `kg import`: refused with file:line and field, exit 1,
 * nothing changed. The commands run in this process here (a process each would take minutes on
 * two cores); two cases also run as real processes, and `npm run reliability` runs them all so.
 */
const tmp = mkdtempSync(path.join(tmpdir(), 'kg-broken-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const cases = loadBrokenCases();
let baseline = '';
beforeAll(async () => {
  baseline = await baselineExport(makeWorkspace(path.join(tmp, 'baseline')), kgInProcess);
});

function explain(r: CaseResult): string {
  return [
    `exit ${r.exitCode}`,
    ...r.missing.map((m) => `missing: line ${m.line} ${m.field ?? '-'}: ${m.text}`),
    ...r.changes,
    r.rawControl ? 'raw control characters printed' : '',
    'stderr:',
    r.stderr,
  ]
    .filter(Boolean)
    .join('\n');
}

function expectRefused(r: CaseResult): void {
  expect(r.exitCode, explain(r)).not.toBe(0);
  expect(r.missing, explain(r)).toEqual([]);
  expect(r.changes, explain(r)).toEqual([]);
  expect(r.rawControl, explain(r)).toBe(false);
}

describe('the broken-input corpus', () => {
  it('covers every kind of bad input the issue lists', () => {
    const names = cases.map((c) => c.name).join(' ');
    for (const kind of [
      'malformed-yaml',
      'wrong-types',
      'unknown-kind',
      'unknown-type',
      'dangling-ids',
      'duplicate-ids',
      'missing-evidence',
      'paragraph-beyond-source',
      'unparseable-dates',
      'reversed-dates',
      '50mb',
      'binary-garbage',
      'yaml-bomb',
      'control-characters',
    ]) {
      expect(names).toContain(kind);
    }
    expect(cases.every((c) => c.expect.length > 0)).toBe(true);
  });

  const seedCases = cases.filter((c) => !c.importOnly);
  it.each(seedCases.map((c) => [c.name, c] as [string, BrokenCase]))(
    'kg validate refuses %s in the seed, and nothing loads',
    async (_name, c) => {
      expectRefused(
        await runBrokenCase(c, 'validate', makeWorkspace(path.join(tmp, `v-${c.name}`)), kgInProcess, baseline),
      );
    },
  );

  it.each(cases.map((c) => [c.name, c] as [string, BrokenCase]))(
    'kg import refuses %s and changes nothing',
    async (_name, c) => {
      expectRefused(
        await runBrokenCase(c, 'import', makeWorkspace(path.join(tmp, `i-${c.name}`)), kgInProcess, baseline),
      );
    },
  );
});

describe('as real processes', () => {
  const byName = (n: string) => cases.find((c) => c.name === n)!;

  it('kg validate exits 1 on a YAML bomb in the seed', async () => {
    expectRefused(
      await runBrokenCase(
        byName('entities-yaml-bomb.yaml'),
        'validate',
        makeWorkspace(path.join(tmp, 'p-bomb')),
        kgProcess,
        baseline,
      ),
    );
  });

  it('kg import exits 1 on a 50 MB claim table, leaving the graph and the data folder as they were', async () => {
    expectRefused(
      await runBrokenCase(
        byName('claims-50mb.csv'),
        'import',
        makeWorkspace(path.join(tmp, 'p-50mb')),
        kgProcess,
        baseline,
      ),
    );
  });
});

describe('markup in names is data', () => {
  it('imports a name holding HTML as written, and exports it unchanged', async () => {
    const ws = makeWorkspace(path.join(tmp, 'html'));
    const name = '<img src=x onerror="alert(1)"> & <b>Front</b>';
    const file = path.join(tmp, 'html-claims.yaml');
    writeFileSync(
      file,
      `entities:\n  - id: markup-front\n    kind: MilitantGroup\n    name: ${JSON.stringify(name)}\n    description: A made-up group whose name holds markup.\n`,
    );
    const before = folderDigest(ws.dataDir);
    const imported = await kgInProcess(['import', file], ws.env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(folderDigest(ws.dataDir)).not.toBe(before);
    const graph = JSON.parse((await kgInProcess(['export', '--format', 'json'], ws.env)).stdout);
    expect(graph.nodes.find((n: { key: string }) => n.key === 'markup-front').attributes.name).toBe(name);
  });
});
