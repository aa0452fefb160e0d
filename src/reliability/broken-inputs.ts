import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../config';
import { GENERATED_INPUTS } from './generated-inputs';

/**
 * The broken-input corpus (tests/fixtures/broken) run through the real `kg validate` and
 * `kg import`: each file must be refused with its expected `file:line: ... field: message`, a
 * non-zero exit, and no change to anything (see tests/fixtures/broken/README.md).
 */

export const BROKEN_DIR = path.join(REPO_ROOT, 'tests', 'fixtures', 'broken');
const BASE_DIR = path.join(BROKEN_DIR, 'base');

export interface Expectation {
  line: number;
  /** null: the problem is about the whole file or item (a YAML syntax error), not one field. */
  field: string | null;
  text: string;
}

export interface BrokenCase {
  name: string;
  description: string;
  /** Where a seed would hold it; `claims` files are read by kg import only. */
  section: 'sources' | 'entities' | 'relations' | 'claims';
  importOnly: boolean;
  generated: boolean;
  expect: Expectation[];
  write(file: string): void;
}

export interface KgRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `kg ARGS` with extra environment variables; in a process, or in this one (tests). */
export type KgRunner = (args: string[], env: Record<string, string>) => Promise<KgRun>;

export type Mode = 'validate' | 'import';

export interface CaseResult {
  name: string;
  mode: Mode;
  exitCode: number;
  /** Expected problems the command did not print. */
  missing: Expectation[];
  /** What changed, when anything did (should be empty). */
  changes: string[];
  /** A raw control character reached the terminal. */
  rawControl: boolean;
  stderr: string;
  ms: number;
}

const EXPECT = /^#\s*expect:\s*(\d+)\s+(\S+?):\s*(.+)$/;

