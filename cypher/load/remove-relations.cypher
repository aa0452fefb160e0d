// Deletes relations by key, found from their start entity (whose id is indexed).
// @param rows: list<map>   {key, from}
UNWIND $rows AS row
MATCH (:Entity {id: row.from})-[r]->(:Entity)
WHERE r.key = row.key
DELETE r
