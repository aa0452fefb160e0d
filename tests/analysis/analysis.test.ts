import { UndirectedGraph } from 'graphology';
import graphologyBetweenness from 'graphology-metrics/centrality/betweenness';
import { describe, expect, it } from 'vitest';
import { analyseGraph } from '../../src/analysis/analyse';
import { betweenness } from '../../src/analysis/betweenness';
import { brokers, communities } from '../../src/analysis/communities';
import { projections, type SimpleUndirected } from '../../src/analysis/projection';
import { AnalyticsService, filterKey } from '../../src/analysis/service';
import { fixtureStore } from '../api/fixture';

function graphOf(edges: [string, string][]): SimpleUndirected {
  const g: SimpleUndirected = new UndirectedGraph();
  for (const [a, b] of edges) {
    for (const n of [a, b]) if (!g.hasNode(n)) g.addNode(n, { name: n, kind: 'X' });
    g.mergeEdge(a, b, { weight: 1 });
  }
  return g;
}

/** Two triangles joined through a bridge node "m". */
const barbell = () =>
  graphOf([
    ['a', 'b'],
    ['b', 'c'],
    ['a', 'c'],
    ['c', 'm'],
    ['m', 'd'],
    ['d', 'e'],
    ['e', 'f'],
    ['d', 'f'],
  ]);

describe('betweenness', () => {
  it('agrees with graphology-metrics (normalised) when exact', () => {
    const g = barbell();
    const ours = betweenness(g);
    const reference = graphologyBetweenness(g, { normalized: true });
    expect(ours.method).toBe('exact');
    for (const n of g.nodes()) expect(ours.scores[n]).toBeCloseTo(reference[n]!, 6);
    expect(ours.scores.m).toBeGreaterThan(ours.scores.a!);
  });

  it('samples above the exact threshold, says so, and still finds the bridge', () => {
    const edges: [string, string][] = [];
    for (let i = 0; i < 60; i++) edges.push([`l${i}`, `l${(i + 1) % 60}`], [`r${i}`, `r${(i + 1) % 60}`]);
    edges.push(['l0', 'bridge'], ['bridge', 'r0']);
    const g = graphOf(edges);
    const sampled = betweenness(g, { exactUpTo: 50, pivots: 40, seed: 1 });
    expect(sampled).toMatchObject({ method: 'sampled', sources: 40 });
    const top = Object.entries(sampled.scores)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([n]) => n);
    expect(top).toContain('bridge');
    expect(betweenness(g, { exactUpTo: 50, pivots: 40, seed: 1 }).scores).toEqual(sampled.scores);
  });
});

describe('communities and brokers', () => {
  it('splits the barbell into its two triangles and names the bridge a broker', () => {
    const g = barbell();
    const parts = communities(g);
    expect(parts.count).toBe(2);
    expect(parts.membership.a).toBe(parts.membership.b);
    expect(parts.membership.d).toBe(parts.membership.f);
    expect(parts.membership.a).not.toBe(parts.membership.f);
    const list = brokers(g, parts.membership);
    expect(list.map((b) => b.id)).toContain('m');
    expect(list.every((b) => b.bridges.length > 0 && b.external > 0)).toBe(true);
    expect(communities(g)).toEqual(parts);
  });
});

describe('analyseGraph over a store graph', () => {
  it('keeps cooperative and hostile ties in separate layers', async () => {
    const report = analyseGraph(await fixtureStore().graph(), { top: 50 });
    expect(report.layers.cooperative.types).toEqual(expect.arrayContaining(['allied-with', 'funds', 'supports']));
    expect(report.layers.cooperative.types).not.toContain('targets');
    expect(report.layers.hostile.types).toEqual(expect.arrayContaining(['targets', 'opposes']));
    const coopIds = report.layers.cooperative.degree.map((r) => r.id).sort();
    expect(coopIds).toEqual(['alpha', 'beta', 'delta', 'gamma', 'hub']);
    expect(report.layers.hostile.degree[0]).toMatchObject({ id: 'hub', value: 3 });
    // The 30 places hang off the hub only through operates-in, a structural tie.
    expect(report.overall.betweenness[0]!.id).toBe('hub');
    expect(report.layers.hostile.nodes).toBe(5);
  });

  it('collapses parallel claims into one weighted tie', async () => {
    const g = projections(await fixtureStore().graph(), { layers: ['cooperative'] })[0];
    expect(g.getEdgeAttribute('gamma', 'alpha', 'weight')).toBe(2); // the allegation and its denial
  });
});

describe('filterKey', () => {
  it('keys filters the same whatever their order', () => {
    expect(filterKey({ types: ['targets', 'funds'], asOf: '2024' })).toBe(
      filterKey({ asOf: '2024', types: ['funds', 'targets'], kinds: undefined }),
    );
  });
});

describe('AnalyticsService', () => {
  it('answers, and the process lives on, when the onSettled callback (the server log) throws', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const service = new AnalyticsService(fixtureStore(), {
        onSettled: () => {
          throw new Error('the log is gone');
        },
      });
      const answer = await service.request({}, 60_000);
      expect(answer.state).toBe('ready');
      // Rejections are reported after the microtask queue drains: one macrotask later.
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
    }
  });
});
