export { guardCypher } from './guard';
export { CypherGuardThread, sharedGuardThread } from './off-thread';
export { QUERY_LIMITS } from './limits';
export * from './allow-list';
