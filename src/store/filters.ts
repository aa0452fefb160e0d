import { lastDay, validOn, type Citation, type Source } from '../model';
import type { EntityAttributes, RelationAttributes } from '../model';
import type { GraphFilters } from './port';

/**
 * The port's filter semantics, written once for both stores (the Neo4j queries in cypher/queries
 * implement the same rules; the store contract suite checks that they agree).
 */
export class FilterContext {
  /**
   * The sources surely published by `knownBy`: a source dated 2024 is known by 2024-12 or
   * 2024-12-31, not by 2024-01-01 (last days compared).
   */
  private readonly known: Set<string>;
  /** No filter set: traversals skip the checks. */
  readonly passesAll: boolean;

  constructor(
    sources: readonly Source[],
    readonly filters: GraphFilters = {},
  ) {
    const by = filters.knownBy && lastDay(filters.knownBy);
    this.known = new Set(sources.filter((s) => by && lastDay(s.published) <= by).map((s) => s.id));
    const f = filters;
    this.passesAll =
      !f.types?.length && !f.excludeTypes?.length && !f.kinds?.length && !f.status?.length && !f.asOf && !f.knownBy;
  }

  nodePasses(attrs: EntityAttributes): boolean {
    const { kinds, asOf } = this.filters;
    if (kinds?.length && !kinds.includes(attrs.kind)) return false;
    return !asOf || validOn(asOf, attrs.since, undefined);
  }

  /** The citations of sources known by `knownBy` (all without it). */
  evidenceKnown(evidence: readonly Citation[]): Citation[] {
    return this.filters.knownBy ? evidence.filter((c) => this.known.has(c.source)) : [...evidence];
  }

  edgePasses(attrs: RelationAttributes): boolean {
    const { types, excludeTypes, status, asOf, knownBy } = this.filters;
    if (types?.length && !types.includes(attrs.type)) return false;
    if (excludeTypes?.includes(attrs.type)) return false;
    if (status?.length && !status.includes(attrs.status)) return false;
    if (asOf && !validOn(asOf, attrs.since, attrs.until)) return false;
    return !knownBy || this.evidenceKnown(attrs.evidence).length > 0;
  }

  /** Edge attributes as a client sees them under these filters (evidence trimmed by knownBy). */
  edgeView(attrs: RelationAttributes): RelationAttributes {
    return this.filters.knownBy ? { ...attrs, evidence: this.evidenceKnown(attrs.evidence) } : attrs;
  }
}
