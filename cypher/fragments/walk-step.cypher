// One breadth-first step of `walk`: the entities one passing relation away from `frontier`, in
// either direction, not reached before; none once `layers` holds $depth steps. Ordered as
// src/model/order.ts says: by the first frontier entity that reaches them, then by id.
CALL (reached, frontier, layers) {
  UNWIND CASE WHEN size(layers) < $depth THEN range(0, size(frontier) - 1) ELSE [] END AS position
  WITH frontier[position] AS n, position, reached
  MATCH (n)-[r]-(m:Entity)
  WHERE NOT m IN reached AND {{relation-passes}} AND {{node-passes}}
  WITH m, min(position) AS firstFrom
  ORDER BY firstFrom, m.id
  RETURN collect(m) AS next
}
WITH f, reached + next AS reached, next AS frontier, layers + [[m IN next | m.id]] AS layers
