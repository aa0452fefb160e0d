import type { KnowledgeBase } from './schemas';

/**
 * Knowledge bases the loader has checked whole (unique ids and relation keys, every reference
 * resolved). A store built from one can skip checks the loader already made; any other knowledge
 * base (hand-built, or fetched from Neo4j) is checked as it is built.
 */
const validated = new WeakSet<KnowledgeBase>();

export function markValidated(kb: KnowledgeBase): void {
  validated.add(kb);
}

export function isValidated(kb: KnowledgeBase): boolean {
  return validated.has(kb);
}
