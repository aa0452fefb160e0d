// The end nodes of relationships a user's Cypher returned without their nodes, so the graph a
// viewer draws has both ends of every edge.
// @param elementIds: list<string>
MATCH (n)
WHERE elementId(n) IN $elementIds
RETURN n
