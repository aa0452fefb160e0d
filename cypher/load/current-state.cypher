// What the database holds now, for the sync plan: ids (keys) with content hashes, and the type
// and ends of each relation (a relation whose type or ends changed is replaced, not updated).
RETURN COLLECT { MATCH (s:Source) RETURN {id: s.id, hash: s.hash} } AS sources,
       COLLECT { MATCH (n:Entity) RETURN {id: n.id, hash: n.hash, kind: n.kind} } AS entities,
       COLLECT {
         MATCH (a:Entity)-[r]->(b:Entity)
         RETURN {key: r.key, hash: r.hash, type: r.type, from: a.id, to: b.id}
       } AS relations
