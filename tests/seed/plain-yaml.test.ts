import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { LineCounter, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { generateSeed } from '../../src/bench/generate';
import { readPlainSeedList } from '../../src/seed/plain-yaml';
import { REPO_ROOT } from '../support/paths';

/**
 * The plain seed reader must read every file it accepts exactly as the `yaml` library does (same
 * values, same key order, same item lines), and hand everything else back (null) so the library
 * can read it or report it.
 */
const REFUSED = Symbol('refused by the YAML parser');

function general(text: string): { values: unknown[]; lines: number[] } | typeof REFUSED {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) return REFUSED;
  if (doc.contents === null) return { values: [], lines: [] };
  const items = (doc.contents as { items?: { range?: [number] }[] }).items;
  const values = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (!Array.isArray(values) || !items) return { values: [values], lines: [] };
  return { values, lines: items.map((n) => lineCounter.linePos(n.range?.[0] ?? 0).line) };
}

function expectSameAsGeneral(text: string): boolean {
  const fast = readPlainSeedList(text);
  if (fast === null) return false;
  const expected = general(text);
  expect(expected, `the library refuses what the plain reader took:\n${text}`).not.toBe(REFUSED);
  if (expected === REFUSED) return false;
  const values = fast.map((i) => i.value);
  expect(values, text).toEqual(expected.values);
  expect(JSON.stringify(values), text).toBe(JSON.stringify(expected.values));
  expect(
    fast.map((i) => i.line),
    text,
  ).toEqual(expected.lines);
  return true;
}

const SCALARS = [
  'TTP',
  'Tehreek-e-Taliban',
  "People's Party",
  'a: b',
  'x #c',
  'C#',
  '2024',
  '2024-06',
  '2024-06-22',
  '007',
  '0',
  '-5',
  '-0',
  '+5',
  '1e3',
  '.5',
  '0x1F',
  '0o17',
  '.inf',
  '-.inf',
  '.nan',
  'null',
  'Null',
  'NULL',
  '~',
  'true',
  'False',
  'TRUE',
  'yes',
  'no',
  'on',
  '1_000',
  '12.50',
  'é',
  'Ñandú',
  '"dq"',
  "'sq'",
  "'it''s'",
  '"a\\"b"',
  '"a, b"',
  "'x: y'",
  '- item',
  '-x',
  '?q',
  ':c',
  '&a',
  '*a',
  '!t',
  '|',
  '>',
  '[x]',
  '{y}',
  '@at',
  '`bt`',
  '%p',
  'a  b',
  'a,b',
  'a]b',
  'x\u00a0',
  '\u00a0x',
  'http://x.y',
  'key:',
  '#c',
  'a # b',
  "''",
  '""',
  'Azm-e-Istehkam',
  '12345678901234567',
  // Next to the edges of the plain shape (a letter or digit first, then letters, digits, spaces and harmless punctuation).
  '-1',
  '+1',
  '1.',
  '1.5',
  '1e3',
  '12e',
  'e1',
  '0x1',
  '00',
  '9',
  '1 000',
  '123456789012345',
  '1234567890123456',
  '123456789012345678901234',
  '2006-06',
  'v1.2.3',
  'A',
  'n',
  'f',
  'nUll',
  'truE',
  'fAlse',
  'nulls',
  'Trues',
  'fals',
  'falsey',
  'nul',
  'a:b',
  'a #b',
  'a# b',
  'a b ',
  'x  ',
  "it's",
  'a"b',
  'a(b)/c;d',
  'a.b-c_d',
  'a [b]',
  'a{b}',
  'a?b!c|d>e&f*g%h@i`j~',
  'a\\b',
  'aé',
  'a\u2028b',
  'a\u00a0b',
  'Said so.',
  'Talks attack reported talks denial after.',
  // Letters whose UTF-16 code unit has the low byte of a space, a line feed, ':' or '#' (U+0120, U+010A, U+013A, U+0123).
  'aĠ',
  'Ġa',
  'aĊb',
  'xĺ y',
  'ģ x',
  'aģ',
];
const KEYS = [
  'id',
  'kind',
  'name',
  'aliases',
  'evidence',
  'note',
  'source',
  'paragraph',
  'x-y',
  '_k',
  'A1',
  'toString',
  '__proto__',
  'bad key',
  '"q"',
  'k:',
  'constructor',
  'valueOf',
  'Z',
  '_',
  '-k',
  '9k',
  'k-',
  'aé',
  'x.y',
  'k ',
  'a_very_long_key_name',
  'from',
  'form',
  'tag1',
  'tag2',
];

