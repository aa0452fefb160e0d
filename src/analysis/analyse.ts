import pagerank from 'graphology-metrics/centrality/pagerank';
import { RELATION_TYPE_IDS, RELATION_TYPES, type RelationLayer } from '../model';
import type { GraphJson } from '../store/port';
import { betweenness, DEFAULT_BETWEENNESS, type BetweennessOptions } from './betweenness';
import { brokers } from './brokers';
import { communities } from './communities';
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

export const DEFAULT_ANALYSE: AnalyseOptions = { top: 10, betweenness: DEFAULT_BETWEENNESS };

const round = (x: number) => Math.round(x * 1e6) / 1e6;

function analyseLayer(json: GraphJson, projection: ProjectionOptions, options: AnalyseOptions): LayerAnalysis {
  const undirected = undirectedProjection(json, projection);
  const directed = directedProjection(json, projection);
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
  const between = betweenness(undirected, options.betweenness);
  const pr: Record<string, number> = directed.order > 0 ? pagerank(directed, { getEdgeWeight: 'weight' }) : {};
  const parts = communities(undirected);

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
      members: members.sort((a, b) => (degree[b] ?? 0) - (degree[a] ?? 0) || a.localeCompare(b)).slice(0, options.top).map(describe),
    }));

  const types = projection.layers ? RELATION_TYPE_IDS.filter((t) => projection.layers!.includes(RELATION_TYPES[t].layer)) : [...RELATION_TYPE_IDS];
  return {
    types,
    nodes: undirected.order,
    ties: undirected.size,
    degree: rank(degree),
    betweenness: rank(between.scores),
    pagerank: rank(pr),
    communities: { count: parts.count, modularity: round(parts.modularity), list },
    brokers: brokers(undirected, parts.membership)
      .slice(0, options.top)
      .map((b) => ({ ...describe(b.id), community: b.community, bridges: b.bridges, participation: round(b.participation) })),
    betweennessMethod: { method: between.method, sources: between.sources },
  };
}

/**
 * Degree, betweenness and PageRank rankings, Louvain communities and brokers, for the whole graph
 * and for its cooperative and hostile layers apart (the layer of each relation type is in
 * src/model/relation-types.ts). Works on any store's `graph(filters)` output.
 */
export function analyseGraph(json: GraphJson, options: Partial<AnalyseOptions> = {}): AnalyticsReport {
  const opts = { ...DEFAULT_ANALYSE, ...options };
  const layer = (l: RelationLayer) => analyseLayer(json, { layers: [l] }, opts);
  return { overall: analyseLayer(json, {}, opts), layers: { cooperative: layer('cooperative'), hostile: layer('hostile') } };
}
