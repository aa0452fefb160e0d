import pagerank from 'graphology-metrics/centrality/pagerank';
import { RELATION_TYPE_IDS, RELATION_TYPES, type GraphJson } from '../model';
import { betweenness, DEFAULT_BETWEENNESS } from './betweenness';
import { brokers, communities } from './communities';
import type { GraphStructure } from '../store/port';
import { asInput, projections, type ProjectionOptions } from './projection';

/** `top`: the length of each ranking and of each community's member list. */
export const DEFAULT_ANALYSE = { top: 10, betweenness: DEFAULT_BETWEENNESS };
export type AnalyseOptions = typeof DEFAULT_ANALYSE;

/** Milliseconds each stage of one view took, for the benchmark and the server log. */
export type StageTimings = Record<'projection' | 'degree' | 'betweenness' | 'pagerank' | 'louvain' | 'brokers', number>;

/** Per view (overall, cooperative, hostile), filled in by analyseGraph when given. */
export type AnalysisTimings = Partial<Record<'overall' | 'cooperative' | 'hostile', StageTimings>>;

/** One view: rankings (degree counts distinct neighbours, not claims), communities and brokers. */
export type LayerAnalysis = ReturnType<typeof analyseLayer>;
export type AnalyticsReport = ReturnType<typeof analyseGraph>;

const round = (x: number) => Math.round(x * 1e6) / 1e6;

function analyseLayer(
  input: GraphStructure,
  projection: ProjectionOptions,
  { top, betweenness: betweennessOptions }: AnalyseOptions,
  timings: Partial<StageTimings>,
) {
  let mark = performance.now();
  const timed = <T>(stage: keyof StageTimings, work: () => T): T => {
    const result = work();
    timings[stage] = performance.now() - mark;
    mark = performance.now();
    return result;
  };
  const [undirected, directed] = timed('projection', () => projections(input, projection));
  const describe = (id: string) => ({ id, ...undirected.getNodeAttributes(id) });
  const rank = (scores: Record<string, number>) =>
    Object.entries(scores)
      .filter(([, v]) => v > 0)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, top)
      .map(([id, v]) => ({ ...describe(id), value: round(v) }));

  const degree = timed('degree', () => Object.fromEntries(undirected.mapNodes((n) => [n, undirected.degree(n)])));
  const between = timed('betweenness', () => betweenness(undirected, betweennessOptions));
  const pr = timed('pagerank', () => (directed.order > 0 ? pagerank(directed, { getEdgeWeight: 'weight' }) : {}));
  const parts = timed('louvain', () => communities(undirected));
  const byDegree = (a: string, b: string) => degree[b]! - degree[a]! || a.localeCompare(b);
  // Numbered by size, largest first: those of more than one member are the first, their numbers their places.
  const list = parts.members
    .filter((m) => m.length > 1)
    .slice(0, top)
    .map((m, id) => ({ id, size: m.length, members: m.sort(byDegree).slice(0, top).map(describe) }));
  const brokerList = timed('brokers', () => brokers(undirected, parts.membership));
  return {
    types: RELATION_TYPE_IDS.filter((t) => !projection.layers || projection.layers.includes(RELATION_TYPES[t].layer)),
    nodes: undirected.order,
    ties: undirected.size,
    degree: rank(degree),
    betweenness: rank(between.scores),
    pagerank: rank(pr),
    communities: { count: parts.count, modularity: round(parts.modularity), list },
    brokers: brokerList.slice(0, top).map((b) => ({
      ...describe(b.id),
      community: b.community,
      bridges: b.bridges,
      participation: round(b.participation),
    })),
    betweennessMethod: { method: between.method, sources: between.sources },
  };
}

/**
 * Every view of the graph: overall, and its cooperative and hostile ties apart (signed: mixing them
 * makes centrality meaningless). Works on any store's `graph(filters)` output.
 */
export function analyseGraph(
  graph: GraphJson | GraphStructure,
  options: Partial<AnalyseOptions> = {},
  timings: AnalysisTimings = {},
) {
  const opts = { ...DEFAULT_ANALYSE, ...options };
  const input = asInput(graph);
  // A signed view keeps its own layer of relations.
  const view = (name: keyof AnalysisTimings) =>
    analyseLayer(input, name === 'overall' ? {} : { layers: [name] }, opts, (timings[name] = {} as StageTimings));
  return { overall: view('overall'), layers: { cooperative: view('cooperative'), hostile: view('hostile') } };
}

/**
 * The report cut to the first `top` of every list: each list is sorted before it is cut, so one
 * analysis at the largest `top` serves every smaller one exactly.
 */
export function trimReport(report: AnalyticsReport, top: number): AnalyticsReport {
  const cut = <T>(list: T[]) => list.slice(0, top);
  const layer = (l: LayerAnalysis): LayerAnalysis => ({
    ...l,
    degree: cut(l.degree),
    betweenness: cut(l.betweenness),
    pagerank: cut(l.pagerank),
    communities: { ...l.communities, list: cut(l.communities.list).map((c) => ({ ...c, members: cut(c.members) })) },
    brokers: cut(l.brokers),
  });
  return {
    overall: layer(report.overall),
    layers: { cooperative: layer(report.layers.cooperative), hostile: layer(report.layers.hostile) },
  };
}
