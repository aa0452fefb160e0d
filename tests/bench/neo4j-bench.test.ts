import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { handWrittenNeighborhood, neighborhoodDifference, planNeo4jBench, type Neo4jSizeFigures, type SyncFigure } from '../../src/bench/neo4j';
import { mergeNeo4jResults, renderMarkdown, targets } from '../../src/bench/report';
import type { Latency } from '../../src/bench/measure';
import type { NeighborhoodResult } from '../../src/model';
import { emptyBenchResults } from '../support/bench-results';

/**
 * The Neo4j part of the benchmark without a server: where it runs (a configured database only with
 * the explicit overwrite flag, else a local server when Java and Maven are here, else skipped with
 * the reason), how its answers are compared with the hand-written query, and how the report shows
 * sync figures, query tables and the targets. No timing is asserted.
 */
const canStart = () => null;
const noJava = () => 'Java 17 or later is needed to run the local Neo4j and was not found';

describe('Neo4j benchmark plan', () => {
  it('starts a local Neo4j of its own when NEO4J_URI is unset and Java and Maven are present', () => {
    expect(planNeo4jBench(false, canStart, {})).toEqual({ run: 'local' });
  });

  it('is skipped without NEO4J_URI and without Java, and says how to run it', () => {
    const plan = planNeo4jBench(true, noJava, {});
    expect(plan.run).toBe('skip');
    expect(plan.run === 'skip' && plan.reason).toMatch(/NEO4J_URI is not set.*Java 17.*--neo4j-overwrite/);
  });

  it('never empties a configured database without --neo4j-overwrite, never starts a local one instead, and never prints the password', () => {
    const env = { NEO4J_URI: 'bolt://db.example:7687', NEO4J_PASSWORD: 'hunter2', NEO4J_DATABASE: 'bench' };
    const refused = planNeo4jBench(false, canStart, env);
    expect(refused.run).toBe('skip');
    expect(refused.run === 'skip' && refused.reason).toMatch(/bolt:\/\/db\.example:7687 \(database "bench"\).*empties that database.*--neo4j-overwrite/);
    const allowed = planNeo4jBench(true, canStart, env);
    expect(allowed.run === 'external' && allowed.config.database).toBe('bench');
    expect(JSON.stringify(refused)).not.toContain('hunter2');
  });

  it('reports a wrong NEO4J_URI as the reason it did not run', () => {
    const plan = planNeo4jBench(true, canStart, { NEO4J_URI: 'http://db.example', NEO4J_PASSWORD: 'x' });
    expect(plan.run === 'skip' && plan.reason).toMatch(/^not run: NEO4J_URI "http:\/\/db\.example" is not a Neo4j address/);
  });
});

describe('hand-written neighbourhood', () => {
  it("passes Neo4j's Cypher analyser with the parameters it declares", () => {
    const { lintCypherQuery } = createRequire(import.meta.url)('@neo4j-cypher/language-support') as {
      lintCypherQuery: (query: string, schema: object) => { severity?: number; message: string }[];
    };
    const statement = handWrittenNeighborhood();
    expect(statement.params).toEqual(['id', 'limit']);
    const schema = { labels: ['Entity', 'Source'], relationshipTypes: [], parameters: { id: 'declared', limit: 'declared' } };
    expect(lintCypherQuery(statement.text, schema).filter((d) => d.severity === 1).map((d) => d.message)).toEqual([]);
  });

  it('is compared with the adapter entity by entity in order, then by relation keys and the reachable count', () => {
    const answer = (nodes: string[], edges: string[], reachable: number) =>
      ({ graph: { attributes: {}, options: {}, nodes: nodes.map((key) => ({ key, attributes: {} })), edges: edges.map((key) => ({ key, source: '', target: '', attributes: {} })) }, truncated: false, counts: { nodes: nodes.length, edges: edges.length, byType: {}, reachable } }) as unknown as NeighborhoodResult;
    const hand = { nodes: ['a', 'b', 'c'], edges: ['k1', 'k2'], reachable: 3 };
    expect(neighborhoodDifference(answer(['a', 'b', 'c'], ['k2', 'k1'], 3), hand)).toBeNull();
    expect(neighborhoodDifference(answer(['a', 'c', 'b'], ['k1', 'k2'], 3), hand)).toBe('entity 2 is c against b');
    expect(neighborhoodDifference(answer(['a', 'b'], ['k1'], 3), hand)).toBe('2 entities against 3');
    expect(neighborhoodDifference(answer(['a', 'b', 'c'], ['k1', 'k3'], 3), hand)).toMatch(/relations/);
    expect(neighborhoodDifference(answer(['a', 'b', 'c'], ['k1', 'k2'], 9), hand)).toBe('9 reachable against 3');
    expect(neighborhoodDifference(null, hand)).toMatch(/no such entity/);
  });
});

