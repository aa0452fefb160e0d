export { guardCypher, type GuardedQuery } from './guard';
export { CypherRefusedError, CypherSyntaxError, type QueryPosition } from './errors';
export { ALLOWED_FUNCTION_NAMESPACES, ALLOWED_FUNCTIONS, ALLOWED_PROCEDURES, functionAllowed, procedureAllowed } from './allow-list';
