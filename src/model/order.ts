import type { Entity, KnowledgeBase, LoadedRelation } from './schemas';

/**
 * The one order both stores answer in, so that the same question gets the same answer, element
 * for element, whichever engine holds the graph (never an engine's internal iteration order):
 *
 * - entities by id and relations by key, compared as strings of UTF-16 code units (what
 *   JavaScript's `<` and Neo4j's ORDER BY on strings both do for the slugs ids and keys are);
 * - a neighbourhood walks breadth-first, one layer per step; a layer lists its new entities by the
 *   position of the first entity of the layer before that reaches them, then by id; a capped
 *   neighbourhood keeps the first `limit` entities of that list;
 * - an entity's relations, grouped by type, are listed by key;
 * - search hits by score, then name (Intl.Collator), then id (src/model/search-ranking.ts);
 * - paths by cost, then hops; from an entity, moves (one per neighbour, over all the claims
 *   joining the two) are tried in the order of their first claim's key, so among equally short
 *   routes the one whose moves' first keys come first wins (src/store/paths).
 */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const entityOrder = (a: Pick<Entity, 'id'>, b: Pick<Entity, 'id'>): number => byCodeUnits(a.id, b.id);

export const relationOrder = (a: Pick<LoadedRelation, 'key'>, b: Pick<LoadedRelation, 'key'>): number =>
  byCodeUnits(a.key, b.key);

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
