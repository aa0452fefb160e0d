// A neighbourhood in one statement: the walk from the focus, cut at $limit, with the passing
// relations among the kept entities, how many entities were reached before the cap, the types of
// the focus's passing relations (counts.byType) and the sources list the answer carries.
// @param id: string
// @param limit: integer
MATCH (f:Entity {id: $id})
{{walk}}
WITH f, reached[0..$limit] AS kept, size(reached) AS reachable
RETURN [n IN kept | properties(n)] AS nodes,
       COLLECT {
         UNWIND kept AS a
         MATCH (a)-[r]->(b:Entity)
         WHERE b IN kept AND {{relation-passes}}
         RETURN {relation: properties(r), from: a.id, to: b.id}
         ORDER BY r.key
       } AS edges,
       reachable,
       COLLECT {
         MATCH (f)-[r]-(m:Entity)
         WHERE {{relation-passes}} AND {{node-passes}}
         RETURN r.type
       } AS types,
       COLLECT { MATCH (listed:Source) RETURN properties(listed) ORDER BY listed.order } AS sources
