import { execFile, execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import type { KnowledgeBaseDiff } from '../../src/diff';
import { kgInProcess } from '../../src/reliability/kg-in-process';
import { loadKnowledgeBaseOrThrow } from '../../src/seed';
import { REPO_ROOT, SEED_DIR } from '../support/paths';
import { miniSeed } from '../support/seed-fixture';

/**
 * `kg diff` on two copies of the real seed: the new one adds, removes and changes entities and
 * relations of a test file of its own (so the expectations hold whatever the seed says) and edits
 * one real entity, TTP. The same pair is then committed to a temporary git repository for the REF
 * form. Names, titles and publishers expected in the output are read from the seed, not written here.
 */

const OLD_ENTITIES = `- id: diff-test-cell
  kind: MilitantGroup
  name: Diff Test Cell
  aliases: [DTC]
  description: A cell invented for the diff test.
- id: diff-test-gone
  kind: MilitantGroup
  name: Diff Test Gone
  description: A cell the new version drops.
`;
const NEW_ENTITIES = `- id: diff-test-cell
  kind: MilitantGroup
  name: Diff Test Cell
  aliases: [DTC, Test Cell]
  description: A cell invented for the diff test, now described anew.
- id: diff-test-new
  kind: MilitantGroup
  name: Diff Test New
  description: A cell only the new version has.
`;
const OLD_RELATIONS = `- type: targets
  from: diff-test-cell
  to: pakistan-army
  status: alleged
  assertedBy: [ispr]
  evidence:
    - { source: isas-2024, paragraph: 11 }
- type: allied-with
  from: diff-test-gone
  to: ttp
  evidence:
    - { source: isas-2024, paragraph: 3 }
- type: opposes
  from: diff-test-cell
  to: china
  since: 2023
  evidence:
    - { source: isas-2024, paragraph: 5 }
`;
const NEW_RELATIONS = `- type: targets
  from: diff-test-cell
  to: pakistan-army
  status: reported
  assertedBy: [ispr]
  since: 2024-06
  evidence:
    - { source: isas-2024, paragraph: 11 }
    - { source: atlas-2024, paragraph: 16 }
- type: allied-with
  from: diff-test-new
  to: ttp
  evidence:
    - { source: atlas-2024, paragraph: 7 }
- type: opposes
  from: diff-test-cell
  to: china
  since: 2023
  evidence:
    - { source: isas-2024, paragraph: 5 }
`;
const BROKEN_RELATION =
  '- type: allied-with\n  from: diff-test-cell\n  to: nobody-known\n  evidence: [{ source: isas-2024, paragraph: 1 }]\n';
const NEW_TTP_DESCRIPTION = 'Described differently for the diff test.';

const real = loadKnowledgeBaseOrThrow(SEED_DIR).kb;
const ttp = real.entities.find((e) => e.id === 'ttp')!;
const atlas = real.sources.find((s) => s.id === 'atlas-2024')!;

let work: string;
let oldDir: string;
let newDir: string;
let repo: string;

/** A copy of the real seed with the test's own entities and relations added. */
function seedCopy(dir: string, entities: string, relations: string): void {
  cpSync(SEED_DIR, dir, { recursive: true });
  writeFileSync(path.join(dir, 'entities', 'diff-test.yaml'), entities);
  writeFileSync(path.join(dir, 'relations', 'diff-test.yaml'), relations);
}

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=kg test', '-c', 'user.email=kg@example.org', ...args], {
    cwd: repo,
    encoding: 'utf8',
  });
}

