import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldName } from '../../src/model';
import { splitParagraphs } from '../../src/seed';
import { HAVE_SOURCES, REPO_ROOT, SOURCES_DIR } from '../support/paths';

/**
 * No sentence of a source goes into the project: descriptions and notes are our own words. This
 * looks for any run of SHINGLE consecutive words shared by a source text and a project file.
 * Source titles are exempt (they are citation metadata, not content).
 */
const SHINGLE = 10;
const SCANNED = ['seed', 'src', 'viewer/src', 'tests', 'cypher', 'README.md'];

function shingles(text: string): Set<string> {
  const words = foldName(text).split(' ').filter(Boolean);
  const out = new Set<string>();
  for (let i = 0; i + SHINGLE <= words.length; i++) out.add(words.slice(i, i + SHINGLE).join(' '));
  return out;
}

function filesUnder(rel: string): string[] {
  const full = path.join(REPO_ROOT, rel);
  const st = statSync(full, { throwIfNoEntry: false });
  if (!st) return [];
  if (st.isFile()) return [full];
  return readdirSync(full).flatMap((f) => (f === 'node_modules' || f === 'dist' ? [] : filesUnder(path.join(rel, f))));
}

describe.skipIf(!HAVE_SOURCES)('no copied text', () => {
  it(`no project file shares ${SHINGLE} consecutive words with a source document`, () => {
    const sourceShingles = new Set<string>();
    for (const f of readdirSync(SOURCES_DIR)) {
      for (const p of splitParagraphs(readFileSync(path.join(SOURCES_DIR, f), 'utf8')))
        for (const s of shingles(p)) sourceShingles.add(s);
    }
    const copies: string[] = [];
    for (const file of SCANNED.flatMap(filesUnder)) {
      if (!/\.(ya?ml|ts|md|cypher|html|css)$/.test(file)) continue;
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (/^\s*(- )?title:/.test(line)) return;
        for (const s of shingles(line)) {
          if (sourceShingles.has(s)) {
            copies.push(`${path.relative(REPO_ROOT, file)}:${i + 1}: "${s}"`);
            break;
          }
        }
      });
    }
    expect(copies).toEqual([]);
  });
});
