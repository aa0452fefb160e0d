import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBaseOrThrow } from '../../src/seed/load';
import { MemoryStore } from '../../src/store/memory';
import { SEED_DIR } from '../support/paths';
import { getJson, startTestServer } from '../support/server';
import { HAVE_PYTHON, pythonReadZip } from './python';
import { validateStixBundle } from './stix-validator';

let server: Awaited<ReturnType<typeof startTestServer>>;
const tmp = mkdtempSync(path.join(tmpdir(), 'kg-api-export-'));
beforeAll(async () => {
  server = await startTestServer(new MemoryStore(loadKnowledgeBaseOrThrow(SEED_DIR).kb));
});
afterAll(async () => {
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('GET /api/graph?format=', () => {
  it('serves GEXF as a download that graphology-gexf reads, honouring the filters', async () => {
    const all = (await getJson(server.url, '/api/graph')).body;
    const res = await fetch(`${server.url}/api/graph?format=gexf&types=targets`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/gexf\+xml/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="?ct-actor-graph\.gexf"?/);
    const g = parseGexf(Graph, await res.text());
    const targets = all.edges.filter((e: { attributes: { type: string } }) => e.attributes.type === 'targets');
    expect(targets.length).toBeGreaterThan(0);
    expect(g.size).toBe(targets.length);
    g.forEachEdge((_e, a) => expect(a.type).toBe('targets'));
  });

  it('serves a STIX 2.1 bundle that passes the structural check', async () => {
    const res = await fetch(`${server.url}/api/graph?format=stix`);
    expect(res.headers.get('content-type')).toMatch(/^application\/stix\+json/);
    expect(validateStixBundle(await res.json())).toEqual([]);
  });

  it.skipIf(!HAVE_PYTHON)('serves the neo4j-admin CSV files as a zip', async () => {
    const res = await fetch(`${server.url}/api/graph?format=csv`);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const file = path.join(tmp, 'graph.zip');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const files = pythonReadZip(file);
    expect(Object.keys(files).sort()).toEqual(['IMPORT.txt', 'entities.csv', 'relations.csv', 'sources.csv', 'supports.csv']);
    expect(files['entities.csv']!.split('\n')[0]).toMatch(/^id:ID\(Entity\),:LABEL,kind:string,name:string,aliases:string\[\]/);
  });

  it('answers 400 naming the parameter for an unknown format', async () => {
    const r = await getJson(server.url, '/api/graph?format=xlsx');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('BAD_REQUEST');
    expect(r.body.error.message).toMatch(/^invalid parameter "format"/);
  });
});
