// Counts for /api/health: entities and the relations between them (Source links excluded).
RETURN COUNT { (:Entity) } AS entities,
       COUNT { (:Entity)-[]->(:Entity) } AS relations
