// The focus of a neighbourhood: whether it exists, and the types of its relations that pass the
// filters (counts.byType, before any cap).
// @param id: string
MATCH (n:Entity {id: $id})
RETURN n.id AS id,
       COLLECT {
         MATCH (n)-[r]-(m:Entity)
         WHERE {{relation-passes}} AND {{node-passes}}
         RETURN r.type
       } AS types
