import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const MINI_SOURCES = `- id: src-a
  title: Source A
  authors: [Someone]
  published: 2024-06
  file: a.txt
`;

export const MINI_ENTITIES = `- id: alpha
  kind: MilitantGroup
  name: Alpha Front
  aliases: [AF]
  description: A test group.
- id: beta
  kind: State
  name: Betaland
  description: A test state.
`;

export const MINI_RELATIONS = `- type: opposes
  from: beta
  to: alpha
  evidence:
    - source: src-a
      paragraph: 1
`;

/** A temporary seed folder: `files` maps relative paths to contents. Removed by `cleanup`. */
export function seedFixture(files: Record<string, string>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'kg-seed-'));
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A minimal valid seed with the given files replaced or added. */
export function miniSeed(overrides: Record<string, string> = {}) {
  return seedFixture({
    'sources.yaml': MINI_SOURCES,
    'entities/main.yaml': MINI_ENTITIES,
    'relations/main.yaml': MINI_RELATIONS,
    ...overrides,
  });
}
