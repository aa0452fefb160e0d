// What the database holds now, for the sync plan, one row per item: its id (a relation's key), its
// content hash, an entity's kind or a relation's type, and a relation's ends (a relation whose type
// or ends changed is replaced, not updated). Rows rather than one record holding three lists: the
// driver decodes one huge record in time that grows faster than its size (500k relations: 34 s as
// one record, 5 s as rows), and a no-op re-sync is mostly this read.
MATCH (s:Source)
RETURN 'source' AS item, s.id AS id, s.hash AS hash, null AS kind, null AS fromId, null AS toId
UNION ALL
MATCH (n:Entity)
RETURN 'entity' AS item, n.id AS id, n.hash AS hash, n.kind AS kind, null AS fromId, null AS toId
UNION ALL
MATCH (a:Entity)-[r]->(b:Entity)
RETURN 'relation' AS item, r.key AS id, r.hash AS hash, r.type AS kind, a.id AS fromId, b.id AS toId
