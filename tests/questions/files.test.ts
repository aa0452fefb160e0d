import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadQuestions, QuestionFilesError, QUESTIONS_DIR, runQuestion } from '../../src/questions';
import { formatProblem, loadKnowledgeBaseOrThrow } from '../../src/seed';
import { MemoryStore } from '../../src/store/memory';
import { SEED_DIR } from '../support/paths';

const BROKEN = path.join(__dirname, 'fixtures', 'broken');

describe('the shipped question files', () => {
  const questions = loadQuestions(QUESTIONS_DIR);
  const store = new MemoryStore(loadKnowledgeBaseOrThrow(SEED_DIR).kb);

  it('all load, at least ten, each id once and named like its file', () => {
    expect(questions.length).toBeGreaterThanOrEqual(10);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
  });

  it.each(questions.map((q) => [q.id, q] as const))(
    '%s answers with defaults on the real seed: claims, each cited, in relation-key order',
    async (_id, question) => {
      const answer = await runQuestion(store, question);
      expect(answer.claims.length).toBeGreaterThan(0);
      const keys = answer.claims.map((c) => c.key);
      expect(keys).toEqual([...keys].sort());
      expect(answer.graph.edges.map((e) => e.key)).toEqual(keys);
      const nodes = new Set(answer.graph.nodes.map((n) => n.key));
      for (const c of answer.claims) {
        expect(c.evidence.length).toBeGreaterThan(0);
        expect(c.evidence[0]!.title).not.toBe(c.evidence[0]!.source);
        expect(nodes.has(c.from.id) && nodes.has(c.to.id)).toBe(true);
        expect(c.sentence).toContain(c.from.name);
      }
    },
  );

  it('"which groups target Chinese interests" names the BLA, each claim a targets claim from a militant group', async () => {
    const q = questions.find((x) => x.id === 'chinese-interests-targeted')!;
    const answer = await runQuestion(store, q);
    expect(answer.claims.every((c) => c.type === 'targets' && c.from.kind === 'MilitantGroup')).toBe(true);
    expect(answer.claims.map((c) => c.from.id)).toContain('bla');
    expect(new Set(answer.claims.map((c) => c.to.id))).toEqual(
      new Set(['china', 'cpec', 'chinese-nationals-in-pakistan']),
    );
  });

  it('what is contested about Afghanistan sheltering the TTP: both an allegation and its denial, never a plain report', async () => {
    const answer = await runQuestion(
      store,
      questions.find((x) => x.id === 'afghanistan-sheltering-ttp')!,
    );
    const statuses = new Set(answer.claims.map((c) => c.status));
    expect(statuses.has('alleged') && statuses.has('denied')).toBe(true);
    expect(statuses.has('reported')).toBe(false);
  });

  it('the window of "what changed" keeps only relations that began or ended inside it', async () => {
    const q = questions.find((x) => x.id === 'changes-around')!;
    const answer = await runQuestion(store, q, { actor: 'afghan-taliban', from: '2024', to: '2024' });
    expect(answer.claims.length).toBeGreaterThan(0);
    for (const c of answer.claims) expect([c.since, c.until].some((d) => d?.startsWith('2024'))).toBe(true);
  });
});

describe('broken question files', () => {
  function problems(): string[] {
    try {
      loadQuestions(BROKEN);
    } catch (e) {
      expect(e).toBeInstanceOf(QuestionFilesError);
      return (e as QuestionFilesError).problems.map(formatProblem);
    }
    throw new Error('the broken folder loaded');
  }
  const at = (file: string, line: number) => path.join(path.relative(process.cwd(), BROKEN), file) + `:${line}:`;

  it('a YAML error is reported at the line that opened the unclosed list', () => {
    expect(problems().find((p) => p.startsWith(at('bad-yaml.yaml', 7)))).toMatch(/malformed YAML/);
  });

  it('a misspelt field and an unknown kind are reported at their own lines, the field named', () => {
    const found = problems();
    expect(found.find((p) => p.startsWith(at('misspelt.yaml', 7)))).toMatch(/recipe\.0\.deph: unknown field/);
    expect(found.find((p) => p.startsWith(at('misspelt.yaml', 8)))).toMatch(/recipe\.0\.kinds\.0: .*Militant/);
  });

  it('a reference to an undeclared parameter, or one of the wrong type, is named at its line', () => {
    const found = problems();
    expect(found.find((p) => p.startsWith(at('unknown-reference.yaml', 11)))).toMatch(
      /\$group.*not among the parameters/,
    );
    expect(found.find((p) => p.startsWith(at('wrong-reference-type.yaml', 12)))).toMatch(
      /asOf: refers to \$actor, which is an? entity parameter; this field takes a date parameter/,
    );
  });

  it('an id used by an earlier file is reported at the id key of the later one, naming the earlier file', () => {
    const dir = path.join(__dirname, 'fixtures', 'duplicate');
    const shown = (file: string) => path.join(path.relative(process.cwd(), dir), file);
    expect(() => loadQuestions(dir)).toThrow(
      `${shown('second.yaml')}:3: id: question id "twice" is already used by ${shown('first.yaml')}`,
    );
  });

  it('a file written as a list is refused at line 1, and every broken file is reported at once', () => {
    const found = problems();
    expect(found.find((p) => p.startsWith(at('a-list.yaml', 1)))).toMatch(/one mapping/);
    expect(new Set(found.map((p) => p.split(':')[0]))).toHaveProperty('size', 5);
  });
});
