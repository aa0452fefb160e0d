// Whether entity `m` passes the GraphFilters (FilterContext.nodePasses in the embedded store).
// An entity exists from the first day of its `since`; it is not dropped by its `until`.
// @param kinds: list<string> | null           keep only these kinds
// @param asOfLast: string | null              last day of asOf
(($kinds IS NULL OR m.kind IN $kinds)
 AND ($asOfLast IS NULL OR m.sinceFirst IS NULL OR m.sinceFirst <= $asOfLast))
