import { firstDay, lastDay } from '../../model';
import type { GraphFilters } from '../port';

/**
 * GraphFilters as the parameters of cypher/fragments: null means "no such filter", lists are
 * passed only when non-empty (an empty list filters nothing, as in FilterContext), and partial
 * dates become the first or last day they cover.
 */
export function relationFilterParams(f: GraphFilters) {
  return {
    types: f.types && f.types.length > 0 ? f.types : null,
    excludeTypes: f.excludeTypes ?? [],
    status: f.status && f.status.length > 0 ? f.status : null,
    asOfFirst: f.asOf ? firstDay(f.asOf) : null,
    asOfLast: f.asOf ? lastDay(f.asOf) : null,
    knownByLast: f.knownBy ? lastDay(f.knownBy) : null,
  };
}

export function nodeFilterParams(f: GraphFilters) {
  return {
    kinds: f.kinds && f.kinds.length > 0 ? f.kinds : null,
    asOfLast: f.asOf ? lastDay(f.asOf) : null,
  };
}

export function allFilterParams(f: GraphFilters) {
  return { ...relationFilterParams(f), ...nodeFilterParams(f) };
}
