export * from './dates';
export * from './entity-kinds';
export * from './relation-types';
export * from './schemas';
export * from './names';
export * from './order';
export * from './graph';
export * from './views';
