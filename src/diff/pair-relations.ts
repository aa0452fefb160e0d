import { relationKey, relationOrder, type LoadedRelation } from '../model';

/**
 * Which old relation is which new one ([old, new] pairs in the new key's order). A key derived from
 * type, ends, status and asserters changes with them, so what the keys leave unpaired is paired by
 * what stayed the same, pass after pass, and only when each side has exactly one candidate: with
 * two (an allegation and a denial both changed) a guess could turn a denial into a report, so they
 * are listed as removed and added. A relation whose type or ends changed is another claim.
 */
export function pairRelations(oldRelations: readonly LoadedRelation[], newRelations: readonly LoadedRelation[]) {
  const pairs: [LoadedRelation, LoadedRelation][] = [];
  let oldLeft = [...oldRelations];
  let newLeft = [...newRelations];
  const asserters = (r: LoadedRelation) => [...r.assertedBy].sort().join('+');
  // The key first: it is unique on each side (the loader refuses a duplicate).
  const passes: ((r: LoadedRelation) => string)[] = [
    (r) => r.key,
    (r) => relationKey({ ...r, id: undefined }), // an id given to or taken from an unchanged claim
    (r) => JSON.stringify([r.type, r.from, r.to, asserters(r)]), // the status changed
    (r) => JSON.stringify([r.type, r.from, r.to, r.status]), // the asserters changed
    (r) => JSON.stringify([r.type, r.from, r.to]), // both changed
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
