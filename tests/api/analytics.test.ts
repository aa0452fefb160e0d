import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, startTestServer } from '../support/server';
import { fixtureStore } from './fixture';

let world: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  world = await startTestServer(fixtureStore());
});
afterAll(async () => {
  await world?.close();
});

describe('GET /api/analytics', () => {
  it('ranks, partitions and finds brokers, overall and per signed layer', async () => {
    const r = await getJson(world.url, '/api/analytics');
    expect(r.status).toBe(200);
    expect(r.body.overall.degree[0]).toMatchObject({ id: 'hub', name: 'Hub Front', kind: 'MilitantGroup' });
    expect(r.body.overall.betweenness[0].id).toBe('hub');
    expect(r.body.overall.pagerank.length).toBeGreaterThan(0);
    expect(r.body.overall.communities.count).toBeGreaterThanOrEqual(2);
    expect(r.body.overall.brokers[0].bridges.length).toBeGreaterThan(0);
    expect(r.body.overall.betweennessMethod).toEqual({ method: 'exact', sources: 37 });
    // A graph this small is analysed on the request thread: the first answer is the result, not a 202.
    expect(r.body.computedOn).toBe('inline');
    expect(r.body.layers.cooperative.types).not.toContain('targets');
    expect(r.body.layers.hostile.degree[0]).toMatchObject({ id: 'hub', value: 3 });
  });

  it('applies the graph filters and caches per filter set', async () => {
    const first = await getJson(world.url, '/api/analytics?types=targets,opposes&top=3');
    expect(first.body.overall.ties).toBe(4);
    expect(first.body.overall.degree).toHaveLength(3);
    const again = await getJson(world.url, '/api/analytics?top=3&types=opposes,targets');
    expect(again.body.cached).toBe(true);
    expect(again.body.overall).toEqual(first.body.overall);
    const known = await getJson(world.url, '/api/analytics?knownBy=2021');
    expect(known.body.overall.degree.map((x: { id: string }) => x.id).sort()).toEqual([
      'alpha',
      'beta',
      'delta',
      'hub',
      'radd',
    ]);
  });

  it('rejects bad filters with 400 naming the parameter', async () => {
    for (const [q, param] of [
      ['top=0', 'top'],
      ['types=befriends', 'types'],
      ['asOf=soon', 'asOf'],
      ['wait=61', 'wait'],
    ]) {
      const r = await getJson(world.url, `/api/analytics?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.details[0].param).toBe(param);
    }
  });
});
