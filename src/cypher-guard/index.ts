export { guardCypher } from './guard';
export { CypherGuardThread, sharedGuardThread } from './off-thread';
export { QUERY_LIMITS } from './limits';
export {
  ALLOWED_FUNCTION_NAMESPACES,
  ALLOWED_FUNCTIONS,
  ALLOWED_PROCEDURES,
  functionAllowed,
  procedureAllowed,
} from './allow-list';