const l = (p50: number): Latency => ({ samples: 40, p50, p95: p50 * 2, p99: p50 * 3, mean: p50, max: p50 * 4 });
const queries = (base: number) => ({ search: l(base), neighborhood1: l(base * 2), neighborhood2: l(base * 3), neighborhood3: l(base * 4), shortestPath: l(base * 5), kShortest5: l(base * 6), shape: { neighborhood2Nodes: 1, neighborhood3Reachable: 1, pathsFound: 1 } });
const sync = (ms: number, relations: number): SyncFigure => ({
  ms,
  relationsPerSec: (relations / ms) * 1000,
  entitiesPerSec: (relations / 5 / ms) * 1000,
  report: { entities: { created: relations / 5, updated: 0, removed: 0, unchanged: 0 }, relations: { created: relations, updated: 0, removed: 0, unchanged: 0 } },
  steps: [{ step: 'load/relations', statements: 100, ms: ms / 2, serverMs: ms / 4 }],
  commitMs: ms / 4,
  clientMs: ms / 4,
  clientCpuMs: ms / 5,
  serverCpuMs: ms / 2,
});
const size = (name: string, relations: number, n: Partial<Neo4jSizeFigures>) => ({
  size: name, nodes: relations / 5, edges: relations, files: 1, megabytes: 1,
  neo4j: { entities: relations / 5, relations, loadAverage: { start: [1.5, 1, 0.5], end: [2, 1.5, 1] }, ...n },
});

