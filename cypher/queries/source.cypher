// One source: the relations citing it (seen from their start), the entities it supports, and the
// sources list the relations' citations are read against.
// @param id: string
MATCH (s:Source {id: $id})
RETURN properties(s) AS source,
       COLLECT {
         MATCH (a:Entity)-[r]->(b:Entity)
         WHERE s.id IN r.evidenceSources
         RETURN {relation: properties(r), from: a.id, to: b.id, other: b {.id, .name, .kind}}
         ORDER BY r.key
       } AS relations,
       COLLECT {
         MATCH (s)-[l:SUPPORTS]->(e:Entity)
         RETURN {id: e.id, name: e.name, kind: e.kind, citations: l.citations}
         ORDER BY e.id
       } AS entities,
       COLLECT { MATCH (listed:Source) RETURN properties(listed) ORDER BY listed.order } AS sources
