// Creates or replaces the entities of one kind. KIND_LABEL is replaced by the kind from the
// registry (src/model/entity-kinds.ts), never by input text; the statement runs once per kind.
// @param rows: list<map>   the Entity properties (src/model/neo4j-rows.ts)
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row
SET n:KIND_LABEL
