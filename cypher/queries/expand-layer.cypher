// One breadth-first step of a neighbourhood (and of the path candidate search): the entities one
// passing relation away from the frontier, in either direction, not seen before. The store walks
// `depth` steps, so the walk, the cap and `reachable` follow the embedded store exactly.
// Ordered as src/model/order.ts says: by the first frontier entity that reaches them, then by id.
// @param frontier: list<string>    ids of the current layer, in discovery order
// @param seen: list<string>        ids already reached (the frontier included)
UNWIND range(0, size($frontier) - 1) AS position
MATCH (n:Entity {id: $frontier[position]})-[r]-(m:Entity)
WHERE NOT m.id IN $seen AND {{relation-passes}} AND {{node-passes}}
WITH m, min(position) AS firstFrom
RETURN m.id AS id
ORDER BY firstFrom, m.id
