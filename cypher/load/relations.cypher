// Creates or replaces the relations of one type. RELATION_TYPE is replaced by
// neo4jRelationshipType(type) from the registry (src/model/relation-types.ts), never by input
// text; the statement runs once per relation type. Relations are identified by their key.
// @param rows: list<map>   {from, to, props} with props from src/model/neo4j-rows.ts
UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
MERGE (a)-[r:RELATION_TYPE {key: row.props.key}]->(b)
SET r = row.props