/** Replaces the repository's seed folder with `from` and commits it. */
function commitSeed(from: string, message: string): void {
  rmSync(path.join(repo, 'seed'), { recursive: true, force: true });
  cpSync(from, path.join(repo, 'seed'), { recursive: true });
  git('add', '-A', 'seed');
  git('commit', '-q', '-m', message);
}

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'kg-diff-test-'));
  oldDir = path.join(work, 'old');
  newDir = path.join(work, 'new');
  seedCopy(oldDir, OLD_ENTITIES, OLD_RELATIONS);
  seedCopy(newDir, NEW_ENTITIES, NEW_RELATIONS);
  // One real entity edited in place, the way an analyst would.
  const core = path.join(newDir, 'entities', 'core.yaml');
  const doc = parseDocument(readFileSync(core, 'utf8'));
  const item = (doc.contents as YAMLSeq<YAMLMap>).items.find((i) => i.get('id') === 'ttp')!;
  item.set('description', NEW_TTP_DESCRIPTION);
  writeFileSync(core, doc.toString({ lineWidth: 0 }));

  // Three commits: old, broken (a relation to an unknown entity), new; the working tree is new.
  const broken = path.join(work, 'broken');
  seedCopy(broken, OLD_ENTITIES, OLD_RELATIONS + BROKEN_RELATION);
  repo = path.join(work, 'repo');
  execFileSync('git', ['init', '-q', repo]);
  commitSeed(oldDir, 'old');
  commitSeed(broken, 'broken');
  commitSeed(newDir, 'new');
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

const kg = (args: string[], env: Record<string, string> = {}) => kgInProcess(['diff', ...args], env);
const inRepo = () => ({ KG_SEED_DIR: path.join(repo, 'seed') });

