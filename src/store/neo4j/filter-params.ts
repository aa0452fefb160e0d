import { firstDay, lastDay } from '../../model';
import type { GraphFilters } from '../port';

/**
 * GraphFilters as the parameters of cypher/fragments/relation-passes.cypher: null means "no such
 * filter", lists are passed only when non-empty (an empty list filters nothing, as in
 * FilterContext), and partial dates become the first or last day they cover.
 */
export function relationFilterParams(f: GraphFilters) {
  return {
    types: f.types?.length ? f.types : null,
    excludeTypes: f.excludeTypes ?? [],
    status: f.status?.length ? f.status : null,
    asOfFirst: f.asOf ? firstDay(f.asOf) : null,
    asOfLast: f.asOf ? lastDay(f.asOf) : null,
    knownByLast: f.knownBy ? lastDay(f.knownBy) : null,
  };
}

/** The parameters of both fragments: node-passes.cypher adds the kinds (and reads asOfLast too). */
export function allFilterParams(f: GraphFilters) {
  return { ...relationFilterParams(f), kinds: f.kinds?.length ? f.kinds : null };
}
