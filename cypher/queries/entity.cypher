// One entity with every relation it takes part in, both directions (Source links excluded).
// @param id: string
MATCH (n:Entity {id: $id})
RETURN properties(n) AS entity,
       COLLECT {
         MATCH (n)-[r]-(other:Entity)
         RETURN {relation: properties(r), from: startNode(r).id, to: endNode(r).id,
                 other: other {.id, .name, .kind}}
         ORDER BY r.key
       } AS relations
