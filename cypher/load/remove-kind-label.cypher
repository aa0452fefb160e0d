// Removes an old kind label from entities whose kind changed. KIND_LABEL comes from the registry.
// @param ids: list<string>
MATCH (n:Entity:KIND_LABEL)
WHERE n.id IN $ids
REMOVE n:KIND_LABEL
