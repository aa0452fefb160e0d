import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { knowledgeRoots } from '../../src/config';
import { importClaims, type ImportReport } from '../../src/interop/import';
import { loadKnowledgeBaseOrThrow } from '../../src/seed/load';
import { formatProblem } from '../../src/seed/problems';
import { MemoryStore } from '../../src/store/memory';
import { miniSeed } from '../support/seed-fixture';

let seed: ReturnType<typeof miniSeed>;
let work: string;
let dataDir: string;

beforeEach(() => {
  seed = miniSeed({
    'relations/main.yaml': `- type: opposes\n  from: beta\n  to: alpha\n  evidence:\n    - source: src-a\n      paragraph: 1\n- type: funds\n  from: beta\n  to: alpha\n  status: denied\n  assertedBy: [beta]\n  evidence: [{ source: src-a, paragraph: 2 }]\n`,
  });
  work = mkdtempSync(path.join(tmpdir(), 'kg-import-'));
  dataDir = path.join(work, 'data');
});
afterEach(() => {
  seed.cleanup();
  rmSync(work, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const f = path.join(work, name);
  writeFileSync(f, text);
  return f;
}
const run = (...files: string[]): ImportReport =>
  importClaims(files, { seedDir: seed.dir, dataDir, displayRoot: work, now: new Date('2025-01-02T03:04:05Z') });
const errors = (r: ImportReport) => r.problems.filter((p) => p.severity === 'error').map(formatProblem);
const loadGraph = () => new MemoryStore(loadKnowledgeBaseOrThrow(knowledgeRoots({ seedDir: seed.dir, dataDir })).kb);

const GOOD_CLAIMS = `# An analyst's claims, in the sectioned layout.
sources:
  - id: src-new
    title: New report
    published: 2025-01
    file: new.txt
entities:
  - id: gamma
    kind: MilitantGroup
    name: Gamma Brigade
    aliases: [GB]
    description: A test faction.
relations:
  - type: allied-with
    from: gamma
    to: alpha
    since: 2024-03
    evidence:
      - { source: src-new, paragraph: 4, note: Both named as partners. }
`;

describe('kg import: YAML claim files', () => {
  it('adds sources, entities and relations to the data folder, and the store shows them', async () => {
    const r = run(file('claims.yaml', GOOD_CLAIMS));
    expect(errors(r)).toEqual([]);
    expect(r.added.sources.map((s) => s.value.id)).toEqual(['src-new']);
    expect(r.added.entities.map((e) => `${e.value.id} ${e.from}`)).toEqual(['gamma claims.yaml:8']);
    expect(r.added.relations.map((x) => x.value.key)).toEqual(['gamma--allied-with--alpha']);
    expect(readdirSync(path.join(dataDir, 'relations'))).toEqual(['20250102-030405-claims.yaml']);
    const store = loadGraph();
    const detail = await store.getEntity('gamma');
    expect(detail?.relations['allied-with']?.[0]).toMatchObject({
      to: 'alpha',
      since: '2024-03',
      evidence: [{ source: 'src-new', paragraph: 4, title: 'New report' }],
    });
  });

  it('skips what is already known, so importing the same file twice adds nothing', () => {
    const claims = file('claims.yaml', GOOD_CLAIMS);
    run(claims);
    const before = readdirSync(dataDir, { recursive: true }).sort();
    const again = run(claims);
    expect(errors(again)).toEqual([]);
    expect(again.written).toEqual([]);
    expect(again.known).toEqual([
      'source src-new',
      'entity gamma',
      'relation gamma allied-with alpha (gamma--allied-with--alpha)',
    ]);
    expect(readdirSync(dataDir, { recursive: true }).sort()).toEqual(before);
  });

  it('adds to the files an earlier import wrote in the same second from a file of the same name', async () => {
    expect(errors(run(file('claims.yaml', GOOD_CLAIMS)))).toEqual([]);
    mkdirSync(path.join(work, 'again'));
    const delta =
      'entities:\n  - id: delta\n    kind: MilitantGroup\n    name: Delta Front\n    description: Another.\n';
    const again = run(file('again/claims.yaml', delta));
    expect(errors(again)).toEqual([]);
    expect(again.written).toEqual([path.join(dataDir, 'entities', '20250102-030405-claims.yaml')]);
    const graph = loadGraph();
    expect((await graph.getEntity('gamma'))?.name).toBe('Gamma Brigade');
    expect((await graph.getEntity('delta'))?.name).toBe('Delta Front');
  });

  it('reports every problem with file:line in one run and writes nothing', () => {
    const bad = file(
      'bad.yaml',
      [
        'entities:',
        '  - id: delta',
        '    kind: Guild',
        '    name: Delta',
        '    description: x',
        'relations:',
        '  - type: allied-with',
        '    from: delta',
        '    to: nowhere',
        '    evidence:',
        '      - source: src-zzz',
        '        paragraph: 2',
        '  - type: befriends',
        '    from: alpha',
        '    to: beta',
        '    evidence: [{ source: src-a, paragraph: 1 }]',
        '  - { type: opposes, from: beta, to: alpha, status: alleged, evidence: [{ source: src-a, paragraph: 0 }] }',
        'extras: []',
        '',
      ].join('\n'),
    );
    const r = run(bad);
    expect(errors(r)).toEqual([
      'bad.yaml:3: entity delta: kind: unknown kind "Guild"; known kinds: MilitantGroup, State, Government, StateBody, PoliticalParty, InternationalBody, Person, Operation, Policy, Project, Event, Place, Population',
      'bad.yaml:8: relation delta allied-with nowhere: from: unknown entity "delta"',
      'bad.yaml:9: relation delta allied-with nowhere: to: unknown entity "nowhere"',
      'bad.yaml:11: relation delta allied-with nowhere: evidence.0.source: unknown source "src-zzz"',
      expect.stringMatching(/^bad\.yaml:13: relation alpha befriends beta: type: unknown relation type "befriends"/),
      'bad.yaml:17: relation beta opposes alpha: evidence.0.paragraph: Too small: expected number to be >=1',
      'bad.yaml:18: unknown section "extras"; the sections are sources, entities, relations',
    ]);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses an entity that reuses an existing id with another kind', () => {
    const r = run(
      file('kind.yaml', 'entities:\n  - id: alpha\n    kind: Person\n    name: Alpha\n    description: x\n'),
    );
    expect(errors(r)).toEqual([
      'kind.yaml:3: entity alpha: kind: refused: entity "alpha" already exists as MilitantGroup; an import cannot change its kind (use another id)',
    ]);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('keeps a claim that contradicts a denial as disputed, alongside, and leaves the denial as it was', async () => {
    const r = run(
      file(
        'contra.yaml',
        'relations:\n  - type: funds\n    from: beta\n    to: alpha\n    evidence: [{ source: src-a, paragraph: 3 }]\n',
      ),
    );
    expect(errors(r)).toEqual([]);
    expect(r.contradictions).toEqual([
      'contra.yaml:2: relation beta funds alpha contradicts "beta--funds--alpha--denied--by-beta"; kept as disputed alongside',
    ]);
    const funds = (await loadGraph().getEntity('beta'))!.relations.funds!;
    expect(funds.map((f) => f.status).sort()).toEqual(['denied', 'disputed']);
  });

  it('keeps a denial of an existing claim as denied, alongside, and names the claim it contradicts', () => {
    const r = run(
      file(
        'deny.yaml',
        'relations:\n  - { type: opposes, from: beta, to: alpha, status: denied, assertedBy: [beta], evidence: [{ source: src-a, paragraph: 3 }] }\n',
      ),
    );
    expect(errors(r)).toEqual([]);
    expect(r.contradictions).toEqual([
      'deny.yaml:2: relation beta opposes alpha (denied) contradicts "beta--opposes--alpha"; kept as denied alongside',
    ]);
    expect(r.added.relations.map((x) => x.value.status)).toEqual(['denied']);
  });

  it('adds nothing when the claim is already there, whatever else the pair holds (issue 16)', () => {
    // The pair beta-funds-alpha holds a denial; a reported claim beside it, as in the real seed.
    const seedRelations = `- { type: funds, from: beta, to: alpha, status: denied, assertedBy: [beta], evidence: [{ source: src-a, paragraph: 2 }] }\n- { type: funds, from: beta, to: alpha, evidence: [{ source: src-a, paragraph: 4 }] }\n`;
    writeFileSync(path.join(seed.dir, 'relations', 'main.yaml'), seedRelations);
    const same = run(
      file(
        'same.yaml',
        'relations:\n  - { type: funds, from: beta, to: alpha, evidence: [{ source: src-a, paragraph: 4 }] }\n',
      ),
    );
    expect(errors(same)).toEqual([]);
    expect(same.known).toEqual(['relation beta funds alpha (beta--funds--alpha)']);
    expect(same.contradictions).toEqual([]);
    expect(existsSync(dataDir)).toBe(false);
    // The whole seed folder imported over itself: every item known, nothing written.
    const whole = run(seed.dir);
    expect(errors(whole)).toEqual([]);
    expect(whole.written).toEqual([]);
    expect(whole.known).toHaveLength(2 + 1 + 2);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('adds nothing the second time a claim kept as disputed is imported', () => {
    const contra = file(
      'contra.yaml',
      'relations:\n  - type: funds\n    from: beta\n    to: alpha\n    evidence: [{ source: src-a, paragraph: 3 }]\n',
    );
    expect(run(contra).added.relations.map((r) => r.value.status)).toEqual(['disputed']);
    const before = readdirSync(dataDir, { recursive: true }).sort();
    const again = run(contra);
    expect(errors(again)).toEqual([]);
    expect(again.written).toEqual([]);
    expect(again.known).toEqual(['relation beta funds alpha (beta--funds--alpha--disputed)']);
    expect(readdirSync(dataDir, { recursive: true }).sort()).toEqual(before);
  });

  it('asks for citations to be merged instead of silently dropping new evidence for a known claim', () => {
    const r = run(
      file(
        'more.yaml',
        'relations:\n  - type: opposes\n    from: beta\n    to: alpha\n    evidence: [{ source: src-a, paragraph: 9 }]\n',
      ),
    );
    expect(errors(r)).toEqual([
      'more.yaml:5: relation beta opposes alpha: evidence: this claim exists already (key "beta--opposes--alpha") without src-a ¶9; add the citations to the existing claim, or give this one an "id" to keep it as a separate claim',
    ]);
  });

  it('refuses a draft whose placeholders were not replaced, saying what to do', () => {
    const r = run(
      file(
        'draft.yaml',
        'relations:\n  # ¶3: Alpha and Betaland\n  - type: TODO\n    from: alpha\n    to: beta\n    evidence:\n      - source: src-a\n        paragraph: 3\n',
      ),
    );
    expect(errors(r)).toEqual([
      expect.stringMatching(
        /^draft\.yaml:3: type: draft placeholder "TODO" left in: pick a relation type .* or delete this draft entry$/,
      ),
    ]);
  });
});

describe('kg import: citations checked as kg verify checks them (issue 16)', () => {
  const TEXT = [
    'Betaland fights the Alpha Front.',
    'Betaland says it never paid the Alpha Front.',
    'The weather was mild.',
    'AF fighters crossed into Betaland.',
  ].join('\n\n');
  const runWithTexts = (...files: string[]) => {
    const texts = path.join(work, 'texts');
    mkdirSync(texts, { recursive: true });
    writeFileSync(path.join(texts, 'a.txt'), TEXT);
    return importClaims(files, {
      seedDir: seed.dir,
      dataDir,
      sourcesDir: texts,
      displayRoot: work,
      now: new Date('2025-01-02T03:04:05Z'),
    });
  };

  it('refuses a CSV row whose paragraph does not name both ends, naming the row and the column, and writes nothing', () => {
    const csv = file(
      'claims.csv',
      'from,type,to,status,since,until,source,paragraph,note,assertedBy,credibility\nalpha,targets,beta,alleged,,,src-a,3,,beta,3\nalpha,targets,beta,,,,src-a,4,,,\n',
    );
    const r = runWithTexts(csv);
    expect(errors(r)).toEqual([
      'claims.csv:2: relation alpha targets beta: paragraph: src-a ¶3: paragraph does not name alpha (as "Alpha Front", "AF")',
      'claims.csv:2: relation alpha targets beta: paragraph: src-a ¶3: paragraph does not name beta (as "Betaland")',
    ]);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('reports every problem of a row: a bad date does not hide a paragraph the source lacks, nor an unknown entity (issue 16)', () => {
    const csv = file(
      'both.csv',
      'from,type,to,since,source,paragraph\nalpha,targets,beta,2024-13,src-a,99\nalpha,targets,nobody,2024-14,src-a,4\n,targets,beta,,src-a,4\n',
    );
    expect(errors(runWithTexts(csv))).toEqual([
      'both.csv:2: relation alpha targets beta: since: "2024-13" has month 13, which does not exist',
      'both.csv:2: relation alpha targets beta: paragraph: paragraph 99 does not exist; source "src-a" has 4 paragraphs',
      'both.csv:3: relation alpha targets nobody: since: "2024-14" has month 14, which does not exist',
      'both.csv:3: relation alpha targets nobody: to: unknown entity "nobody"',
      'both.csv:4: relation ? targets beta: from: required but missing',
    ]);
  });

  it('adds a claim whose paragraph names both ends, and checks the facts of new entities too', () => {
    expect(errors(runWithTexts(file('ok.csv', 'from,type,to,source,paragraph\nalpha,targets,beta,src-a,4\n')))).toEqual(
      [],
    );
    const entity = file(
      'gamma.yaml',
      'entities:\n  - id: gamma\n    kind: State\n    name: Gammaland\n    description: x\n    facts:\n      - { name: size, value: 3, source: src-a, paragraph: 1 }\n',
    );
    expect(errors(runWithTexts(entity))).toEqual([
      'gamma.yaml:7: entity gamma fact "size": facts.0: src-a ¶1: paragraph does not name gamma (as "Gammaland")',
    ]);
  });
});

describe('kg import: CSV claim tables', () => {
  const HEADER = 'from,type,to,status,since,until,source,paragraph,note';

  it('reads one citation per row and joins rows that make the same claim', async () => {
    const r = run(
      file(
        'claims.csv',
        `${HEADER}\nalpha,targets,beta,alleged,2024-06,,src-a,2,"first, with a comma"\nalpha,targets,beta,alleged,2024-06,,src-a,5,\nbeta,opposes,alpha,,,,src-a,1,\n`,
      ),
    );
    expect(errors(r)).toEqual([]);
    expect(r.added.relations).toHaveLength(1);
    expect(r.added.relations[0]!.value).toMatchObject({
      type: 'targets',
      status: 'alleged',
      since: '2024-06',
      evidence: [
        { source: 'src-a', paragraph: 2, note: 'first, with a comma' },
        { source: 'src-a', paragraph: 5 },
      ],
    });
    expect(r.known).toEqual(['relation beta opposes alpha (beta--opposes--alpha)']);
    const targets = (await loadGraph().getEntity('alpha'))!.relations.targets!;
    expect(targets[0]!.evidence.map((e) => e.paragraph)).toEqual([2, 5]);
  });

  it('names the CSV row and column of each problem, and writes nothing', () => {
    const csv = file(
      'bad.csv',
      `${HEADER}\nalpha,targets,beta,,2024-13,,src-a,2,\nalpha,targets,beta,,2024-13,,src-a,x,\n"quoted\nrow",allied-with,beta,,,,src-a,1,\nalpha,allied-with,beta\n`,
    );
    const r = run(csv);
    expect(errors(r)).toEqual([
      'bad.csv:2: relation alpha targets beta: since: "2024-13" has month 13, which does not exist',
      'bad.csv:3: relation alpha targets beta: paragraph: Invalid input: expected number, received string',
      'bad.csv:4: relation quoted\\u000arow allied-with beta: from: use a lowercase slug such as "ttp" or "afghan-taliban"',
      'bad.csv:6: row has 3 fields; the header has 9',
    ]);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses an unknown column in the header', () => {
    expect(errors(run(file('cols.csv', 'from,type,to,source,paragraph,weight\n')))).toEqual([
      'cols.csv:1: column 6 "weight" is not a claim column; the columns are from,type,to,status,since,until,source,paragraph,note,assertedBy,credibility',
    ]);
  });
});
