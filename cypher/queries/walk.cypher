// The walk from each end of a path search, for its candidate entities (those whose distances to
// both ends add up to at most maxHops). An end that does not exist gives no row.
// @param ends: list<string>
UNWIND $ends AS end
MATCH (f:Entity {id: end})
{{walk}}
RETURN properties(f) AS entity, layers
