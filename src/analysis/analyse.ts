import pagerank from 'graphology-metrics/centrality/pagerank';
import { RELATION_TYPE_IDS, RELATION_TYPES } from '../model';
import type { GraphJson } from '../model';
import { betweenness, DEFAULT_BETWEENNESS, type BetweennessOptions } from './betweenness';
import { brokers } from './brokers';
import { communities } from './communities';
import { inputFromGraphJson, isAnalysisInput, type AnalysisInput } from './input';
import { directedProjection, undirectedProjection, type ProjectionOptions } from './projection';

export interface Ranked {
  id: string;
  name: string;
  kind: string;
  value: number;
}

export interface LayerAnalysis {
  /** Relation types this view is computed over. */
  types: string[];
  nodes: number;
  ties: number;
  /** Distinct neighbours (ties, not claims). */
  degree: Ranked[];
  betweenness: Ranked[];
  pagerank: Ranked[];
  communities: {
    count: number;
    modularity: number;
    list: { id: number; size: number; members: { id: string; name: string; kind: string }[] }[];
  };
  brokers: { id: string; name: string; kind: string; community: number; bridges: number[]; participation: number }[];
  betweennessMethod: { method: 'exact' | 'sampled'; sources: number };
}

export interface AnalyticsReport {
  /** Every relation type. */
  overall: LayerAnalysis;
  /** Signed view: cooperative and hostile ties analysed apart, since mixing them makes centrality meaningless. */
  layers: Record<'cooperative' | 'hostile', LayerAnalysis>;
}

export interface AnalyseOptions {
  /** Length of each ranking and of each community's member list. */
  top: number;
  betweenness: BetweennessOptions;
}

/** Milliseconds each stage of one view took, for the benchmark and the server log. */
export interface StageTimings {
  projection: number;
  degree: number;
  betweenness: number;
  pagerank: number;
  louvain: number;
  brokers: number;
}

/** Per view (overall, cooperative, hostile), filled in by analyseGraph when given. */
export type AnalysisTimings = Partial<Record<'overall' | 'cooperative' | 'hostile', StageTimings>>;

export const DEFAULT_ANALYSE: AnalyseOptions = { top: 10, betweenness: DEFAULT_BETWEENNESS };

const round = (x: number) => Math.round(x * 1e6) / 1e6;

function analyseLayer(
  input: AnalysisInput,
  projection: ProjectionOptions,
  options: AnalyseOptions,
  timings?: StageTimings,
): LayerAnalysis {
  let mark = performance.now();
  const lap = (stage: keyof StageTimings) => {
    const now = performance.now();
    if (timings) timings[stage] = now - mark;
    mark = now;
  };
  const undirected = undirectedProjection(input, projection);
  const directed = directedProjection(input, projection);
  lap('projection');
  const describe = (id: string) => {
    const a = undirected.getNodeAttributes(id);
    return { id, name: a.name, kind: a.kind };
  };
  const rank = (scores: Record<string, number>): Ranked[] =>
    Object.entries(scores)
      .filter(([, v]) => v > 0)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, options.top)
      .map(([id, v]) => ({ ...describe(id), value: round(v) }));

  const degree: Record<string, number> = {};
  undirected.forEachNode((n) => {
    degree[n] = undirected.degree(n);
  });
  lap('degree');
  const between = betweenness(undirected, options.betweenness);
  lap('betweenness');
  const pr: Record<string, number> = directed.order > 0 ? pagerank(directed, { getEdgeWeight: 'weight' }) : {};
  lap('pagerank');
  const parts = communities(undirected);
  lap('louvain');

  const bySize = new Map<number, string[]>();
  for (const [node, c] of Object.entries(parts.membership)) {
    const members = bySize.get(c);
    if (members) members.push(node);
    else bySize.set(c, [node]);
  }
  const list = [...bySize.entries()]
    .sort((a, b) => a[0] - b[0])
    .filter(([, members]) => members.length > 1)
    .slice(0, options.top)
    .map(([id, members]) => ({
      id,
      size: members.length,
      members: members
        .sort((a, b) => (degree[b] ?? 0) - (degree[a] ?? 0) || a.localeCompare(b))
        .slice(0, options.top)
        .map(describe),
    }));

  const brokerList = brokers(undirected, parts.membership);
  lap('brokers');
  const types = projection.layers
    ? RELATION_TYPE_IDS.filter((t) => projection.layers!.includes(RELATION_TYPES[t].layer))
    : [...RELATION_TYPE_IDS];
  return {
    types,
    nodes: undirected.order,
    ties: undirected.size,
    degree: rank(degree),
    betweenness: rank(between.scores),
    pagerank: rank(pr),
    communities: { count: parts.count, modularity: round(parts.modularity), list },
    brokers: brokerList.slice(0, options.top).map((b) => ({
      ...describe(b.id),
      community: b.community,
      bridges: b.bridges,
      participation: round(b.participation),
    })),
    betweennessMethod: { method: between.method, sources: between.sources },
  };
}

/**
 * Degree, betweenness and PageRank rankings, Louvain communities and brokers, for the whole graph
 * and for its cooperative and hostile layers apart (the layer of each relation type is in
 * src/model/relation-types.ts). Works on any store's `graph(filters)` output.
 */
export function analyseGraph(
  graph: GraphJson | AnalysisInput,
  options: Partial<AnalyseOptions> = {},
  timings?: AnalysisTimings,
): AnalyticsReport {
  const opts = { ...DEFAULT_ANALYSE, ...options };
  const input = isAnalysisInput(graph) ? graph : inputFromGraphJson(graph);
  const view = (name: keyof AnalysisTimings, projection: ProjectionOptions) => {
    const stages = timings ? (timings[name] = {} as StageTimings) : undefined;
    return analyseLayer(input, projection, opts, stages);
  };
  const overall = view('overall', {});
  return {
    overall,
    layers: {
      cooperative: view('cooperative', { layers: ['cooperative'] }),
      hostile: view('hostile', { layers: ['hostile'] }),
    },
  };
}

/**
 * The report cut to the first `top` of every list. Every list in a report is sorted before it is
 * cut, so trimming a report computed with a larger `top` gives exactly the smaller report: the
 * API computes once at the largest `top` and serves every `top` from it.
 */
export function trimReport(report: AnalyticsReport, top: number): AnalyticsReport {
  const layer = (l: LayerAnalysis): LayerAnalysis => ({
    ...l,
    degree: l.degree.slice(0, top),
    betweenness: l.betweenness.slice(0, top),
    pagerank: l.pagerank.slice(0, top),
    communities: {
      ...l.communities,
      list: l.communities.list.slice(0, top).map((c) => ({ ...c, members: c.members.slice(0, top) })),
    },
    brokers: l.brokers.slice(0, top),
  });
  return {
    overall: layer(report.overall),
    layers: { cooperative: layer(report.layers.cooperative), hostile: layer(report.layers.hostile) },
  };
}
