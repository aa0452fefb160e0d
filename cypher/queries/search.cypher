// Name search with the embedded store's ranking (src/store/memory/search-index.ts): each entity
// stores its name, aliases and demonyms folded by searchKey (searchKeys), with the spelling as
// written (searchLabels) and a weight (name 3, alias 2, demonym 1). A key scores 4 when equal to
// the folded query, 3 when it starts with it, 2 when a word starts with it, 1 when it contains
// it; the total is rank * 10 + weight and an entity keeps its best key (the first on a tie).
// @param q: string                 the query, folded by searchKey
// @param kind: string | null       keep only this kind
// @param limit: integer            at most this many hits
MATCH (n:Entity)
WHERE ($kind IS NULL OR n.kind = $kind)
  AND any(key IN n.searchKeys WHERE key CONTAINS $q)
UNWIND range(0, size(n.searchKeys) - 1) AS i
WITH n, i, n.searchKeys[i] AS key
WITH n, i, n.searchLabels[i] AS label, n.searchWeights[i] AS weight,
     CASE
       WHEN key = $q THEN 4
       WHEN key STARTS WITH $q THEN 3
       WHEN (' ' + key) CONTAINS (' ' + $q) THEN 2
       WHEN key CONTAINS $q THEN 1
       ELSE 0
     END AS rank
WHERE rank > 0
WITH n, i, label, rank * 10 + weight AS score
ORDER BY score DESC, i ASC
WITH n, collect({matched: label, score: score})[0] AS best
RETURN n.id AS id, n.name AS name, n.kind AS kind, best.matched AS matched, best.score AS score
ORDER BY score DESC, name ASC
LIMIT $limit
