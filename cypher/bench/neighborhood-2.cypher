// The benchmark's reference for the adapter's neighbourhood (src/bench/neo4j.ts): the depth-2
// neighbourhood of one entity in one statement, written by hand as one would for Neo4j, answering
// what the store's neighborhood(id, { depth: 2, limit }) answers with no filters: the entities in
// breadth-first order as src/model/order.ts defines it (layer 1 by id; layer 2 by the first
// layer-1 entity that reaches it, then by id), cut at `limit`, with the relations among them, how
// many entities are reachable, the types of the focus's relations, and the sources list.
// @param id: string
// @param limit: integer
MATCH (f:Entity {id: $id})
CALL (f) {
  MATCH (f)--(m:Entity)
  WHERE m <> f
  WITH DISTINCT m
  ORDER BY m.id
  RETURN collect(m) AS layer1
}
CALL (f, layer1) {
  UNWIND range(0, size(layer1) - 1) AS position
  WITH layer1[position] AS n, position
  MATCH (n)--(m:Entity)
  WHERE m <> f AND NOT EXISTS { (m)--(f) }
  WITH m, min(position) AS firstFrom
  ORDER BY firstFrom, m.id
  RETURN collect(m) AS layer2
}
WITH f, [f] + layer1 + layer2 AS reached
WITH f, reached[0..$limit] AS kept, size(reached) AS reachable
RETURN [n IN kept | properties(n)] AS nodes,
       COLLECT {
         UNWIND kept AS a
         MATCH (a)-[r]->(b:Entity)
         WHERE b IN kept
         RETURN {relation: properties(r), from: a.id, to: b.id}
       } AS edges,
       reachable,
       COLLECT { MATCH (f)-[r]-(:Entity) RETURN r.type } AS types,
       COLLECT { MATCH (s:Source) RETURN properties(s) ORDER BY s.order } AS sources
