import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/seed/load';
import { formatProblem } from '../../src/seed/problems';
import { verifyCitations } from '../../src/seed/verify';
import { miniSeed } from '../support/seed-fixture';

/** A made-up source, so the expectations do not depend on the real documents. */
const TEXT = [
  'The Alpha Front struck Betaland again.', // 1
  '', // blank lines do not count as paragraphs
  'The Beta-Gamma Corridor was attacked.', // 2: "Beta" only inside a longer name
  'Several parties, among them the Delta Party, voiced opposition.', // 3: the campaign they oppose is named in ¶4
  'Betaland pressed on with Operation Resolve.', // 4
  'The US and the Alpha Front met; us too.', // 5
].join('\n');

const ENTITIES = `
- { id: alpha, kind: MilitantGroup, name: Alpha Front, description: x }
- { id: betaland, kind: State, name: Betaland, aliases: [Beta], description: x }
- { id: corridor, kind: Project, name: Beta-Gamma Corridor, description: x }
- { id: delta, kind: PoliticalParty, name: Delta Party, description: x }
- { id: resolve, kind: Operation, name: Operation Resolve, description: x }
- { id: usa, kind: State, name: United States, aliases: [US], description: x }
`;

let sourcesDir: string;
beforeAll(() => {
  sourcesDir = mkdtempSync(path.join(tmpdir(), 'kg-src-'));
  writeFileSync(path.join(sourcesDir, 'a.txt'), TEXT);
});
afterAll(() => rmSync(sourcesDir, { recursive: true, force: true }));

function verify(relations: string) {
  const fx = miniSeed({ 'entities/main.yaml': ENTITIES, 'relations/main.yaml': relations });
  try {
    const r = loadKnowledgeBase(fx.dir, { sourcesDir, displayRoot: fx.dir });
    if (!r.kb) return { loadErrors: r.problems.map(formatProblem), failures: [] as string[] };
    return {
      loadErrors: [],
      failures: verifyCitations(r.kb, sourcesDir, r.locate!).problems.map(
        (p) => `${p.subject}: ${p.message.slice(p.message.indexOf('¶'))}`,
      ),
    };
  } finally {
    fx.cleanup();
  }
}

describe('citation checks', () => {
  it('accepts a paragraph that names both ends', () => {
    expect(
      verify('- { type: targets, from: alpha, to: betaland, evidence: [{ source: src-a, paragraph: 1 }] }').failures,
    ).toEqual([]);
  });

  it('does not count a name that is only part of a longer name of another entity', () => {
    const r = verify('- { type: targets, from: alpha, to: betaland, evidence: [{ source: src-a, paragraph: 2 }] }');
    expect(r.failures).toHaveLength(2);
    expect(r.failures[1]).toMatch(/does not name betaland/);
  });

  it('counts a contained name when the claim joins the two entities themselves', () => {
    expect(
      verify('- { type: part-of, from: betaland, to: corridor, evidence: [{ source: src-a, paragraph: 2 }] }').failures,
    ).toEqual([]);
  });

  it('matches short acronyms with their case only', () => {
    const r = verify('- { type: cooperates-with, from: usa, to: alpha, evidence: [{ source: src-a, paragraph: 5 }] }');
    expect(r.failures).toEqual([]);
  });

  it('lets a neighbouring context paragraph supply one end', () => {
    const ok = verify(
      '- { type: opposes, from: delta, to: resolve, evidence: [{ source: src-a, paragraph: 3, context: [4] }] }',
    );
    expect(ok.failures).toEqual([]);
    const without = verify(
      '- { type: opposes, from: delta, to: resolve, evidence: [{ source: src-a, paragraph: 3 }] }',
    );
    expect(without.failures).toEqual([
      'relation delta opposes resolve: ¶3: paragraph does not name resolve (as "Operation Resolve")',
    ]);
  });

  it('refuses context that supplies both ends, or lies too far away', () => {
    const both = verify(
      '- { type: opposes, from: betaland, to: resolve, evidence: [{ source: src-a, paragraph: 3, context: [4] }] }',
    );
    expect(both.failures).toContain(
      'relation betaland opposes resolve: ¶3: the cited paragraph itself names neither end; context may only supply one of them',
    );
    const far = verify(
      '- { type: opposes, from: delta, to: resolve, evidence: [{ source: src-a, paragraph: 1, context: [5] }] }',
    );
    expect(far.loadErrors[0]).toMatch(
      /evidence\.0\.context\.0: context paragraph 5 must differ from paragraph 1 and lie at most 3 paragraphs from it/,
    );
  });

  it('refuses a paragraph number beyond the source when the texts are present', () => {
    const r = verify('- { type: targets, from: alpha, to: betaland, evidence: [{ source: src-a, paragraph: 9 }] }');
    expect(r.loadErrors[0]).toMatch(
      /evidence\.0\.paragraph: paragraph 9 does not exist; source "src-a" has 5 paragraphs/,
    );
  });

  it('names the file, the line and the citation of each failure, so two claims about one pair print apart (issue 16)', () => {
    const relations = [
      '- type: targets',
      '  from: alpha',
      '  to: betaland',
      '  status: alleged',
      '  assertedBy: [betaland]',
      '  evidence:',
      '    - { source: src-a, paragraph: 1 }',
      '    - { source: src-a, paragraph: 2 }',
      '- type: targets',
      '  from: alpha',
      '  to: betaland',
      '  status: denied',
      '  assertedBy: [alpha]',
      '  evidence: [{ source: src-a, paragraph: 2 }]',
      '',
    ].join('\n');
    const fx = miniSeed({ 'entities/main.yaml': ENTITIES, 'relations/main.yaml': relations });
    try {
      const r = loadKnowledgeBase(fx.dir, { sourcesDir, displayRoot: fx.dir });
      const failures = verifyCitations(r.kb!, sourcesDir, r.locate!).problems;
      expect(failures.map(formatProblem)).toEqual([
        'relations/main.yaml:8: relation alpha targets betaland: evidence.1: src-a ¶2: paragraph does not name alpha (as "Alpha Front")',
        'relations/main.yaml:8: relation alpha targets betaland: evidence.1: src-a ¶2: paragraph does not name betaland (as "Betaland", "Beta")',
        'relations/main.yaml:14: relation alpha targets betaland: evidence.0: src-a ¶2: paragraph does not name alpha (as "Alpha Front")',
        'relations/main.yaml:14: relation alpha targets betaland: evidence.0: src-a ¶2: paragraph does not name betaland (as "Betaland", "Beta")',
      ]);
    } finally {
      fx.cleanup();
    }
  });

  it('places a failed fact or mention at its own line', () => {
    const entities = `${ENTITIES}- id: gamma\n  kind: State\n  name: Gammaland\n  description: x\n  facts:\n    - { name: size, value: 3, source: src-a, paragraph: 4 }\n`;
    const fx = miniSeed({ 'entities/main.yaml': entities, 'relations/main.yaml': '' });
    try {
      const r = loadKnowledgeBase(fx.dir, { sourcesDir, displayRoot: fx.dir });
      const failures = verifyCitations(r.kb!, sourcesDir, r.locate!).problems;
      expect(failures.map(formatProblem)).toEqual([
        'entities/main.yaml:13: entity gamma fact "size": facts.0: src-a ¶4: paragraph does not name gamma (as "Gammaland")',
      ]);
    } finally {
      fx.cleanup();
    }
  });
});
