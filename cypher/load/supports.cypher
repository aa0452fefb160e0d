// Links each source to the entities whose facts or mentions cite it.
// @param rows: list<map>   {source, entity, citations, paragraphs}
UNWIND $rows AS row
MATCH (s:Source {id: row.source}), (n:Entity {id: row.entity})
MERGE (s)-[l:SUPPORTS]->(n)
SET l.citations = row.citations, l.paragraphs = row.paragraphs
