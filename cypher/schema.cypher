// The schema the seed sync and the named queries rely on. Every statement is idempotent
// (IF NOT EXISTS), so `kg seed` runs this file on every sync before loading.

// One node per entity id and per source id; MERGE in cypher/load relies on these.
CREATE CONSTRAINT entity_id IF NOT EXISTS
FOR (n:Entity) REQUIRE n.id IS UNIQUE;

CREATE CONSTRAINT source_id IF NOT EXISTS
FOR (s:Source) REQUIRE s.id IS UNIQUE;

// Kind filters (search ?kind=, neighbourhood ?kinds=) and kind counts.
CREATE INDEX entity_kind IF NOT EXISTS
FOR (n:Entity) ON (n.kind);

// As-of filters compare these YYYY-MM-DD bounds.
CREATE INDEX entity_since_first IF NOT EXISTS
FOR (n:Entity) ON (n.sinceFirst);

// Source listing order.
CREATE INDEX source_order IF NOT EXISTS
FOR (s:Source) ON (s.order);

// Free-text search for people exploring in Neo4j Browser, e.g.
// CALL db.index.fulltext.queryNodes('entity_names', 'taliban') YIELD node, score RETURN node.name, score
// The API's search uses the folded `searchKeys` instead, so that both stores rank the same way.
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS
FOR (n:Entity) ON EACH [n.name, n.aliasText, n.demonymText];

// The API's name search (searchCandidatesQuery in src/store/neo4j/store.ts): candidates come from
// this index, then are ranked by the one definition both stores share (src/model/search-ranking.ts).
// `searchCompact` holds each spelling folded by searchKey with its spaces removed, one token per
// spelling, so one wildcard query finds every spelling that contains a piece of the query.
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
FOR (n:Entity) ON EACH [n.searchCompact]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}};
