// Deletes source links the seed no longer has.
// @param pairs: list<string>   "sourceId entityId" for every link that should exist
MATCH (s:Source)-[l:SUPPORTS]->(n:Entity)
WHERE NOT (s.id + ' ' + n.id) IN $pairs
DELETE l
