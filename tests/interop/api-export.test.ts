import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportGexfChunks } from '../../src/interop/export/gexf';
import { exportStixChunks } from '../../src/interop/export/stix';
import { loadKnowledgeBaseOrThrow } from '../../src/seed/load';
import { MemoryStore } from '../../src/store/memory';
import { SEED_DIR } from '../support/paths';
import { useGeneratedStore } from '../store/generated-store';
import { TRICKY_KB } from './graphs';
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
    expect(Object.keys(files).sort()).toEqual([
      'IMPORT.txt',
      'entities.csv',
      'relations.csv',
      'sources.csv',
      'supports.csv',
    ]);
    expect(files['entities.csv']!.split('\n')[0]).toMatch(
      /^id:ID\(Entity\),:LABEL,kind:string,name:string,aliases:string\[\]/,
    );
  });

  it('answers 400 naming the parameter for an unknown format', async () => {
    const r = await getJson(server.url, '/api/graph?format=xlsx');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('BAD_REQUEST');
    expect(r.body.error.message).toMatch(/^invalid parameter "format"/);
  });
});

describe('GET /api/graph?format= streams the export', () => {
  const generated = useGeneratedStore(5);

  it("sends exactly the exporter's bytes, the filters applied", async () => {
    const res = await fetch(`${server.url}/api/graph?format=gexf&types=targets,allied-with`);
    expect(res.status).toBe(200);
    const expected = Buffer.concat([
      ...exportGexfChunks(await server.store.graph({ types: ['targets', 'allied-with'] })),
    ]);
    expect(Buffer.from(await res.arrayBuffer()).equals(expected)).toBe(true);
  });

  it('sends a body of several chunks whole and in order, to a client that reads it all', async () => {
    const big = await startTestServer(generated());
    try {
      const expected = Buffer.concat([...exportStixChunks(await generated().graph())]);
      expect(expected.length).toBeGreaterThan(1 << 20); // two chunks or more
      const res = await fetch(`${big.url}/api/graph?format=stix`);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(expected)).toBe(true);
    } finally {
      await big.close();
    }
  });

  it('answers 422 with the reason, not a cut-off download, when the CSV format refuses a value', async () => {
    const kb = structuredClone(TRICKY_KB);
    kb.entities[1]!.aliases = ['Isla;mabad'];
    const refusing = await startTestServer(new MemoryStore(kb));
    try {
      const r = await getJson(refusing.url, '/api/graph?format=csv');
      expect(r.status).toBe(422);
      expect(r.headers.get('content-disposition')).toBeNull();
      expect(r.body.error.code).toBe('EXPORT_FAILED');
      expect(r.body.error.message).toMatch(/entity betaland: aliases value "Isla;mabad" contains ";"/);
    } finally {
      await refusing.close();
    }
  });
});
