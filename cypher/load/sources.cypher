// Creates or replaces sources. `SET s = row` drops properties the seed no longer has.
// @param rows: list<map>   the Source properties (src/model/neo4j-rows.ts)
UNWIND $rows AS row
MERGE (s:Source {id: row.id})
SET s = row
