// What the database holds now, for the sync plan: [id, hash] per source, [id, hash, kind] per
// entity, [key, hash, type, from id, to id] per relation (a relation whose type or ends changed is
// replaced, not updated). Lists rather than maps: a no-op re-sync is mostly this read, and the
// driver decodes a million short lists about twice as fast as a million maps.
RETURN COLLECT { MATCH (s:Source) RETURN [s.id, s.hash] } AS sources,
       COLLECT { MATCH (n:Entity) RETURN [n.id, n.hash, n.kind] } AS entities,
       COLLECT {
         MATCH (a:Entity)-[r]->(b:Entity)
         RETURN [r.key, r.hash, r.type, a.id, b.id]
       } AS relations
