export { analyseGraph, DEFAULT_ANALYSE, type AnalyseOptions, type AnalyticsReport, type LayerAnalysis, type Ranked } from './analyse';
export { betweenness, DEFAULT_BETWEENNESS, seededRandom, type BetweennessOptions, type BetweennessResult } from './betweenness';
export { brokers, type Broker } from './brokers';
export { communities, type CommunitiesResult } from './communities';
export { directedProjection, undirectedProjection } from './projection';
export { filterKey, ResultCache } from './cache';
