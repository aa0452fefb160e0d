import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MemoryStore } from '../store/memory';
import { MAX_HOPS, NEIGHBORHOOD_LIMIT, type QueryFigures } from './embedded';
import { progress, sample, timeOnce, type Latency } from './measure';
import type { Workload } from './workload';

/**
 * The peer: Kùzu, an embedded graph database with Cypher, holding the same generated graph and
 * asked the same questions. Kùzu is a benchmark-only dependency (devDependencies); this module is
 * imported only by the benchmark, and reports the peer as unavailable when it cannot be loaded.
 */
export interface KuzuQueryFigure {
  query: string;
  ours: Latency;
  kuzu: Latency;
  ratioP50: number;
  ratioP95: number;
}

export interface KuzuFigures {
  unavailable?: string;
  loadMs?: number;
  queries: KuzuQueryFigure[];
  note?: string;
}

type KuzuModule = typeof import('kuzu');
type Row = Record<string, unknown>;

const csv = (v: string) => `"${v.replace(/"/g, '""')}"`;

export async function measureKuzu(store: MemoryStore, w: Workload, ours: QueryFigures, budgetMs: number, dir: string): Promise<KuzuFigures> {
  let kuzu: KuzuModule;
  try {
    kuzu = (await import('kuzu')).default as unknown as KuzuModule;
  } catch (e) {
    return { unavailable: `the kuzu package cannot be loaded: ${(e as Error).message.split('\n')[0]}`, queries: [] };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const nodesCsv = path.join(dir, 'entities.csv');
  const relsCsv = path.join(dir, 'relations.csv');
  const { ids, attributes } = store.entities();
  writeFileSync(nodesCsv, ids.map((id, i) => `${csv(id)},${csv(attributes[i]!.kind)},${csv(attributes[i]!.name)}`).join('\n') + '\n');
  const { edges } = await store.graph();
  writeFileSync(relsCsv, edges.map(({ key, source: s, target: t, attributes: a }) => `${csv(s)},${csv(t)},${csv(key!)},${csv(a!.type)},${csv(a!.status)}`).join('\n') + '\n');

  // In memory, like the embedded store; 1 GB of buffer pool is ample for these sizes.
  const db = new kuzu.Database(':memory:', 1 << 30);
  const conn = new kuzu.Connection(db);
  conn.setQueryTimeout(30_000);
  const all = async (r: Awaited<ReturnType<typeof conn.query>>): Promise<Row[]> => (Array.isArray(r) ? r[r.length - 1]! : r).getAll() as Promise<Row[]>;
  try {
    const load = await timeOnce(async () => {
      await all(await conn.query('CREATE NODE TABLE Entity(id STRING, kind STRING, name STRING, PRIMARY KEY(id))'));
      await all(await conn.query('CREATE REL TABLE Rel(FROM Entity TO Entity, key STRING, type STRING, status STRING)'));
      await all(await conn.query(`COPY Entity FROM '${nodesCsv}' (HEADER=false)`));
      await all(await conn.query(`COPY Rel FROM '${relsCsv}' (HEADER=false)`));
    });
    // The same answer as ours, minus evidence and descriptions: everything reachable within the
    // depth (ours counts it too), the first 500 kept, and the relations among the kept ones.
    const reach = await Promise.all([1, 2, 3].map((d) => conn.prepare(`MATCH (a:Entity {id: $id})-[:Rel* SHORTEST 1..${d}]-(b:Entity) RETURN b.id AS id, b.kind AS kind, b.name AS name`)));
    const induced = await conn.prepare('MATCH (x:Entity)-[r:Rel]->(y:Entity) WHERE x.id IN $ids AND y.id IN $ids RETURN x.id AS source, r.key AS key, r.type AS type, r.status AS status, y.id AS target');
    const shortest = await conn.prepare(`MATCH p = (a:Entity {id: $from})-[:Rel* SHORTEST 1..${MAX_HOPS}]-(b:Entity {id: $to}) RETURN properties(nodes(p), 'id') AS nodes, properties(rels(p), 'key') AS edges LIMIT 1`);
    const exec = async (ps: Awaited<ReturnType<typeof conn.prepare>>, params: Record<string, string | string[]>) => all(await conn.execute(ps, params as never));
    const at = <T>(list: readonly T[], i: number) => list[i % list.length]!;
    const opts = (iterations: number) => ({ iterations, maxMs: budgetMs, warmup: 3 });
    const figures: KuzuQueryFigure[] = [];
    const compare = (query: string, o: Latency, k: Latency) => figures.push({ query, ours: o, kuzu: k, ratioP50: o.p50 / k.p50, ratioP95: o.p95 / k.p95 });
    for (const depth of [1, 2, 3] as const) {
      progress(`  Kùzu neighbourhood depth ${depth}`);
      const k = await sample(async (i) => {
        const focus = at(w.focus, i);
        const rows = await exec(reach[depth - 1]!, { id: focus });
        const ids = [focus, ...rows.slice(0, NEIGHBORHOOD_LIMIT - 1).map((r) => String(r.id))];
        await exec(induced, { ids });
      }, opts(depth === 3 ? 60 : 200));
      compare(`neighbourhood depth ${depth}`, ours[`neighborhood${depth}`], k);
    }
    progress('  Kùzu shortest path');
    const sp = await sample((i) => {
      const [from, to] = at(w.pairs, i);
      return exec(shortest, { from, to });
    }, opts(200));
    compare('shortest path', ours.shortestPath, sp);
    return {
      loadMs: load.ms,
      queries: figures,
      note: 'Kùzu returns ids, kinds, names and relation keys/types/statuses; ours also returns descriptions, aliases, dates and evidence with source titles, and a sentence per path hop. k shortest paths has no Kùzu equivalent (it offers SHORTEST and ALL SHORTEST, not Yen\'s k loopless paths), so it is not compared. Kùzu runs queries on its own worker threads (default: all cores); ours runs on the one JavaScript thread.',
    };
  } catch (e) {
    return { unavailable: `Kùzu failed: ${(e as Error).message.split('\n')[0]}`, queries: [] };
  } finally {
    await conn.close().catch(() => {});
    await db.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}
