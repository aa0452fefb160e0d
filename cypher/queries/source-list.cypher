// Every source, in listed order, without citation counts: what a graph answer carries in its
// attributes (sources.cypher counts citations by scanning every relation; a neighbourhood must not).
MATCH (s:Source)
RETURN properties(s) AS source
ORDER BY s.order
