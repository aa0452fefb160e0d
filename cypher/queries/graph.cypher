// The whole graph under the filters: entities that pass, the passing relations between them, and
// the sources list the answer carries.
MATCH (m:Entity)
WHERE {{node-passes}}
WITH m ORDER BY m.id
WITH collect(m.id) AS ids, collect(properties(m)) AS nodes
RETURN nodes,
       COLLECT {
         MATCH (a:Entity)-[r]->(b:Entity)
         WHERE a.id IN ids AND b.id IN ids AND {{relation-passes}}
         RETURN {relation: properties(r), from: a.id, to: b.id}
         ORDER BY r.key
       } AS edges,
       COLLECT { MATCH (listed:Source) RETURN properties(listed) ORDER BY listed.order } AS sources
