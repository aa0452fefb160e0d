import Graph from 'graphology';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELATION_TYPE_IDS } from '../../src/model';
import { getJson, startTestServer } from '../support/server';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('HTTP API over the real seed', () => {
  it('reports health with the store kind and counts', async () => {
    const r = await getJson(server.url, '/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, store: 'memory' });
    expect(r.body.entities).toBeGreaterThanOrEqual(7);
  });

  it('publishes the kind and relation-type registries', async () => {
    const r = await getJson(server.url, '/api/schema');
    expect(Object.keys(r.body.relationTypes)).toEqual(RELATION_TYPE_IDS);
    expect(r.body.relationTypes['allied-with']).toMatchObject({ symmetric: true, neo4jType: 'ALLIED_WITH' });
    expect(r.body.kinds.MilitantGroup.color).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('finds TTP by its English name and tells which name matched', async () => {
    const r = await getJson(server.url, '/api/search?q=pakistani%20taliban');
    expect(r.body.results[0]).toMatchObject({ id: 'ttp', kind: 'MilitantGroup', matched: 'Pakistani Taliban' });
  });

  it("serves TTP's neighbourhood as a graph graphology can read", async () => {
    const r = await getJson(server.url, '/api/entities/ttp/neighborhood?depth=1');
    expect(r.status).toBe(200);
    const g = Graph.from(r.body.graph, { multi: true });
    expect(g.hasNode('ttp')).toBe(true);
    expect(g.hasNode('afghan-taliban')).toBe(true);
    expect(r.body.counts.nodes).toBe(g.order);
    expect(r.body.truncated).toBe(false);
  });

  it('answers bad input with 400, the parameter name and the JSON error shape', async () => {
    const r = await getJson(server.url, '/api/entities/ttp/neighborhood?depth=9');
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('"depth"') });
    expect(r.body.error.details[0].param).toBe('depth');
    const t = await getJson(server.url, '/api/entities/ttp/neighborhood?types=befriends');
    expect(t.status).toBe(400);
    expect(t.body.error.message).toMatch(/types.*unknown relation type "befriends"/);
  });

  it('answers an unknown id and an unknown endpoint with 404 JSON', async () => {
    const r = await getJson(server.url, '/api/entities/nobody');
    expect(r.status).toBe(404);
    expect(r.body.error).toEqual({ code: 'NOT_FOUND', message: 'unknown entity "nobody"' });
    const p = await getJson(server.url, '/api/paths?from=ttp&to=nobody');
    expect(p.status).toBe(404);
    expect(p.body.error.message).toMatch(/parameter "to"/);
    const u = await getJson(server.url, '/api/nothing-here');
    expect(u.status).toBe(404);
    expect(u.body.error.code).toBe('NOT_FOUND');
  });

  it('refuses malformed JSON bodies without a stack trace', async () => {
    const res = await fetch(`${server.url}/api/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{oops',
    });
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(JSON.parse(text).error.code).toBe('BAD_REQUEST');
    expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('explains a path from the BLA to China hop by hop', async () => {
    const r = await getJson(server.url, '/api/paths?from=bla&to=china&k=2');
    expect(r.status).toBe(200);
    const first = r.body.paths[0];
    expect(first.nodes[0]).toBe('bla');
    expect(first.nodes.at(-1)).toBe('china');
    for (const hop of first.hops) {
      expect(hop.evidence.length).toBeGreaterThan(0);
      expect(hop.sentence).toMatch(/¶\d+/);
    }
  });

  it('serves the viewer at /', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/<div id="graph"/);
  });
});