/** Values and keys of the shape generated seed files have: what the plain reader takes. */
const PLAIN_SCALARS = [
  'TTP',
  'Tehreek-e-Taliban',
  '2024',
  '2024-06',
  '0',
  '174',
  'null',
  'true',
  'False',
  'Said so.',
  'part-of',
  'bench-src-35',
  'a(b)/c;d',
  "it's",
];
const PLAIN_KEYS = [
  'id',
  'kind',
  'name',
  'note',
  'source',
  'status',
  'paragraph',
  'x-y',
  'a_very_long_key_name',
  'tag1',
  'tag2',
];

/** Seed files: a list of items whose values are scalars, flow collections or nested block lists. */
function seedFiles(scalars: readonly string[], keys: readonly string[]) {
  const scalar = fc.constantFrom(...scalars);
  const key = fc.constantFrom(...keys, ...keys.slice(0, 3));
  /** Separators and padding inside flow collections, including ones only the careful reader takes. */
  const comma = fc.constantFrom(', ', ', ', ',', ' , ', ',  ');
  const pad = fc.constantFrom('', ' ', ' ', '  ');
  const colon = fc.constantFrom(': ', ': ', ': ', ':  ', ' : ', ':');
  const flowSeq = fc
    .tuple(fc.array(scalar, { maxLength: 4 }), comma, pad)
    .map(([xs, c, p]) => `[${p}${xs.join(c)}${p}]`);
  const flowMap = fc
    .tuple(fc.uniqueArray(fc.tuple(key, scalar, colon), { maxLength: 3, selector: ([k]) => k }), comma, pad)
    .map(([es, c, p]) => `{${p}${es.map(([k, v, col]) => `${k}${col}${v}`).join(c)}${p}}`);
  const comment = fc.constantFrom('', '', '', '  # note', ' #x', '  ', '#x', ' x');
  const inline = fc.oneof(scalar, scalar, flowSeq, flowMap);

  /** A value on its key's line, or a nested block list (of scalars, flow maps or small block maps). */
  const entryValue = fc.oneof(
    fc.tuple(inline, comment).map(([v, c]) => ({ inline: `${v}${c}`, block: [] as string[][] })),
    fc
      .record({
        indent: fc.constantFrom(0, 2),
        items: fc.array(
          fc.oneof(
            inline.map((v) => [v]),
            fc
              .uniqueArray(fc.tuple(key, inline), { minLength: 1, maxLength: 3, selector: ([k]) => k })
              .map((es) => es.map(([k, v]) => `${k}: ${v}`)),
          ),
          { minLength: 1, maxLength: 3 },
        ),
      })
      .map(({ indent, items }) => ({
        inline: '',
        block: items.map((lines) => lines.map((l, i) => `${' '.repeat(2 + indent)}${i === 0 ? '- ' : '  '}${l}`)),
      })),
  );
  const item = fc.uniqueArray(fc.tuple(key, entryValue), { minLength: 1, maxLength: 5, selector: ([k]) => k });
  return fc
    .tuple(fc.array(item, { maxLength: 4 }), fc.constantFrom('', '# header\n', '\n'))
    .map(
      ([items, head]) =>
        head +
        items
          .map((entries) =>
            entries
              .map(([k, v], i) =>
                [`${i === 0 ? '- ' : '  '}${k}:${v.inline ? ` ${v.inline}` : ''}`, ...v.block.flat()].join('\n'),
              )
              .join('\n'),
          )
          .join('\n') +
        '\n',
    );
}
const doc = seedFiles(SCALARS, KEYS);
const plainDoc = seedFiles(PLAIN_SCALARS, PLAIN_KEYS);

