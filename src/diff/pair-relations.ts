import { relationKey, relationOrder, type LoadedRelation } from '../model';

/**
 * Which relation of the old knowledge base is which of the new. A relation's key is its `id` when
 * it has one, so such a relation pairs by key through any change. Otherwise the key is derived
 * from type, ends, status and asserters (src/model relationKey), so a claim whose status went from
 * alleged to reported, or that gained an asserter, has a new key; what is left unpaired after the
 * keys is then paired, pass after pass, by what stayed the same:
 *   1. the derived key, ignoring `id` (an id given to or taken from an unchanged claim);
 *   2. type, ends and asserters (the status changed);
 *   3. type, ends and status (the asserters changed);
 *   4. type and ends (both changed).
 * A pass pairs two relations only when each is the only one left with that identity on its side:
 * with two candidates (an allegation and a denial about the same pair both changed) a guess could
 * tell the reader that a denial became a report, so they are listed as removed and added instead.
 * A relation whose type or ends changed is another claim: removed and added.
 * The pairs ([old, new]) are in the new key's order.
 */
export function pairRelations(oldRelations: readonly LoadedRelation[], newRelations: readonly LoadedRelation[]) {
  const pairs: [LoadedRelation, LoadedRelation][] = [];
  let oldLeft = [...oldRelations];
  let newLeft = [...newRelations];
  const asserters = (r: LoadedRelation) => [...r.assertedBy].sort().join('+');
  // The key first: it is unique on each side (the loader refuses a duplicate).
  const passes: ((r: LoadedRelation) => string)[] = [
    (r) => r.key,
    (r) => relationKey({ ...r, id: undefined }),
    (r) => JSON.stringify([r.type, r.from, r.to, asserters(r)]),
    (r) => JSON.stringify([r.type, r.from, r.to, r.status]),
    (r) => JSON.stringify([r.type, r.from, r.to]),
  ];
  for (const identity of passes) {
    const news = groupBy(newLeft, identity);
    const paired = new Set<LoadedRelation>();
    for (const [id, olds] of groupBy(oldLeft, identity))
      if (olds.length === 1 && news.get(id)?.length === 1) {
        pairs.push([olds[0]!, news.get(id)![0]!]);
        paired.add(olds[0]!).add(news.get(id)![0]!);
      }
    oldLeft = oldLeft.filter((r) => !paired.has(r));
    newLeft = newLeft.filter((r) => !paired.has(r));
  }
  pairs.sort(([, a], [, b]) => relationOrder(a, b));
  return { pairs, added: newLeft.sort(relationOrder), removed: oldLeft.sort(relationOrder) };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}
