import type { KnowledgeBase } from './schemas';

/**
 * Knowledge bases the loader has checked whole (unique ids and relation keys, every reference
 * resolved), with what it learnt on the way: each entity id's number (its position in
 * kb.entities) and each relation's ends as numbers. A store built from one skips the checks the
 * loader already made and a million id lookups; any other knowledge base (hand-built, or fetched
 * from Neo4j) is checked and resolved as it is built. A marked knowledge base must not change.
 */
export interface ResolvedEnds {
  entityNumber: ReadonlyMap<string, number>;
  from: Int32Array;
  to: Int32Array;
}

const validated = new WeakMap<KnowledgeBase, ResolvedEnds>();

export function markValidated(kb: KnowledgeBase, ends: ResolvedEnds): void {
  validated.set(kb, ends);
}

export function isValidated(kb: KnowledgeBase): boolean {
  return validated.has(kb);
}

/** The loader's numbering of a knowledge base it validated (undefined for any other). */
export function resolvedEnds(kb: KnowledgeBase): ResolvedEnds | undefined {
  return validated.get(kb);
}
