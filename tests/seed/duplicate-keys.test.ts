import { describe, expect, it } from 'vitest';
import { Prng } from '../../src/bench/prng';
import { relationKey, type LoadedRelation, type RelationStatus, type RelationType } from '../../src/model';
import { duplicateKeys } from '../../src/seed/duplicate-keys';

/** The definition: one Map over every key, in list order. */
function byOneMap(relations: LoadedRelation[]): [number, number][] {
  const first = new Map<string, number>();
  const out: [number, number][] = [];
  relations.forEach((r, i) => {
    const f = first.get(r.key);
    if (f === undefined) first.set(r.key, i);
    else out.push([i, f]);
  });
  return out;
}

describe('duplicate relation keys', () => {
  it('finds exactly the repeats one Map over every key finds, with the same first relation', () => {
    const rng = new Prng(44);
    const types: RelationType[] = ['funds', 'targets', 'supports'];
    const statuses: RelationStatus[] = ['reported', 'alleged', 'denied'];
    let found = 0;
    let viaLongChains = 0;
    for (let round = 0; round < 200; round++) {
      const entityCount = 2 + rng.int(8);
      const ids = Array.from({ length: entityCount }, (_, i) => `e${i}`);
      // Now and then one pair gets far more claims than the chain limit.
      const crowded = rng.next() < 0.2;
      const relations: LoadedRelation[] = [];
      for (let i = 0; i < (crowded ? 300 : 1 + rng.int(60)); i++) {
        const from = crowded && rng.next() < 0.8 ? 'e0' : rng.next() < 0.05 ? 'ghost' : rng.pick(ids);
        const to = crowded && from === 'e0' ? 'e1' : rng.next() < 0.05 ? 'phantom' : rng.pick(ids);
        const asserters = crowded ? Array.from({ length: rng.int(3) }, () => `a${rng.int(6)}`) : [];
        const r = { type: rng.pick(types), from, to, status: rng.pick(statuses), assertedBy: asserters, evidence: [] } as unknown as LoadedRelation;
        if (rng.next() < 0.1) r.id = `id-${rng.int(5)}`;
        r.key = relationKey(r);
        relations.push(r);
      }
      const index = (id: string) => ids.indexOf(id);
      const fromIndex = Int32Array.from(relations, (r) => index(r.from));
      const toIndex = Int32Array.from(relations, (r) => index(r.to));
      const expected = byOneMap(relations);
      expect(duplicateKeys(relations, fromIndex, toIndex, entityCount), `round ${round}`).toEqual(expected);
      found += expected.length;
      if (crowded) viaLongChains += expected.length;
    }
    expect(found).toBeGreaterThan(1000);
    expect(viaLongChains).toBeGreaterThan(100);
  });
});
