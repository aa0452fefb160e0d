// Whether relationship `r` passes the GraphFilters (FilterContext.edgePasses in the embedded store).
// Dates are compared as YYYY-MM-DD strings: sinceFirst / untilLast are the first and last day a
// partial date covers, so `since: 2024-06` holds on any day of June 2024.
// @param types: list<string> | null          keep only these relation types
// @param excludeTypes: list<string>           drop these relation types
// @param status: list<string> | null          keep only these statuses
// @param asOfFirst: string | null             first day of asOf
// @param asOfLast: string | null              last day of asOf
// @param knownByLast: string | null           last day of knownBy; r.evidencePublished holds the
//                                             last day each cited source's date could mean, so
//                                             a source dated 2024 is known by 2024-12-31 only
(($types IS NULL OR r.type IN $types)
 AND NOT r.type IN $excludeTypes
 AND ($status IS NULL OR r.status IN $status)
 AND ($asOfFirst IS NULL
      OR ((r.sinceFirst IS NULL OR r.sinceFirst <= $asOfLast)
          AND (r.untilLast IS NULL OR r.untilLast >= $asOfFirst)))
 AND ($knownByLast IS NULL OR any(published IN r.evidencePublished WHERE published <= $knownByLast)))
