// Every source with the number of citations to it: evidence entries of relations, plus the facts
// and mentions of entities (counted on their SUPPORTS link).
MATCH (s:Source)
WITH s,
     COLLECT {
       MATCH (:Entity)-[r]->(:Entity)
       WHERE s.id IN r.evidenceSources
       RETURN size([cited IN r.evidenceSources WHERE cited = s.id])
     } AS relationCitations,
     COLLECT {
       MATCH (s)-[l:SUPPORTS]->(:Entity)
       RETURN l.citations
     } AS entityCitations
RETURN properties(s) AS source,
       reduce(total = 0, c IN relationCitations + entityCitations | total + c) AS citations
ORDER BY s.order
