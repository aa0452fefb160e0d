// Search candidates: entities with a spelling that contains one of the query's pieces, found
// through the entity_search full-text index (never a scan). The store ranks them by the shared
// definition (src/model/search-ranking.ts), so the pieces only need to find every entity that
// definition could score (see searchCandidatesQuery in src/store/neo4j/store.ts).
// @param lucene: string            the full-text query: wildcard clauses joined by OR
// @param kind: string | null       keep only this kind
CALL db.index.fulltext.queryNodes('entity_search', $lucene) YIELD node
WHERE $kind IS NULL OR node.kind = $kind
RETURN node {.id, .name, .kind, .aliases, .demonyms, degree: COUNT { (node)--(:Entity) }} AS candidate
