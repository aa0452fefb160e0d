// The candidate graph of a path search: the entities given, the passing relations among them, the
// entities asserting those relations (a path's explanation names them) and the sources list.
// @param ids: list<string>
MATCH (n:Entity)
WHERE n.id IN $ids
WITH collect(n) AS kept
WITH kept,
     COLLECT {
       UNWIND kept AS a
       MATCH (a)-[r]->(b:Entity)
       WHERE b IN kept AND {{relation-passes}}
       RETURN {relation: properties(r), from: a.id, to: b.id}
       ORDER BY r.key
     } AS edges
RETURN [n IN kept | properties(n)] AS nodes,
       edges,
       COLLECT {
         UNWIND edges AS edge
         UNWIND edge.relation.assertedBy AS asserter
         MATCH (x:Entity {id: asserter})
         RETURN DISTINCT properties(x)
       } AS asserters,
       COLLECT { MATCH (listed:Source) RETURN properties(listed) ORDER BY listed.order } AS sources
