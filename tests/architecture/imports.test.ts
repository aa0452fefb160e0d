import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering rules of the codebase, checked on every import statement of `src/` and the
 * viewer. A rule broken here is a layer leaking: the message names the importing file and what it
 * imports.
 */

const root = resolve(import.meta.dirname, '../..');

interface ImportLine {
  file: string;
  line: number;
  /** Resolved path relative to the repository for local imports, else the package specifier. */
  target: string;
  local: boolean;
  /** `import type`: erased at build time. */
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && /\.(ts|mjs)$/.test(d.name) && !d.name.endsWith('.d.ts'))
    .map((d) => relative(root, join(d.parentPath, d.name)));
}

const IMPORT = /(?:^|\s)(?:import|export)\s([^'"]*?)from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): ImportLine[] {
  const text = readFileSync(join(root, file), 'utf8');
  const lines: ImportLine[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[2] ?? m[3]!;
    const line = text.slice(0, m.index).split('\n').length;
    const local = spec.startsWith('.');
    const target = local ? relative(root, resolve(root, dirname(file), spec)) : spec;
    lines.push({ file, line, target, local, typeOnly: /^type\s/.test(m[1] ?? '') });
  }
  return lines;
}

const all = [...sourceFiles('src'), ...sourceFiles('viewer/src')].flatMap(importsOf);
const under = (path: string, folder: string) => path === folder || path.startsWith(folder + '/');
const where = (i: ImportLine) => `${i.file}:${i.line} imports ${i.target}`;

function broken(rule: (i: ImportLine) => boolean): string[] {
  return all.filter(rule).map(where);
}

describe('import rules', () => {
  it('nothing outside src/seed reaches into it past its entry, src/seed/index.ts', () => {
    expect(
      broken(
        (i) =>
          i.local &&
          !under(i.file, 'src/seed') &&
          under(i.target, 'src/seed') &&
          !/^src\/seed(\/index)?$/.test(i.target),
      ),
    ).toEqual([]);
  });

  it('the domain model imports no other layer', () => {
    expect(broken((i) => i.local && under(i.file, 'src/model') && !under(i.target, 'src/model'))).toEqual([]);
  });

  it('the store port speaks the domain only', () => {
    expect(broken((i) => i.file === 'src/store/port.ts' && (i.local ? !under(i.target, 'src/model') : true))).toEqual(
      [],
    );
  });

  it('the stores import neither each other nor the analysis layer', () => {
    const crosses = (i: ImportLine, from: string, to: string) => i.local && under(i.file, from) && under(i.target, to);
    expect(
      broken(
        (i) =>
          crosses(i, 'src/store/memory', 'src/store/neo4j') ||
          crosses(i, 'src/store/neo4j', 'src/store/memory') ||
          crosses(i, 'src/store', 'src/analysis'),
      ),
    ).toEqual([]);
  });

  it('analysis and exports use the port and the domain, not a store adapter', () => {
    const adapter = (t: string) => under(t, 'src/store/memory') || under(t, 'src/store/neo4j');
    expect(
      broken((i) => i.local && (under(i.file, 'src/analysis') || under(i.file, 'src/interop')) && adapter(i.target)),
    ).toEqual([]);
  });

  it('the viewer takes only the domain model and the GraphML writer it shares from the server code', () => {
    // The GraphML writer is pure (no Node imports): one writer for the server's export and the
    // viewer's download.
    const shared = (t: string) => under(t, 'src/model') || t === 'src/interop/graphml' || t === 'src/interop/xml';
    expect(
      broken((i) => i.local && under(i.file, 'viewer/src') && under(i.target, 'src') && !shared(i.target)),
    ).toEqual([]);
  });

  it('every package imported by the server or the viewer is a declared dependency', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    const builtin = new Set(builtinModules);
    const packageOf = (spec: string) =>
      spec
        .split('/')
        .slice(0, spec.startsWith('@') ? 2 : 1)
        .join('/');
    // The bench and reliability harnesses may use development-only tools, and types are erased at
    // build time; what the product runs may not.
    // src/ts-worker.mjs starts workers from TypeScript sources: development and tests only (the
    // compiled server's workers are bundles of their own).
    const product = (i: ImportLine) =>
      !i.typeOnly && !under(i.file, 'src/bench') && !under(i.file, 'src/reliability') && i.file !== 'src/ts-worker.mjs';
    expect(
      broken((i) => {
        if (i.local || i.target.startsWith('node:') || builtin.has(i.target)) return false;
        const name = packageOf(i.target);
        return product(i) ? !(name in pkg.dependencies) : !(name in pkg.dependencies || name in pkg.devDependencies);
      }),
    ).toEqual([]);
  });
});
