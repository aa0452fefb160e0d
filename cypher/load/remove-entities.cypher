// Deletes entities no longer in the seed, with their remaining relations and source links.
// @param ids: list<string>
MATCH (n:Entity)
WHERE n.id IN $ids
DETACH DELETE n
