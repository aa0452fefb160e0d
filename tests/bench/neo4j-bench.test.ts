import { afterEach, describe, expect, it } from 'vitest';
import { neo4jBenchPlan } from '../../src/bench/neo4j';
import { renderMarkdown } from '../../src/bench/report';
import { emptyBenchResults } from '../support/bench-results';
import type { Latency } from '../../src/bench/measure';

/**
 * The Neo4j part of the benchmark cannot run here (no server). What can be checked: it never
 * touches a database without the explicit overwrite flag, a wrong NEO4J_URI is reported rather
 * than thrown, and the report shows every load, failed ones included.
 */
const saved = { ...process.env };
afterEach(() => {
  for (const k of ['NEO4J_URI', 'NEO4J_PASSWORD', 'NEO4J_DATABASE']) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

describe('Neo4j benchmark', () => {
  it('is skipped without NEO4J_URI, and says how to run it', () => {
    delete process.env.NEO4J_URI;
    const plan = neo4jBenchPlan(true);
    expect(plan.config).toBeUndefined();
    expect(plan.figures.skipped).toMatch(/NEO4J_URI is not set.*--neo4j-overwrite/);
  });

  it('never empties a configured database without --neo4j-overwrite, and never prints the password', () => {
    Object.assign(process.env, { NEO4J_URI: 'bolt://db.example:7687', NEO4J_PASSWORD: 'hunter2', NEO4J_DATABASE: 'bench' });
    const refused = neo4jBenchPlan(false);
    expect(refused.config).toBeUndefined();
    expect(refused.figures.skipped).toMatch(/bolt:\/\/db\.example:7687 \(database "bench"\).*empties that database.*--neo4j-overwrite/);
    const allowed = neo4jBenchPlan(true);
    expect(allowed.config?.database).toBe('bench');
    expect(JSON.stringify([refused, allowed.figures])).not.toContain('hunter2');
  });

  it('reports a wrong NEO4J_URI as the reason it did not run', () => {
    Object.assign(process.env, { NEO4J_URI: 'http://db.example', NEO4J_PASSWORD: 'x' });
    expect(neo4jBenchPlan(true).figures.skipped).toMatch(/^not run: NEO4J_URI "http:\/\/db\.example" is not a Neo4j address/);
  });

  it('reports loads per batch size with their throughput or their failure, and queries beside the embedded store', () => {
    const l = (p50: number): Latency => ({ samples: 10, p50, p95: p50 * 2, p99: p50 * 3, mean: p50, max: p50 * 4 });
    const queries = { search: l(1), neighborhood1: l(2), neighborhood2: l(3), neighborhood3: l(4), shortestPath: l(5), kShortest5: l(6), shape: { neighborhood2Nodes: 1, neighborhood3Reachable: 1, pathsFound: 1 } };
    const results = emptyBenchResults({
      neo4j: { target: 'bolt://db.example:7687' },
      sizes: [
        {
          size: '10k', nodes: 10_000, edges: 50_000, files: 1, megabytes: 1,
          queries: { ...queries, search: l(0.5) },
          neo4j: {
            loads: [
              { batchSize: 500, ms: 25_000, entitiesPerSec: 400, relationsPerSec: 2000 },
              { batchSize: 2000, ms: 12_500, entitiesPerSec: 800, relationsPerSec: 4000 },
              { batchSize: 10_000, error: 'The allocation of an extra 2.0 MiB would use more than the limit' },
            ],
            queries,
          },
        },
      ],
    });
    const md = renderMarkdown(results);
    const section = md.slice(md.indexOf('## Neo4j'));
    expect(section).toContain('| 10k | 25.0 s (2000 relations/s) | 12.5 s (4000 relations/s) | failed: The allocation of an extra 2.0 MiB would use more than the limit |');
    expect(section).toContain('| search | 1.00 / 2.00 (0.50 / 1.00) |');
  });
});
