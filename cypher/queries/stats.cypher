// Counts per entity kind and per (relation type, status, dated) group; the store sums the groups.
OPTIONAL MATCH (n:Entity)
WITH n.kind AS kind, count(n) AS entityCount
WITH collect(CASE WHEN kind IS NOT NULL THEN {kind: kind, count: entityCount} END) AS byKind
OPTIONAL MATCH (:Entity)-[r]->(:Entity)
WITH byKind, r.type AS type, r.status AS status,
     (r.since IS NOT NULL OR r.until IS NOT NULL) AS dated, count(r) AS relationCount
WITH byKind, collect(CASE WHEN type IS NOT NULL THEN {type: type, status: status, dated: dated, count: relationCount} END) AS byGroup
RETURN byKind, byGroup, COUNT { (:Source) } AS sources
