import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EntitySchema, RelationSchema } from '../../src/model';
import { validEntity, validRelation } from '../../src/seed/fast-validate';
import { parseSeedListFast } from '../../src/seed/fast-yaml';
import { REPO_ROOT } from '../support/paths';

/**
 * The hand-written checks on the loader's fast path must give exactly what the zod schemas give
 * (values, defaults, key order) whenever they answer, and answer "not sure" (undefined) whenever
 * the schema would refuse: the schema then words the messages. They must also answer for the
 * valid items real seed files hold, or they would be no faster.
 */
type Check = (raw: unknown) => unknown;
const CASES: { what: string; schema: typeof EntitySchema | typeof RelationSchema; check: Check; folder: string }[] = [
  { what: 'entity', schema: EntitySchema, check: validEntity, folder: 'entities' },
  { what: 'relation', schema: RelationSchema, check: validRelation, folder: 'relations' },
];

/** Holds the fast answer to the schema; returns whether the fast check answered. */
function expectSameAsSchema(schema: (typeof CASES)[number]['schema'], check: Check, raw: unknown): boolean {
  const fast = check(raw);
  const parsed = schema.safeParse(raw);
  if (fast === undefined) return false;
  expect(parsed.success, `the schema refuses what the fast check took: ${JSON.stringify(raw)}`).toBe(true);
  expect(isDeepStrictEqual(fast, parsed.data), JSON.stringify(raw)).toBe(true);
  // Key order shows in every export and API answer.
  expect(JSON.stringify(fast)).toBe(JSON.stringify(parsed.data));
  return true;
}

function seedItems(folder: string): unknown[] {
  const dir = path.join(REPO_ROOT, 'seed', folder);
  const items: unknown[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.yaml'))) {
    const read = parseSeedListFast(readFileSync(path.join(dir, f), 'utf8'));
    if (read) for (const i of read) items.push(i.value);
  }
  return items;
}

const citation = { source: 'dawn-2024', paragraph: 3 };
const VALID: Record<string, Record<string, unknown>> = {
  entity: {
    id: 'ttp',
    kind: 'MilitantGroup',
    name: 'Tehreek-e-Taliban Pakistan',
    aliases: ['TTP', 'Pakistani Taliban'],
    demonyms: ['Talib'],
    description: 'An umbrella of militant factions.',
    since: 2007,
    until: '2024-06-30',
    facts: [{ name: 'fighters', value: 6000, unit: 'people', date: '2023', source: 'dawn-2024', paragraph: 4, note: 'an estimate' }],
    mentions: [{ ...citation, context: [2, 4], note: 'named in a list' }],
  },
  relation: {
    id: 'ttp-afghan-taliban',
    type: 'allied-with',
    from: 'ttp',
    to: 'afghan-taliban',
    since: '2007-12',
    until: 2021,
    status: 'alleged',
    assertedBy: ['pakistan'],
    credibility: 3,
    note: 'disputed by both',
    evidence: [citation, { source: 'bbc', paragraph: 12, context: [11] }],
  },
};

/** Values a field might hold in a hand-written file, valid or not. */
const ODD_VALUES: unknown[] = [
  null, undefined, '', ' ', '  padded  ', '\u00a0nbsp\u00a0', 'x'.repeat(81), 'y'.repeat(201), 'z'.repeat(1001), 'w'.repeat(2001),
  'Bad Slug', 'ok-slug', 'a--b', '-a', 'tab\there', 'line\nbreak', 'bell\u0007', 'del\u007f', 'c1\u0085', 'rtl\u202e', 'iso\u2066',
  0, -1, 1, 6, 7, 2.5, 1e21, Number.NaN, Infinity, 2024, 20240, true, false, [], [1], [1, 2, 3, 4], ['a'], ['ok-slug', 'Bad'], [' x '],
  {}, { source: 'x' }, [{}], [citation], [{ ...citation, extra: 1 }], [{ ...citation, context: [] }], [{ ...citation, context: [0] }],
  [{ ...citation, paragraph: 0 }], [{ ...citation, note: '' }], [{ ...citation, note: ' n ' }], [{ name: 'f', value: 'v', source: 's', paragraph: 1 }],
  [{ name: 'f', value: Number.NaN, source: 's', paragraph: 1 }], [{ name: 'f', value: 1.5, source: 's', paragraph: 1, date: 2020 }],
  '2024', '2024-02-30', '2024-13', '2023-02-29', '2024-02-29', '24', '2024-1', 'MilitantGroup', 'militantgroup', 'State', 'funds',
  'allied-with', 'reported', 'denied', 'Reported', 'toString', '__proto__', 'constructor',
];
const FIELDS: Record<string, string[]> = {
  entity: [...Object.keys(VALID.entity!), 'extra', 'type', 'constructor'],
  relation: [...Object.keys(VALID.relation!), 'extra', 'kind', 'name'],
};

/** A valid item with some fields dropped, replaced by odd values, or added. */
function mutated(what: string) {
  const base = VALID[what]!;
  const fields = FIELDS[what]!;
  return fc
    .array(fc.tuple(fc.constantFrom(...fields), fc.oneof(fc.constant('drop' as const), fc.constantFrom(...ODD_VALUES).map((v) => ({ v })))), { maxLength: 3 })
    .map((edits) => {
      const item: Record<string, unknown> = structuredClone(base);
      for (const [field, edit] of edits) {
        if (edit === 'drop') delete item[field];
        else item[field] = structuredClone(edit.v);
      }
      return item;
    });
}

describe.each(CASES)('fast $what check', ({ what, schema, check, folder }) => {
  it('answers, with the schema’s value, for every item of the real seed', () => {
    const items = seedItems(folder);
    expect(items.length).toBeGreaterThan(10);
    for (const raw of items) expect(expectSameAsSchema(schema, check, raw), JSON.stringify(raw)).toBe(true);
  });

  it('answers for a valid item using every field, and for one with defaults left out', () => {
    expect(expectSameAsSchema(schema, check, VALID[what])).toBe(true);
    const minimal = what === 'entity' ? { id: 'x', kind: 'Place', name: 'X', description: 'A place.' } : { type: 'funds', from: 'a', to: 'b', evidence: [citation] };
    expect(expectSameAsSchema(schema, check, minimal)).toBe(true);
  });

  it('never answers for what the schema refuses, and agrees on what both accept', () => {
    let answered = 0;
    let refused = 0;
    fc.assert(
      fc.property(mutated(what), (raw) => {
        if (expectSameAsSchema(schema, check, raw)) answered++;
        if (!schema.safeParse(raw).success) refused++;
      }),
      { numRuns: 3000, seed: 8 },
    );
    // Both kinds of case must have been exercised for the property to mean anything.
    expect(answered).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(1000);
  });

  it('refuses values that are not plain mappings', () => {
    for (const raw of [null, 'x', 3, [], [VALID[what]], new Map()]) expect(check(raw)).toBeUndefined();
  });
});