describe('kg diff OLD_DIR NEW_DIR', () => {
  it('lists in words what was added, removed and changed, each changed item with the fields that changed', async () => {
    const r = await kg([oldDir, newDir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`kg diff: ${oldDir} → ${newDir}`);
    expect(lines).toContain(
      `entities: 1 added, 1 removed, 2 changed (${real.entities.length + 2} → ${real.entities.length + 2})`,
    );
    expect(lines).toContain(
      `relations: 1 added, 1 removed, 1 changed (${real.relations.length + 3} → ${real.relations.length + 3})`,
    );
    expect(lines).toContain('added entity diff-test-new (MilitantGroup) "Diff Test New"');
    expect(lines).toContain('removed entity diff-test-gone (MilitantGroup) "Diff Test Gone"');
    expect(lines).toContain(
      'changed entity diff-test-cell (MilitantGroup): aliases added: "Test Cell"; description "A cell invented for the diff test." → "A cell invented for the diff test, now described anew."',
    );
    expect(lines).toContain(
      `changed entity ttp (MilitantGroup): description "${ttp.description.replace(/\s+/g, ' ')}" → "${NEW_TTP_DESCRIPTION}"`,
    );
    // The status change changed the relation's key; it is still one relation, changed.
    expect(lines).toContain(
      `changed relation diff-test-cell targets pakistan-army (reported by ispr): status alleged → reported; since set: 2024-06; citation added: ${atlas.title} ¶16`,
    );
    expect(lines).toContain(`added relation diff-test-new allied-with ttp (reported): cited: ${atlas.title} ¶7`);
    expect(lines).toContain('removed relation diff-test-gone allied-with ttp (reported)');
    // Unchanged items are not listed.
    expect(r.stdout).not.toMatch(/diff-test-cell opposes china/);
  });

  it('--json gives the same changes as a stable structure, citations resolved to their source', async () => {
    const first = await kg([oldDir, newDir, '--json']);
    expect(first.code).toBe(0);
    expect((await kg([oldDir, newDir, '--json'])).stdout).toBe(first.stdout);
    const diff = JSON.parse(first.stdout) as KnowledgeBaseDiff;
    expect(diff.entities.added.map((e) => e.id)).toEqual(['diff-test-new']);
    expect(diff.entities.removed.map((e) => e.id)).toEqual(['diff-test-gone']);
    expect(diff.entities.changed.map((e) => e.id)).toEqual(['diff-test-cell', 'ttp']);
    expect(diff.relations.changed).toHaveLength(1);
    const changed = diff.relations.changed[0]!;
    expect(changed.key).toBe('diff-test-cell--targets--pakistan-army--by-ispr');
    expect(changed.previousKey).toBe('diff-test-cell--targets--pakistan-army--alleged--by-ispr');
    expect(changed.changes).toEqual([
      { field: 'status', kind: 'value', before: 'alleged', after: 'reported' },
      { field: 'since', kind: 'value', after: '2024-06' },
      {
        field: 'evidence',
        kind: 'citations',
        added: [
          {
            source: 'atlas-2024',
            paragraph: 16,
            title: atlas.title,
            ...(atlas.publisher ? { publisher: atlas.publisher } : {}),
            published: atlas.published,
          },
        ],
        removed: [],
        changed: [],
      },
    ]);
    expect(diff.relations.added.map((r) => r.key)).toEqual(['diff-test-new--allied-with--ttp']);
    expect(diff.relations.removed.map((r) => r.key)).toEqual(['diff-test-gone--allied-with--ttp']);
    expect(diff.names['ttp']).toBe(ttp.name);
  });

  it('--markdown writes a changelog entry whose citations are numbered footnotes with title, publisher, date and paragraph', async () => {
    const r = await kg([oldDir, newDir, '--markdown']);
    expect(r.code).toBe(0);
    const md = r.stdout;
    expect(md).toMatch(/^## Knowledge base changes: .+ → .+\n/);
    expect(md).toContain('\n### Added\n');
    expect(md).toContain('\n### Removed\n');
    expect(md).toContain('\n### Changed\n');
    const added = md.match(new RegExp(`^- Diff Test New is allied with ${ttp.name}\\.\\[\\^(\\d+)\\]$`, 'm'));
    expect(added).not.toBeNull();
    const where = [atlas.title, atlas.publisher, atlas.published].filter((s) => s).join(', ');
    expect(md).toContain(`\n[^${added![1]}]: ${where}, ¶7.\n`);
    const changed = md.match(
      /^- Diff Test Cell targets Pakistan Army: status alleged → reported; .*¶16\[\^(\d+)\]\.$/m,
    );
    expect(changed).not.toBeNull();
    expect(md).toContain(`\n[^${changed![1]}]: ${where}, ¶16.\n`);
    expect(md).toMatch(/^- Entity: \*\*Diff Test Gone\*\* \(`diff-test-gone`, .+\)$/m);
  });

  it('pairs a relation whose status changed only when no other claim about the same pair could be it', async () => {
    const claim = (status: string, by: string) =>
      `- { type: opposes, from: beta, to: alpha, status: ${status}, assertedBy: [${by}], evidence: [{ source: src-a, paragraph: 1 }] }\n`;
    const before = miniSeed({ 'relations/main.yaml': claim('alleged', 'beta') + claim('denied', 'alpha') });
    const after = miniSeed({ 'relations/main.yaml': claim('reported', 'beta') + claim('disputed', 'alpha') });
    // Neither claim names who makes it: two changed claims about one pair could each be either.
    const unsure = miniSeed({ 'relations/main.yaml': claim('alleged', '') + claim('disputed', '') });
    const unsureAfter = miniSeed({ 'relations/main.yaml': claim('reported', '') + claim('denied', '') });
    try {
      const paired = await kg([before.dir, after.dir]);
      expect(paired.stdout).toContain(
        'changed relation beta opposes alpha (reported by beta): status alleged → reported',
      );
      expect(paired.stdout).toContain(
        'changed relation beta opposes alpha (disputed by alpha): status denied → disputed',
      );
      // Asserters changed: the changelog names them.
      const more = miniSeed({ 'relations/main.yaml': claim('alleged', 'beta, alpha') });
      try {
        const md = await kg([before.dir, more.dir, '--markdown']);
        expect(md.stdout).toMatch(
          /^- Betaland opposes Alpha Front \[alleged by Betaland, Alpha Front\]: asserted by added: Alpha Front\.$/m,
        );
      } finally {
        more.cleanup();
      }
      const r = await kg([unsure.dir, unsureAfter.dir]);
      expect(r.stdout).toContain('relations: 2 added, 2 removed, 0 changed (2 → 2)');
      expect(r.stdout).toContain('removed relation beta opposes alpha (alleged)');
      expect(r.stdout).toContain('added relation beta opposes alpha (denied): cited: Source A ¶1');
    } finally {
      for (const f of [before, after, unsure, unsureAfter]) f.cleanup();
    }
  });

  it('refuses a missing folder and a knowledge base that does not load, naming them, with exit 2', async () => {
    const missing = path.join(work, 'no-such-folder');
    const gone = await kg([missing, newDir]);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain(`diff: cannot compare ${missing}: no such folder`);
    expect(gone.stdout).toBe('');
    const notSeed = await kg([path.join(REPO_ROOT, 'src', 'diff'), newDir]);
    expect(notSeed.code).toBe(2);
    expect(notSeed.stderr).toContain(`cannot compare ${path.join(REPO_ROOT, 'src', 'diff')}: it holds no seed files`);

    const broken = path.join(work, 'broken');
    const bad = await kg([broken, newDir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /relations\/diff-test\.yaml:\d+: relation diff-test-cell allied-with nobody-known: to: unknown entity "nobody-known"/,
    );
    expect(bad.stderr).toContain(`diff: the knowledge base in ${broken} does not load (1 error(s)); nothing compared`);
    expect(bad.stdout).toBe('');
  });

  it('refuses a wrong number of operands and both formats at once with its usage', async () => {
    for (const args of [[], [oldDir, newDir, oldDir], [oldDir, newDir, '--json', '--markdown']]) {
      const r = await kg(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/usage: npm run kg -- diff REF/);
    }
  });
});

describe('kg diff REF', () => {
  it('compares the seed at a git revision with the working tree, as the two folders compare', async () => {
    const byFolders = JSON.parse((await kg([oldDir, newDir, '--json'])).stdout) as KnowledgeBaseDiff;
    const r = await kg(['HEAD~2', '--json'], inRepo());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const byRef = JSON.parse(r.stdout) as KnowledgeBaseDiff;
    expect(byRef.old.label).toBe('HEAD~2');
    expect(byRef.new.label).toBe('working tree');
    const withoutLabels = (d: KnowledgeBaseDiff) => ({
      ...d,
      old: { ...d.old, label: '' },
      new: { ...d.new, label: '' },
    });
    expect(withoutLabels(byRef)).toEqual(withoutLabels(byFolders));

    // An edit in the working tree, not yet committed, is part of the comparison.
    appendFileSync(
      path.join(repo, 'seed', 'entities', 'diff-test.yaml'),
      '- id: diff-test-uncommitted\n  kind: MilitantGroup\n  name: Uncommitted Cell\n  description: Not committed yet.\n',
    );
    try {
      const words = await kg(['HEAD'], inRepo());
      expect(words.code).toBe(0);
      expect(words.stdout.split('\n').slice(0, 5)).toEqual([
        'kg diff: HEAD → working tree',
        `sources: 0 added, 0 removed, 0 changed (${real.sources.length} → ${real.sources.length})`,
        `entities: 1 added, 0 removed, 0 changed (${real.entities.length + 2} → ${real.entities.length + 3})`,
        `relations: 0 added, 0 removed, 0 changed (${real.relations.length + 3} → ${real.relations.length + 3})`,
        '',
      ]);
      expect(words.stdout).toContain('added entity diff-test-uncommitted (MilitantGroup) "Uncommitted Cell"');
    } finally {
      git('checkout', '-q', '--', 'seed');
    }
    expect((await kg(['HEAD'], inRepo())).stdout).toMatch(/\n\nno changes\n$/);
  });

  it('names the revision and the file:line problems when the seed at that revision does not load (exit 2)', async () => {
    const r = await kg(['HEAD~1'], inRepo());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^HEAD~1:seed\/relations\/diff-test\.yaml:\d+: relation diff-test-cell allied-with nobody-known: to: unknown entity "nobody-known"$/m,
    );
    expect(r.stderr).toContain('diff: the knowledge base at HEAD~1 does not load (1 error(s)); nothing compared');
    expect(r.stdout).toBe('');
  });

  it('refuses an unknown revision with exit 2 and a one-line message, no stack trace (a real process)', async () => {
    const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
    const r = await promisify(execFile)(tsx, [path.join(REPO_ROOT, 'src', 'cli', 'kg.ts'), 'diff', 'no-such-ref'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...inRepo() },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `diff: unknown git revision "no-such-ref" in ${execFileSync('git', ['-C', repo, 'rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim()}\n`,
    );
  });

  it('refuses a seed folder outside any git repository, saying how to compare folders instead', async () => {
    const r = await kg(['HEAD'], { KG_SEED_DIR: newDir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`diff: ${newDir} is not inside a git repository; to compare two folders name both`);
  });
});
