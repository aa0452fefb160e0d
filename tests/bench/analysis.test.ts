import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness';
import { describe, expect, it } from 'vitest';
import { betweenness } from '../../src/analysis/betweenness';
import { projections } from '../../src/analysis/projection';
import { generateSeed } from '../../src/bench/generate';
import { percentile, summarise } from '../../src/bench/measure';
import { targets } from '../../src/bench/report';
import { loadKnowledgeBase } from '../../src/seed/load';
import { emptyBenchResults } from '../support/bench-results';
import { MemoryStore } from '../../src/store/memory';

describe('benchmark arithmetic', () => {
  it('takes percentiles by nearest rank', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 95)).toBe(95);
    expect(summarise([5, 1, 3])).toMatchObject({ samples: 3, p50: 3, max: 5, mean: 3 });
  });

  it("the analysis the bench times (src/analysis) computes exact betweenness equal to graphology-metrics on a generated graph", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kg-bc-'));
    try {
      generateSeed({ nodes: 150, edgesPerNode: 3, seed: 9, outDir: dir });
      const store = new MemoryStore(loadKnowledgeBase(dir).kb!);
      const simple = projections(await store.graphStructure())[0];
      const reference = betweennessCentrality(simple, { normalized: true });
      const ours = betweenness(simple);
      expect(ours.method).toBe('exact');
      for (const id of simple.nodes()) expect(ours.scores[id]).toBeCloseTo(reference[id]!, 6);
      // Sampling estimates the same top hub.
      const sampled = betweenness(simple, { exactUpTo: 100, pivots: 60, seed: 2 });
      const top = (scores: Record<string, number>) => Object.entries(scores).sort((x, y) => y[1] - x[1])[0]![0];
      expect(sampled.method).toBe('sampled');
      expect(top(sampled.scores)).toBe(top(ours.scores));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('marks each target met, short or not run from the figures', () => {
    const lat = (p95: number) => ({ samples: 10, p50: p95 / 2, p95, p99: p95, mean: p95 / 2, max: p95 });
    const queries = (p95: number, twoDeep: number) => ({
      search: lat(p95),
      neighborhood1: lat(p95),
      neighborhood2: lat(twoDeep),
      neighborhood3: lat(p95),
      shortestPath: lat(p95),
      kShortest5: lat(90),
      shape: { neighborhood2Nodes: 1, neighborhood3Reachable: 1, pathsFound: 1 },
    });
    const build = { loadMs: 1, buildMs: 1, totalMs: 16_000, peakRssMB: 900, entities: 1, relations: 1 };
    const neo4j = { entities: 1, relations: 1, loadAverage: { start: [], end: [] } };
    const results = emptyBenchResults({
      sizes: [
        {
          size: '100k',
          nodes: 1,
          edges: 1,
          files: 1,
          megabytes: 1,
          queries: queries(4, 6),
          build,
          neo4j: { ...neo4j, embedded: queries(4, 6), queries: queries(5, 5) },
        },
      ],
    });
    const byName = Object.fromEntries(targets(results).map((t) => [t.name, t]));
    expect(byName['search (100k)']?.met).toBe(true);
    expect(byName['neighbourhood depth 2 (100k)']?.met).toBe(false);
    expect(byName['k=5 shortest paths, max 6 hops (100k)']?.met).toBe(true);
    expect(byName['build from files (100k)']?.met).toBe(false);
    const same = byName['embedded store no slower than Neo4j, every query (100k, same run)'];
    expect(same?.met).toBe(false);
    expect(same?.measured).toBe('slower: neighborhood2 6.00 ms against 5.00 ms');
    expect(byName['Louvain (100k)']?.met).toBeNull();
    expect(byName['betweenness never blocks a request']?.met).toBeNull();
  });

  it('marks betweenness met only when /api/health kept answering promptly while the analysis ran', () => {
    const analytics = (healthMax: number, samples = 50) => ({
      louvainMs: 2500, communities: 19, degreeMs: 1, pagerankMs: 1, betweennessMs: 1, betweennessMode: 'sampled (60 sources)', projectionMs: 1,
      totalMs: 40_000, computedOn: 'worker', inputMs: 30, eventLoopMaxMs: 20,
      healthDuring: { samples, p50: 2, p95: healthMax, p99: healthMax, mean: 3, max: healthMax },
      healthBefore: { samples: 50, p50: 2, p95: 5, p99: 5, mean: 3, max: 5 },
    });
    const verdicts = (a: ReturnType<typeof analytics>) => {
      const results = emptyBenchResults({ sizes: [{ size: '100k', nodes: 1, edges: 1, files: 1, megabytes: 1, analytics: a }] });
      return Object.fromEntries(targets(results).map((t) => [t.name, t.met]));
    };
    expect(verdicts(analytics(15))['betweenness never blocks a request']).toBe(true);
    expect(verdicts(analytics(15))['Louvain (100k)']).toBe(true);
    // A request that waited seconds behind the analysis, or no request answered at all during it.
    expect(verdicts(analytics(4000))['betweenness never blocks a request']).toBe(false);
    expect(verdicts(analytics(NaN, 0))['betweenness never blocks a request']).toBe(false);
  });
});
