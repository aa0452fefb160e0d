// The breadth-first walk from entity `f` over passing relations and entities, up to $depth steps
// (at most six: WALK_MAX_DEPTH in src/store/neo4j/store.ts, the largest depth and maxHops the API
// accepts). Gives `reached`: f, then every entity reached, in the order src/model/order.ts
// defines; and `layers`: the ids reached at each step (six lists, the ones past $depth empty).
// @param depth: integer
WITH f, [f] AS reached, [f] AS frontier, [] AS layers
{{walk-step}}
{{walk-step}}
{{walk-step}}
{{walk-step}}
{{walk-step}}
{{walk-step}}
