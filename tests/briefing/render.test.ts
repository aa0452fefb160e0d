import { describe, expect, it } from 'vitest';
import {
  claimsBriefing,
  entityBriefing,
  finishBriefing,
  pathsBriefing,
  type BriefingClaim,
  type Named,
} from '../../src/briefing';
import type { CitedEvidence } from '../../src/model';

const cite = (source: string, paragraph: number): CitedEvidence => ({
  source,
  paragraph,
  title: `Report ${source}`,
  publisher: `Publisher ${source}`,
  published: '2024-05-01',
});
const n = (id: string, name = id.toUpperCase()): Named => ({ id, name });
const claim = (over: Partial<BriefingClaim> & Pick<BriefingClaim, 'from' | 'to'>): BriefingClaim => ({
  type: 'targets',
  status: 'reported',
  assertedBy: [],
  evidence: [cite('a', 1)],
  ...over,
});

/** The footnote definitions of a finished briefing, by number. */
function footnotes(md: string): Map<number, string> {
  return new Map([...md.matchAll(/^\[\^(\d+)\]: (.*)$/gm)].map((m) => [Number(m[1]), m[2]!]));
}

describe('briefing renderer', () => {
  it('numbers footnotes in order of first use and gives a repeated citation its first number', () => {
    const md = finishBriefing(
      claimsBriefing({
        title: 'Who targets whom',
        claims: [
          claim({ from: n('bla'), to: n('cpec'), evidence: [cite('a', 12)] }),
          claim({ from: n('ttp'), to: n('police'), evidence: [cite('b', 3), cite('a', 12)] }),
          claim({ from: n('isis-k'), to: n('jui-f'), evidence: [cite('b', 3)] }),
        ],
      }),
    );
    expect(md).toContain('# Who targets whom');
    expect(md).toContain('- BLA targets CPEC[^1].');
    expect(md).toContain('- TTP targets POLICE[^2][^1].');
    expect(md).toContain('- ISIS-K targets JUI-F[^2].');
    const notes = footnotes(md);
    expect([...notes.keys()]).toEqual([1, 2]);
    expect(notes.get(1)).toBe('Report a, Publisher a, 2024-05-01, ¶12.');
  });

  it('says a contested claim’s status and who asserts it in its footnote, and one footnote per status', () => {
    const md = finishBriefing(
      claimsBriefing({
        title: 't',
        claims: [
          claim({ from: n('x'), to: n('y'), type: 'funds', status: 'alleged', assertedBy: [n('p', 'Pakistan')] }),
          claim({ from: n('x'), to: n('z'), type: 'funds', status: 'reported' }),
        ],
      }),
    );
    expect(md).toContain('- Pakistan alleges that X funds Y[^1].');
    expect(md).toContain('- X funds Z[^2].');
    expect(footnotes(md).get(1)).toBe('Report a, Publisher a, 2024-05-01, ¶1; alleged by Pakistan.');
    expect(footnotes(md).get(2)).toBe('Report a, Publisher a, 2024-05-01, ¶1.');
  });

  it('puts an allegation and its denial about the same pair side by side in one sentence', () => {
    const alleged = claim({
      type: 'harbors',
      from: n('at', 'the Afghan Taliban'),
      to: n('ttp', 'the TTP'),
      status: 'alleged',
      assertedBy: [n('pk', 'Pakistan')],
      evidence: [cite('a', 11)],
    });
    const denied = { ...alleged, status: 'denied' as const, assertedBy: [n('at', 'the Afghan Taliban')] };
    const other = claim({ from: n('at', 'the Afghan Taliban'), to: n('pk', 'Pakistan'), type: 'opposes' });
    // The denial first in the input: the sentence still states the allegation first.
    const md = finishBriefing(claimsBriefing({ title: 't', claims: [denied, other, alleged] }));
    const contested = md.split('\n').filter((l) => l.includes('harbors'));
    expect(contested).toEqual([
      '- Pakistan alleges that the Afghan Taliban harbors the TTP[^1]; the Afghan Taliban denies it[^2].',
    ]);
    expect(footnotes(md).get(1)).toMatch(/¶11; alleged by Pakistan\.$/);
    expect(footnotes(md).get(2)).toMatch(/¶11; denied by the Afghan Taliban\.$/);
  });

  it('keeps claims of different types or directions about the same pair apart, but pairs a symmetric type either way', () => {
    const md = finishBriefing(
      claimsBriefing({
        title: 't',
        claims: [
          claim({ from: n('a'), to: n('b'), type: 'supports', status: 'alleged', assertedBy: [n('c')] }),
          claim({ from: n('a'), to: n('b'), type: 'funds', status: 'denied', assertedBy: [n('a')] }),
          claim({ from: n('b'), to: n('a'), type: 'supports', status: 'denied', assertedBy: [n('b')] }),
          claim({ from: n('a'), to: n('b'), type: 'allied-with', status: 'reported' }),
          claim({ from: n('b'), to: n('a'), type: 'allied-with', status: 'disputed' }),
        ],
      }),
    );
    const items = md.split('\n').filter((l) => l.startsWith('- '));
    expect(items).toEqual([
      '- C alleges that A supports B[^1].',
      '- A denies that A funds B[^2].',
      '- B denies that B supports A[^3].',
      '- A is allied with B[^4]; it is disputed[^5].',
    ]);
    expect(footnotes(md).get(5)).toMatch(/; disputed \(no one named\)\.$/);
  });

  it('gives conflicting figures side by side, each with its source', () => {
    const md = finishBriefing(
      entityBriefing({
        entity: {
          id: 'ttp',
          name: 'TTP',
          kind: 'MilitantGroup',
          description: 'A group.',
          aliases: ['Pakistani Taliban'],
        },
        facts: [
          { name: 'fighters', value: 6000, date: '2024', evidence: cite('a', 4) },
          { name: 'fighters', value: 5000, date: '2024', evidence: cite('b', 9) },
          { name: 'founded', value: 2007, evidence: cite('a', 4) },
        ],
        relations: {},
      }),
    );
    expect(md).toContain('- fighters: 6000 (2024)[^1]; 5000 (2024)[^2] (the figures differ)');
    expect(md).toContain('- founded: 2007[^1]\n');
    expect(footnotes(md).get(2)).toBe('Report b, Publisher b, 2024-05-01, ¶9.');
    expect(md.startsWith('# TTP\n\n*Militant group.* Also known as Pakistani Taliban.\n\nA group.\n')).toBe(true);
  });

  it('lists an entity’s relations under their type’s label', () => {
    const md = finishBriefing(
      entityBriefing({
        entity: { id: 'bla', name: 'BLA', kind: 'MilitantGroup', description: 'd', aliases: [] },
        facts: [],
        relations: {
          targets: [claim({ from: n('bla', 'BLA'), to: n('cpec', 'CPEC') })],
          'allied-with': [claim({ type: 'allied-with', from: n('bla', 'BLA'), to: n('blf', 'BLF') })],
        },
      }),
    );
    expect(md).toMatch(
      /## Relations\n\n### Targets\n\n- BLA targets CPEC\[\^1\]\.\n\n### Allied with\n\n- BLA is allied with BLF\[\^1\]\./,
    );
  });

  it('writes each route of a path result as numbered hops, and says why there is none', () => {
    const a = n('a', 'A');
    const b = n('b', 'B');
    const c = n('c', 'C');
    const md = finishBriefing(
      pathsBriefing({
        from: a,
        to: c,
        routes: [
          {
            nodes: [a, b, c],
            hops: [[claim({ from: a, to: b })], [claim({ from: c, to: b, type: 'funds', evidence: [cite('z', 2)] })]],
          },
        ],
      }),
    );
    expect(md).toContain(
      '# From A to C\n\n## Route 1: A → B → C\n\n1. **A → B**: A targets B[^1].\n2. **B → C**: C funds B[^2].',
    );
    const none = finishBriefing(pathsBriefing({ from: a, to: c, routes: [], reason: 'no route within 4 hops' }));
    expect(none).toBe('# From A to C\n\nNo path: no route within 4 hops.\n');
  });

  it('heads a question briefing with its title, parameters and description, and says when no claim answers it', () => {
    const md = finishBriefing(
      claimsBriefing({
        title: 'Who backs an actor?',
        description: 'Backers.',
        parameters: [
          ['actor', 'TTP'],
          ['ties', 'funds, supports'],
        ],
        claims: [],
      }),
    );
    expect(md).toBe(
      '# Who backs an actor?\n\n*actor:* TTP · *ties:* funds, supports\n\nBackers.\n\nNo claim answers it.\n',
    );
  });

  it('quotes each cited paragraph once, under every footnote citing it, only when passages are given', () => {
    const draft = claimsBriefing({
      title: 't',
      claims: [
        claim({ from: n('x'), to: n('y'), status: 'alleged', assertedBy: [n('p')], evidence: [cite('a', 2)] }),
        claim({ from: n('x'), to: n('y'), status: 'denied', assertedBy: [n('x')], evidence: [cite('a', 2)] }),
        claim({ from: n('x'), to: n('w'), evidence: [cite('b', 7)] }),
      ],
    });
    const md = finishBriefing(
      draft,
      new Map([
        ['a\u00002', 'Paragraph two of a.'],
        ['b\u00007', undefined],
      ]),
    );
    const appendix = md.slice(md.indexOf('## Cited passages'));
    expect(appendix).toBe(
      '## Cited passages\n\n[^1], [^2] Report a, ¶2:\n\n> Paragraph two of a.\n\n[^3] Report b, ¶7:\n\n*(this paragraph is not in the source file)*\n',
    );
    expect(finishBriefing(draft)).not.toContain('Cited passages');
  });
});
