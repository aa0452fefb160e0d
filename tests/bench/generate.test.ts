import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSeed } from '../../src/bench/generate';
import { loadKnowledgeBase } from '../../src/seed/load';
import { buildGraph } from '../../src/model';

/** The benchmark's data: real seed files the loader accepts, repeatable, heavy-tailed. */
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function generate(nodes: number, seed: number, extra: { entitiesPerFile?: number; relationsPerFile?: number } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kg-gen-'));
  dirs.push(dir);
  const manifest = generateSeed({ nodes, edgesPerNode: 5, seed, outDir: dir, ...extra });
  return { dir, manifest };
}

const filesOf = (dir: string) =>
  ['entities', 'relations'].flatMap((sub) => readdirSync(path.join(dir, sub)).map((f) => readFileSync(path.join(dir, sub, f), 'utf8')));

describe('synthetic seed generator', () => {
  it('writes seed files the real loader accepts without a single problem', () => {
    const { dir, manifest } = generate(600, 1, { entitiesPerFile: 200, relationsPerFile: 1000 });
    const result = loadKnowledgeBase(dir);
    expect(result.problems).toEqual([]);
    expect(result.kb!.entities).toHaveLength(600);
    expect(result.kb!.relations).toHaveLength(manifest.edges);
    // Split into many files, as a big knowledge base would be.
    expect(readdirSync(path.join(dir, 'relations')).length).toBe(Math.ceil(manifest.edges / 1000));
    // The real vocabulary: several kinds, relation types, contested claims with asserters, dates.
    const kb = result.kb!;
    expect(new Set(kb.entities.map((e) => e.kind)).size).toBeGreaterThan(8);
    expect(new Set(kb.relations.map((r) => r.type)).size).toBeGreaterThan(15);
    expect(kb.relations.some((r) => r.status === 'alleged' && r.assertedBy.length === 1)).toBe(true);
    expect(kb.relations.some((r) => r.since && r.until)).toBe(true);
    expect(kb.entities.some((e) => e.aliases.length > 0)).toBe(true);
  });

  it('is repeatable: the same seed gives the same files, another seed another graph', () => {
    const a = filesOf(generate(300, 7).dir);
    const b = filesOf(generate(300, 7).dir);
    const c = filesOf(generate(300, 8).dir);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('has a heavy-tailed degree distribution: hubs far above the mean', () => {
    const { dir } = generate(3000, 3);
    const graph = buildGraph(loadKnowledgeBase(dir).kb!);
    const degrees = graph.mapNodes((n) => graph.degree(n)).sort((x, y) => y - x);
    const mean = degrees.reduce((s, d) => s + d, 0) / degrees.length;
    expect(mean).toBeGreaterThan(8);
    expect(mean).toBeLessThan(12);
    expect(degrees[0]!).toBeGreaterThan(15 * mean);
    // Most entities are ordinary: the median sits below the mean.
    expect(degrees[Math.floor(degrees.length / 2)]!).toBeLessThan(mean);
  });

  it('reuses a data set already generated with the same options', () => {
    const { dir, manifest } = generate(200, 5);
    const again = generateSeed({ nodes: 200, edgesPerNode: 5, seed: 5, outDir: dir });
    expect(again).toEqual(manifest);
  });
});
