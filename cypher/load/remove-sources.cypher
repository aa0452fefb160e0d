// Deletes sources no longer in the seed, with their SUPPORTS links.
// @param ids: list<string>
MATCH (s:Source)
WHERE s.id IN $ids
DETACH DELETE s
