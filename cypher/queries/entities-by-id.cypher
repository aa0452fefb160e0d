// Entities by id, in the order asked (unknown ids are left out): path ends and the names of
// asserters that a path explanation mentions.
// @param ids: list<string>
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN properties(n) AS entity
