// The subgraph induced by a set of entities, keeping the relations that pass the filters: the
// body of a neighbourhood and the candidate graph of a path search.
// @param ids: list<string>
MATCH (n:Entity)
WHERE n.id IN $ids
WITH collect(properties(n)) AS nodes
RETURN nodes,
       COLLECT {
         MATCH (a:Entity)-[r]->(m:Entity)
         WHERE a.id IN $ids AND m.id IN $ids AND {{relation-passes}}
         RETURN {relation: properties(r), from: a.id, to: m.id}
         ORDER BY r.key
       } AS edges
