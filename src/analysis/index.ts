export * from './analyse';
export { betweenness, DEFAULT_BETWEENNESS, seededRandom, type BetweennessOptions } from './betweenness';
export { brokers, type Broker } from './brokers';
export { communities, type CommunitiesResult } from './communities';
export { directedProjection, undirectedProjection } from './projection';
export { inputFromGraphJson } from './input';
export { AnalysisFailedError, analyseInWorker } from './runner';
export * from './service';