function parseHeader(text: string): { description: string; expect: Expectation[]; importOnly: boolean } {
  const comments = text.split('\n').filter((l) => l.startsWith('#'));
  const expect: Expectation[] = [];
  const description: string[] = [];
  let importOnly = false;
  for (const line of comments) {
    const m = EXPECT.exec(line);
    if (m) expect.push({ line: Number(m[1]), field: m[2] === '-' ? null : m[2]!, text: m[3]!.trim() });
    else if (/^#\s*only:\s*import\s*$/.test(line)) importOnly = true;
    else description.push(line.replace(/^#\s?/, ''));
  }
  return { description: description.join(' ').trim(), expect, importOnly };
}

function sectionOf(name: string): BrokenCase['section'] {
  const prefix = name.split('-')[0];
  if (prefix === 'sources' || prefix === 'entities' || prefix === 'relations') return prefix;
  return 'claims';
}

/** Every case: the committed files (their `# expect:` headers, or a `.expect` file beside a CSV) and the generated ones. */
export function loadBrokenCases(): BrokenCase[] {
  const committed = readdirSync(BROKEN_DIR)
    .filter((f) => /\.(ya?ml|csv)$/.test(f))
    .sort()
    .map((name): BrokenCase => {
      const file = path.join(BROKEN_DIR, name);
      const headerText = name.endsWith('.csv') ? readFileSync(`${file}.expect`, 'utf8') : readFileSync(file, 'utf8');
      const header = parseHeader(headerText);
      const section = sectionOf(name);
      return {
        name,
        description: header.description,
        section,
        importOnly: header.importOnly || section === 'claims',
        generated: false,
        expect: header.expect,
        write: (dest) => copyFileSync(file, dest),
      };
    });
  const generated = GENERATED_INPUTS.map((g): BrokenCase => ({
    ...g,
    section: sectionOf(g.name),
    importOnly: g.importOnly || sectionOf(g.name) === 'claims',
    generated: true,
  }));
  return [...committed, ...generated];
}

/** A digest of every file under `dir` (paths and bytes): equal digests, equal folders. */
export function folderDigest(dir: string): string {
  const hash = createHash('sha256');
  if (!existsSync(dir)) return 'absent';
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      const full = path.join(d, entry);
      hash.update(path.relative(dir, full) + '\0');
      const stat = lstatSync(full);
      // A link is compared by where it points (a link to /dev/zero must never be read).
      if (stat.isSymbolicLink()) hash.update(`-> ${readlinkSync(full)}`);
      else if (stat.isDirectory()) walk(full);
      else hash.update(readFileSync(full));
    }
  };
  walk(dir);
  return hash.digest('hex');
}

/** A claim imported before: the data folder is not empty, so "unchanged" means something. */
const PRIOR_IMPORT = `# Imported earlier (test data).
- id: zeta
  kind: Person
  name: Zeta Person
  description: A made-up person imported before the broken file.
`;

export interface Workspace {
  dir: string;
  seedDir: string;
  dataDir: string;
  sourcesDir: string;
  env: Record<string, string>;
}

/** A fresh copy of the base knowledge base with a data folder holding one earlier import. */
export function makeWorkspace(dir: string): Workspace {
  rmSync(dir, { recursive: true, force: true });
  const seedDir = path.join(dir, 'seed');
  const dataDir = path.join(dir, 'data');
  const sourcesDir = path.join(dir, 'texts');
  cpSync(BASE_DIR, seedDir, { recursive: true, filter: (src) => !src.startsWith(path.join(BASE_DIR, 'texts')) });
  cpSync(path.join(BASE_DIR, 'texts'), sourcesDir, { recursive: true });
  mkdirSync(path.join(dataDir, 'entities'), { recursive: true });
  writeFileSync(path.join(dataDir, 'entities', 'prior.yaml'), PRIOR_IMPORT);
  return {
    dir,
    seedDir,
    dataDir,
    sourcesDir,
    env: { KG_SEED_DIR: seedDir, KG_DATA_DIR: dataDir, KG_SOURCES_DIR: sourcesDir, NEO4J_URI: '' },
  };
}

/** Where the case sits in a seed folder, as kg shows it (sources replace sources.yaml). */
function seedPlacement(ws: Workspace, c: BrokenCase): string {
  if (c.section === 'sources') return path.join(ws.seedDir, 'sources.yaml');
  return path.join(ws.seedDir, c.section, c.name);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether `stderr` has a line `<...>/file:LINE: ...FIELD: ...TEXT...`. */
export function printed(stderr: string, file: string, e: Expectation): boolean {
  const at = new RegExp(`(^|[/\\s])${escapeRegExp(file)}:${e.line}: `);
  return stderr
    .split('\n')
    .some((l) => at.test(l) && (e.field === null || l.includes(` ${e.field}: `)) && l.includes(e.text));
}

const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Runs one case in one mode inside `ws` (a fresh workspace) and reports what happened. The caller
 * passes the export of the untouched workspace, `baseline`, to compare with.
 */
export async function runBrokenCase(
  c: BrokenCase,
  mode: Mode,
  ws: Workspace,
  kg: KgRunner,
  baseline: string,
): Promise<CaseResult> {
  const started = Date.now();
  const changes: string[] = [];
  let run: KgRun;
  let shownAs: string;
  const seedBefore = folderDigest(ws.seedDir);
  const dataBefore = folderDigest(ws.dataDir);
  if (mode === 'validate') {
    const dest = seedPlacement(ws, c);
    mkdirSync(path.dirname(dest), { recursive: true });
    c.write(dest);
    shownAs = path.basename(dest);
    const withBroken = folderDigest(ws.seedDir);
    run = await kg(['validate'], ws.env);
    // The server and every command load the same way: with the broken file in the seed, nothing loads.
    const exported = await kg(['export', '--format', 'json'], ws.env);
    if (exported.code === 0 || exported.stdout.length > 0)
      changes.push(
        `kg export loaded a graph from the broken seed (exit ${exported.code}, ${exported.stdout.length} bytes)`,
      );
    if (folderDigest(ws.seedDir) !== withBroken) changes.push('the seed folder changed');
    if (folderDigest(ws.dataDir) !== dataBefore) changes.push('the data folder changed');
    run = { ...run, stderr: run.stderr + exported.stderr };
  } else {
    const input = path.join(ws.dir, 'input', c.name);
    mkdirSync(path.dirname(input), { recursive: true });
    c.write(input);
    shownAs = c.name;
    run = await kg(['import', input], ws.env);
    const exported = await kg(['export', '--format', 'json'], ws.env);
    if (exported.code !== 0)
      changes.push(
        `kg export failed after the refused import (exit ${exported.code}): ${exported.stderr.split('\n')[0]}`,
      );
    else if (exported.stdout !== baseline) changes.push('kg export differs from before the import');
    if (folderDigest(ws.seedDir) !== seedBefore) changes.push('the seed folder changed');
    if (folderDigest(ws.dataDir) !== dataBefore) changes.push('the data folder changed');
    const strays = readdirSync(ws.dir).filter((f) => f.startsWith('.kg-import-') || f.includes('.old-'));
    if (strays.length > 0) changes.push(`temporary files left behind: ${strays.join(', ')}`);
  }
  return {
    name: c.name,
    mode,
    exitCode: run.code,
    missing: c.expect.filter((e) => !printed(run.stderr, shownAs, e)),
    changes,
    rawControl: RAW_CONTROL.test(run.stderr) || RAW_CONTROL.test(run.stdout),
    stderr: run.stderr,
    ms: Date.now() - started,
  };
}

/** The export of an untouched workspace: what every refused import must leave behind. */
export async function baselineExport(ws: Workspace, kg: KgRunner): Promise<string> {
  const r = await kg(['export', '--format', 'json'], ws.env);
  if (r.code !== 0) throw new Error(`the base workspace does not export: ${r.stderr}`);
  return r.stdout;
}

export function passed(r: CaseResult): boolean {
  return r.exitCode !== 0 && r.missing.length === 0 && r.changes.length === 0 && !r.rawControl;
}

/** `kg` as a separate process, exactly as a person runs it. */
export const kgProcess: KgRunner = (args, env) =>
  new Promise((resolve) => {
    const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
    execFile(
      tsx,
      [path.join(REPO_ROOT, 'src', 'cli', 'kg.ts'), ...args],
      { env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err
          ? typeof (err as { code?: unknown }).code === 'number'
            ? (err as { code: number }).code
            : 1
          : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
