import type { KnowledgeBase } from './schemas';

/**
 * The one order both stores answer in, so the same question gets the same answer element for element, never an
 * engine's iteration order. Ids and keys compare as strings of UTF-16 code units (as JavaScript's `<` and Neo4j's ORDER
 * BY do); a neighbourhood layer lists its new entities by the position of the first entity of the layer before that
 * reaches them, then by id (a capped one keeps the first `limit`); an entity's relations by key; search hits by score,
 * name, id (search-ranking.ts); paths by cost, hops, then their moves' first relation keys (src/store/paths).
 */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const entityOrder = (a: { id: string }, b: { id: string }): number => byCodeUnits(a.id, b.id);
export const relationOrder = (a: { key: string }, b: { key: string }): number => byCodeUnits(a.key, b.key);

/** The knowledge base with its entities and relations in the canonical order (sources as listed). */
export function inCanonicalOrder(kb: KnowledgeBase): KnowledgeBase {
  return { ...kb, entities: [...kb.entities].sort(entityOrder), relations: [...kb.relations].sort(relationOrder) };
}

/** How often each value occurs, as a record whose keys are in code-unit order (so JSON answers compare equal). */
export function countsInOrder(values: Iterable<string>): Record<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return Object.fromEntries([...counts].sort(([a], [b]) => byCodeUnits(a, b)));
}