describe('Neo4j report', () => {
  const results = emptyBenchResults({
    neo4j: { target: 'a local Neo4j started by the benchmark', server: 'Neo4j Kernel 5.26 community, heap 6g, page cache 2g', batchSize: 500 },
    sizes: [
      {
        ...size('100k', 500_000, {
          firstSync: sync(50_000, 500_000),
          resync: sync(5_000, 500_000),
          queries: { ...queries(10), neighborhood3: { ...l(40), samples: 3 } },
          embedded: queries(0.5),
          queryErrors: { kShortest5: '2 call(s) failed: The transaction has been terminated' },
          handWritten: { adapter: l(30), handWritten: l(10), handWrittenServer: l(4), adapterSteps: [{ step: 'queries/expand-layer', statements: 2, ms: 20, serverMs: 15 }], agreement: { checked: 20, same: 19, firstDifference: 'x: 3 entities against 4' } },
        }),
      },
      size('1M-edges', 1_000_000, { firstSync: sync(40_000, 1_000_000), resync: sync(12_000, 1_000_000) }),
    ],
  });

  it('shows sync throughput, the re-sync share and the load average per size, and where the time went', () => {
    const section = renderMarkdown(results).split('## Neo4j')[1]!;
    expect(section).toContain('| 100k | 100,000 | 500,000 | 50.0 | 10,000 | 5.00 | 0.10 | 1.50 / 1.00 / 0.50 → 2.00 / 1.50 / 1.00 |');
    expect(section).toContain('| 1M-edges | 200,000 | 1,000,000 | 40.0 | 25,000 | 12.0 | 0.30 |');
    expect(section).toContain('| 100k first | 50.0 | 25.0 (12.5) ×100 | 12.5 | 12.5 | 25.0 / 10.0 |');
  });

  it('has a table per size: query, embedded, Neo4j, ratio; failures named; the hand-written reference and agreement', () => {
    const section = renderMarkdown(results).split('### Queries at 100k')[1]!;
    expect(section).toContain('| search | 0.50 / 1.00 | 10.0 / 20.0 | 20.00 |');
    // Few timed calls (a slow query at a large size) are counted, so a p95 of three is read as such.
    expect(section).toContain('| neighbourhood depth 3 | 2.00 / 4.00 | 40.0 / 80.0 (3 calls) | 20.00 |');
    expect(section).toContain('| k=5 shortest paths (max 6 hops) | 3.00 / 6.00 | failed: 2 call(s) failed: The transaction has been terminated | - |');
    expect(section).toMatch(/hand-written Cypher .* \| 10.0 \/ 20.0, server 4.00 \/ 8.00 \| adapter \/ hand-written: 3.00 at p50, 3.00 at p95 \|/);
    expect(section).toContain('for 19 of 20 focus entities; first difference: x: 3 entities against 4');
    expect(section).toContain('queries/expand-layer 20.0 (15.0) ×2.0');
  });

  it('judges the targets: 1M sync rate, re-sync share, adapter within 1.5x of hand-written at 100k', () => {
    const byName = Object.fromEntries(targets(results).map((t) => [t.name, t]));
    expect(byName['Neo4j first sync, 1M relations']).toMatchObject({ met: true, measured: expect.stringMatching(/^25,000 relations\/s, 40.0 s \(100k: 10,000 relations\/s/) });
    expect(byName['Neo4j no-op re-sync, 1M relations']).toMatchObject({ met: false, measured: expect.stringMatching(/^12.0 s against 40.0 s, 0.30/) });
    expect(byName['Neo4j neighbourhood depth 2, adapter / hand-written Cypher (100k)']).toMatchObject({ met: false, measured: '3.00 at p50, 3.00 at p95' });
  });

  it('counts adapter calls that failed (past the server time limit) as short, and names the failure', () => {
    const base = results.sizes[0]!;
    const failing = emptyBenchResults({
      neo4j: results.neo4j,
      sizes: [{ ...base, neo4j: { ...base.neo4j!, handWritten: { ...base.neo4j!.handWritten!, adapter: l(30), adapterFailures: { count: 2, message: 'the query ran past its time limit' } } } }],
    });
    expect(targets(failing).find((t) => t.name.startsWith('Neo4j neighbourhood'))).toMatchObject({ met: false, measured: expect.stringMatching(/^the adapter failed on 2 call\(s\) \(the query ran past its time limit\); hand-written 10.0 \/ 20.0 ms/) });
    expect(renderMarkdown(failing)).toContain('| 30.0 / 60.0; 2 call(s) failed: the query ran past its time limit |');
  });

  it('marks the Neo4j targets not run, with the reason, when the part was skipped', () => {
    const skipped = emptyBenchResults({ neo4j: { skipped: 'skipped: no Java' } });
    for (const t of targets(skipped).filter((x) => x.name.startsWith('Neo4j'))) expect(t).toMatchObject({ met: null, measured: 'skipped: no Java' });
    expect(renderMarkdown(skipped)).toContain('## Neo4j\n\nskipped: no Java');
  });

  it('merges a --neo4j-only run into saved results: its Neo4j figures replace the old ones, everything else stays', () => {
    const saved = emptyBenchResults({
      startedAt: 'full-run',
      neo4j: { skipped: 'skipped: no Java' },
      sizes: [{ size: '100k', nodes: 100_000, edges: 500_000, files: 9, megabytes: 100, queries: queries(1) }],
      notes: ['Load average at start 1 / 1 / 1.'],
    });
    const fresh = emptyBenchResults({ startedAt: 'neo4j-run', neo4j: results.neo4j, sizes: results.sizes });
    const merged = mergeNeo4jResults(saved, fresh);
    expect(merged.startedAt).toBe('full-run');
    expect(merged.neo4j?.server).toContain('5.26');
    expect(merged.sizes.map((s) => s.size)).toEqual(['100k', '1M-edges']);
    expect(merged.sizes[0]!.queries).toEqual(queries(1));
    expect(merged.sizes[0]!.files).toBe(9);
    expect(merged.sizes[0]!.neo4j?.firstSync?.ms).toBe(50_000);
    expect(merged.notes).toEqual(['Load average at start 1 / 1 / 1.']);
    // A size measured on another server than the latest one (more heap for 1M) says which.
    const stamped = (n: Neo4jSizeFigures, runStartedAt: string, server?: string) => ({ ...n, runStartedAt, ...(server ? { server } : {}) });
    const first = mergeNeo4jResults(saved, { ...fresh, sizes: fresh.sizes.map((x) => ({ ...x, neo4j: stamped(x.neo4j!, 'run-1') })) });
    const bigger = emptyBenchResults({
      startedAt: 'run-2',
      neo4j: { ...results.neo4j, server: 'Neo4j 5.26, heap 13g' },
      sizes: [{ ...results.sizes[1]!, neo4j: stamped(results.sizes[1]!.neo4j!, 'run-2', 'Neo4j 5.26, heap 13g') }],
    });
    const both = mergeNeo4jResults(first, bigger);
    expect(both.sizes[0]!.neo4j?.server).toBe(results.neo4j!.server);
    const md = renderMarkdown(both);
    expect(md).toContain('Measured in --neo4j-only runs: 100k in the run started run-1; 1M-edges in the run started run-2.');
    expect(md).toContain(`100k ran on: ${results.neo4j!.server}.`);
    expect(md).not.toContain('1M-edges ran on');
  });
});
