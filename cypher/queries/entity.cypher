// One entity with every relation it takes part in, both directions (Source links excluded), and
// the sources list its citations are read against.
// @param id: string
MATCH (n:Entity {id: $id})
RETURN properties(n) AS entity,
       COLLECT {
         MATCH (n)-[r]-(other:Entity)
         RETURN {relation: properties(r), from: startNode(r).id, to: endNode(r).id,
                 other: other {.id, .name, .kind}}
         ORDER BY r.key
       } AS relations,
       COLLECT { MATCH (listed:Source) RETURN properties(listed) ORDER BY listed.order } AS sources
