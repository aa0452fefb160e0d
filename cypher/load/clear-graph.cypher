// Deletes every entity and source the seed manages, with their relationships, 10,000 nodes per
// transaction. Only the benchmark sends it, to time a load into an empty database; it must run as
// an auto-commit statement (CALL ... IN TRANSACTIONS), and `CALL (n)` needs Neo4j 5.23 or later.
MATCH (n:Entity|Source)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
