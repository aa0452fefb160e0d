export {
  analyseGraph,
  DEFAULT_ANALYSE,
  trimReport,
  type AnalyseOptions,
  type AnalysisTimings,
  type StageTimings,
  type AnalyticsReport,
  type LayerAnalysis,
  type Ranked,
} from './analyse';
export {
  betweenness,
  DEFAULT_BETWEENNESS,
  seededRandom,
  type BetweennessOptions,
  type BetweennessResult,
} from './betweenness';
export { brokers, type Broker } from './brokers';
export { communities, type CommunitiesResult } from './communities';
export { directedProjection, undirectedProjection } from './projection';
export { filterKey } from './cache';
export { inputFromGraphJson, type AnalysisInput } from './input';
export { AnalysisFailedError, analyseInWorker } from './runner';
export {
  AnalyticsService,
  DEFAULT_ANALYTICS_SERVICE,
  MAX_TOP,
  type AnalysisJob,
  type AnalyticsServiceOptions,
  type Outcome,
} from './service';