describe('plain seed reader', () => {
  it('reads what it accepts exactly as the YAML parser does, and accepts the common shapes', () => {
    let accepted = 0;
    let runs = 0;
    fc.assert(
      fc.property(doc, (text) => {
        runs++;
        if (expectSameAsGeneral(text)) accepted++;
      }),
      { numRuns: Number(process.env.FAST_YAML_RUNS ?? 3000), ...(process.env.FAST_YAML_RUNS ? {} : { seed: 20251 }) },
    );
    // Not vacuous: a good share of generated files take the plain way.
    if (process.env.FAST_YAML_RUNS) console.log(`plain reader accepted ${accepted} of ${runs}`);
    expect(accepted / runs).toBeGreaterThan(0.05);
  });

  it('reads small edits of such files exactly as the YAML parser does, or hands them back', () => {
    // One character typed or deleted anywhere: the edges of the plain shape, where a
    // single character decides between a plain value, something else, or a syntax error.
    const typed = fc.constantFrom(
      ' ',
      '  ',
      ':',
      ': ',
      '#',
      ' #',
      ',',
      '[',
      ']',
      '{',
      '}',
      "'",
      '"',
      '-',
      '- ',
      '.',
      '~',
      '\\',
      '?',
      '&',
      '*',
      '!',
      '|',
      '>',
      '0',
      '7',
      'a',
      'é',
      '\u00a0',
      '\u2028',
      'Ġ',
      'Ċ',
      '\n',
      '\n  ',
      '\n    ',
    );
    const edit = fc.tuple(fc.nat(), fc.option(typed, { nil: undefined }));
    let accepted = 0;
    let runs = 0;
    fc.assert(
      fc.property(plainDoc, fc.array(edit, { minLength: 1, maxLength: 3 }), (text, edits) => {
        let edited = text;
        for (const [at, insert] of edits) {
          const i = at % (edited.length + 1);
          edited =
            insert === undefined
              ? edited.slice(0, i) + edited.slice(i + 1)
              : edited.slice(0, i) + insert + edited.slice(i);
        }
        runs++;
        if (expectSameAsGeneral(edited)) accepted++;
      }),
      { numRuns: Number(process.env.FAST_YAML_RUNS ?? 3000), ...(process.env.FAST_YAML_RUNS ? {} : { seed: 20252 }) },
    );
    if (process.env.FAST_YAML_RUNS) console.log(`plain reader accepted ${accepted} of ${runs} edited files`);
    expect(accepted / runs).toBeGreaterThan(0.05);
  });

  it('reads the seed files of the repository the same way (or hands them back)', () => {
    const dirs = ['seed', 'seed/entities', 'seed/relations'].map((d) => path.join(REPO_ROOT, d));
    let read = 0;
    for (const dir of dirs) {
      for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml'))) {
        if (expectSameAsGeneral(readFileSync(path.join(dir, f), 'utf8'))) read++;
      }
    }
    expect(read).toBeGreaterThan(0);
  });

  it('reads every file of a generated benchmark seed, the same way', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kg-plain-'));
    try {
      generateSeed({ nodes: 300, edgesPerNode: 5, seed: 7, outDir: dir, entitiesPerFile: 100, relationsPerFile: 500 });
      const files = [
        'sources.yaml',
        ...['entities', 'relations'].flatMap((d) => readdirSync(path.join(dir, d)).map((f) => path.join(d, f))),
      ];
      for (const f of files) expect(expectSameAsGeneral(readFileSync(path.join(dir, f), 'utf8')), f).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads typical seed items with YAML core-schema values and item lines', () => {
    const text =
      "# c\n- id: ttp\n  name: Tehreek's\n  aliases: [TTP, Pakistani Taliban]\n  since: 2024\n  until: 2024-06\n  paragraph: 0x1F\n\n- type: funds\n  evidence:\n    - { source: a, paragraph: 3, note: Said so. }\n    - {source: b,paragraph: 4}\n";
    expect(expectSameAsGeneral(text)).toBe(true);
    const plain = readPlainSeedList(text)!;
    expect(plain.map((i) => i.line)).toEqual([2, 9]);
    expect(plain[0]!.value).toEqual({
      id: 'ttp',
      name: "Tehreek's",
      aliases: ['TTP', 'Pakistani Taliban'],
      since: 2024,
      until: '2024-06',
      paragraph: 31,
    });
    expect(plain[1]!.value).toEqual({
      type: 'funds',
      evidence: [
        { source: 'a', paragraph: 3, note: 'Said so.' },
        { source: 'b', paragraph: 4 },
      ],
    });
  });

  it.each([
    ['a block scalar', '- id: x\n  description: |\n    text\n'],
    ['an anchor and alias', '- id: &a x\n  name: *a\n'],
    ['a tab', '- id: x\n\tname: y\n'],
    ['CRLF line ends', '- id: x\r\n  name: y\r\n'],
    ['a multi-line plain scalar', '- id: x\n  description: one\n    two\n'],
    ['a quoted value', "- id: x\n  name: 'Tehreek''s'\n"],
    ['a comment after a value', '- id: x # why\n'],
    ['an empty value', '- id: x\n  until:\n  name: y\n'],
    ['a list indented by two', '- id: x\n  aliases:\n  - y\n'],
    ['a block mapping in a list', '- evidence:\n    - source: a\n      paragraph: 3\n'],
    ['a word that is not a string', '- id: x\n  name: { Null: y }\n'],
    ['a negative zero', '- id: x\n  paragraph: -0\n'],
    ['an escape in double quotes', '- id: "x\\ty"\n'],
    ['a duplicate key', '- id: x\n  id: y\n'],
    ['a duplicate key in a flow mapping', '- evidence:\n    - { source: a, paragraph: 3, source: b }\n'],
    ['a duplicate key in a block mapping in a list', '- evidence:\n    - source: a\n      source: b\n'],
    ['a top level that is not a list', 'id: x\n'],
    ['a document marker', '---\n- id: x\n'],
    ['a tag', '- id: !!str 12\n'],
    ['a multi-line flow list', '- aliases: [a,\n    b]\n'],
  ])('hands back %s to the library', (_what, text) => {
    expect(readPlainSeedList(text)).toBeNull();
  });
});
