export * from './analyse';
export { betweenness, DEFAULT_BETWEENNESS } from './betweenness';
export { brokers, communities } from './communities';
export { inputFromGraphJson, projections } from './projection';
export { AnalysisFailedError, analyseInWorker } from './runner';
export * from './service';
