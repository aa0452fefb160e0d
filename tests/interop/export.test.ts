import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { afterAll, describe, expect, it } from 'vitest';
import { ENTITY_KINDS, neo4jRelationshipType, RELATION_TYPES, type RelationType } from '../../src/model';
import { exportBody } from '../../src/interop/export';
import { exportGexfChunks } from '../../src/interop/export/gexf';
import { exportGraphmlChunks } from '../../src/interop/export/graphml';
import { ARRAY_DELIMITER, exportNeo4jCsv } from '../../src/interop/export/neo4j-csv';
import {
  exportStix,
  exportStixChunks,
  STIX_NAMESPACE,
  stixEntityId,
  stixRelationshipId,
  stixReportId,
  type StixObject,
} from '../../src/interop/export/stix';
import { readGraphFile } from './read-graph-file';
import { v5 as uuidv5 } from 'uuid';
import { zipChunks } from '../../src/interop/zip';
import type { GraphJson } from '../../src/model';
import { seedGraph, trickyGraph } from './graphs';
import { parseHeader } from './neo4j-csv-rules';
import { HAVE_PYTHON, pythonReadCsv, pythonReadZip } from './python';
import { validateStixBundle } from './stix-validator';

const tmp = mkdtempSync(path.join(tmpdir(), 'kg-export-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const exportGexf = (json: GraphJson) => Buffer.concat([...exportGexfChunks(json)]).toString('utf8');
const exportGraphml = (json: GraphJson) => Buffer.concat([...exportGraphmlChunks(json)]).toString('utf8');
const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8');

const graphs: [string, () => Promise<GraphJson>][] = [
  ['the seed graph', seedGraph],
  ['a graph with commas, quotes, newlines and parallel claims', trickyGraph],
];

describe.each(graphs)('exports of %s', (_label, load) => {
  it('round-trips through JSON, GEXF and GraphML unchanged', async () => {
    const json = await load();
    expect(readGraphFile('json', Buffer.concat([...exportBody('json', json)]).toString('utf8'))).toEqual(json);
    expect(readGraphFile('gexf', exportGexf(json))).toEqual(json);
    expect(readGraphFile('graphml', exportGraphml(json))).toEqual(json);
  });

  it('writes GEXF 1.3 that graphology-gexf parses with labels, registry colours and typed attributes', async () => {
    const json = await load();
    const text = exportGexf(json);
    expect(text).toContain('<gexf version="1.3" xmlns="http://gexf.net/1.3"');
    const g = parseGexf(Graph, text);
    expect(g.order).toBe(json.nodes.length);
    expect(g.size).toBe(json.edges.length);
    for (const n of json.nodes) {
      const a = g.getNodeAttributes(n.key);
      expect(a.label).toBe(n.attributes!.name);
      expect(a.kind).toBe(n.attributes!.kind);
      expect(a.color).toBe(ENTITY_KINDS[n.attributes!.kind].color);
    }
    for (const e of json.edges) {
      const a = g.getEdgeAttributes(e.key!);
      expect(g.source(e.key!)).toBe(e.source);
      expect(a.type).toBe(e.attributes!.type);
      expect(a.status).toBe(e.attributes!.status);
      expect(a.color).toBe(RELATION_TYPES[e.attributes!.type as RelationType].color);
      expect(a.weight).toBe(e.attributes!.evidence.length);
      if (e.attributes!.since) expect(a.since).toBe(e.attributes!.since);
    }
    // Gephi reads declared types: credibility is a number, not text.
    if (json.edges.some((e) => e.attributes!.credibility !== undefined))
      expect(text).toMatch(/<attribute id="credibility" title="credibility" type="integer"/);
  });

  it('writes GraphML that graphology-graphml parses, with r/g/b colours Gephi reads', async () => {
    const json = await load();
    const g = parseGraphml(Graph, exportGraphml(json));
    expect(g.type).toBe('directed');
    expect(g.order).toBe(json.nodes.length);
    expect(g.size).toBe(json.edges.length);
    for (const n of json.nodes) {
      expect(g.getNodeAttribute(n.key, 'color')).toBe(ENTITY_KINDS[n.attributes!.kind].color);
      expect(g.getNodeAttribute(n.key, 'label')).toBe(n.attributes!.name);
      expect(JSON.parse(g.getNodeAttribute(n.key, 'aliases') ?? '[]')).toEqual(n.attributes!.aliases);
    }
  });

  it.skipIf(!HAVE_PYTHON)(
    'writes neo4j-admin CSV that follows the header rules and holds every entity and relation',
    async () => {
      const json = await load();
      const files = exportNeo4jCsv(json);
      const dir = mkdtempSync(path.join(tmp, 'csv-'));
      for (const f of files) writeFileSync(path.join(dir, f.name), Buffer.concat(f.chunks));
      const read = (name: string) => pythonReadCsv(path.join(dir, name));

      const entities = read('entities.csv');
      const entityHeader = parseHeader(entities[0]!, 'nodes');
      expect(entityHeader.errors).toEqual([]);
      const col = (header: typeof entityHeader, name: string) =>
        header.fields.findIndex((h) => h.name === name || h.role === name);
      expect(entities.length - 1).toBe(json.nodes.length);
      for (const row of entities.slice(1)) {
        expect(row).toHaveLength(entityHeader.fields.length);
        const node = json.nodes.find((n) => n.key === row[col(entityHeader, 'ID')])!;
        expect(node).toBeDefined();
        expect(row[col(entityHeader, 'LABEL')]!.split(ARRAY_DELIMITER)).toEqual(['Entity', node.attributes!.kind]);
        expect(row[col(entityHeader, 'name')]).toBe(node.attributes!.name);
        expect(row[col(entityHeader, 'description')]).toBe(node.attributes!.description);
        const aliases = row[col(entityHeader, 'aliases')]!;
        expect(aliases === '' ? [] : aliases.split(ARRAY_DELIMITER)).toEqual(node.attributes!.aliases);
      }

      const relations = read('relations.csv');
      const relHeader = parseHeader(relations[0]!, 'relationships');
      expect(relHeader.errors).toEqual([]);
      expect(relHeader.fields.find((h) => h.role === 'START_ID')!.group).toBe(
        entityHeader.fields.find((h) => h.role === 'ID')!.group,
      );
      expect(relations.length - 1).toBe(json.edges.length);
      for (const row of relations.slice(1)) {
        expect(row).toHaveLength(relHeader.fields.length);
        const edge = json.edges.find((e) => e.key === row[col(relHeader, 'key')])!;
        expect(row[col(relHeader, 'START_ID')]).toBe(edge.source);
        expect(row[col(relHeader, 'END_ID')]).toBe(edge.target);
        expect(row[col(relHeader, 'TYPE')]).toBe(neo4jRelationshipType(edge.attributes!.type as RelationType));
        expect(JSON.parse(row[col(relHeader, 'evidence')]!)).toEqual(edge.attributes!.evidence);
        // A property no row has gets no column; an empty field means "no property" to neo4j-admin.
        const cellOf = (name: string) => (col(relHeader, name) < 0 ? '' : row[col(relHeader, name)]!);
        const credibility = cellOf('credibility');
        if (edge.attributes!.credibility === undefined) expect(credibility).toBe('');
        else {
          expect(relHeader.fields[col(relHeader, 'credibility')]!.type).toBe('int');
          expect(Number.parseInt(credibility, 10)).toBe(edge.attributes!.credibility);
        }
        expect(cellOf('note')).toBe(edge.attributes!.note ?? '');
      }

      const sources = read('sources.csv');
      expect(parseHeader(sources[0]!, 'nodes').errors).toEqual([]);
      expect(sources.slice(1).map((r) => r[0])).toEqual((json.attributes?.sources ?? []).map((s) => s.id));

      const supports = read('supports.csv');
      expect(parseHeader(supports[0]!, 'relationships').errors).toEqual([]);
      const cited = new Set(
        json.nodes.flatMap((n) =>
          [...n.attributes!.facts, ...n.attributes!.mentions].map((c) => `${c.source}>${n.key}`),
        ),
      );
      expect(new Set(supports.slice(1).map((r) => `${r[0]}>${r[1]}`))).toEqual(cited);

      // The zip the API serves holds the same files, with valid CRCs.
      const zipFile = path.join(dir, 'export.zip');
      writeFileSync(zipFile, Buffer.concat([...zipChunks(files)]));
      expect(pythonReadZip(zipFile)).toEqual(Object.fromEntries(files.map((f) => [f.name, text(f.chunks)])));
    },
  );

  it('writes a STIX 2.1 bundle that passes a structural check and is identical on re-export', async () => {
    const json = await load();
    const bundle = exportStix(json);
    expect(validateStixBundle(bundle)).toEqual([]);
    expect(JSON.stringify(exportStix(await load()))).toBe(JSON.stringify(bundle));
    // The bytes are written object by object (the text of a large bundle outgrows a V8 string):
    // exactly the bundle stringified with two-space indents; the bundle id hashes the objects as
    // one stringify of them would.
    expect(Buffer.concat([...exportStixChunks(json)]).toString('utf8')).toBe(`${JSON.stringify(bundle, null, 2)}\n`);
    expect(bundle.id).toBe(
      `bundle--${uuidv5(`bundle:${createHash('sha256').update(JSON.stringify(bundle.objects)).digest('hex')}`, STIX_NAMESPACE)}`,
    );
    expect(
      Buffer.concat([...exportStixChunks({ ...json, nodes: [], edges: [], attributes: { sources: [] } })]).toString(
        'utf8',
      ),
    ).toBe(`${JSON.stringify(exportStix({ ...json, nodes: [], edges: [], attributes: { sources: [] } }), null, 2)}\n`);
    const byKgId = new Map(
      bundle.objects.filter((o) => o.x_kg_id && o.type !== 'report').map((o) => [o.x_kg_id as string, o]),
    );
    const byKey = new Map(
      bundle.objects.filter((o) => o.type === 'relationship').map((o) => [o.x_kg_key as string, o]),
    );
    expect(byKgId.size).toBe(json.nodes.length);
    expect(byKey.size).toBe(json.edges.length);
    for (const n of json.nodes) {
      const o = byKgId.get(n.key)!;
      const expected =
        {
          MilitantGroup: 'threat-actor',
          Place: 'location',
          Operation: 'campaign',
          Event: 'campaign',
          Policy: 'course-of-action',
          Project: 'infrastructure',
        }[n.attributes!.kind as string] ?? 'identity';
      expect(o.type).toBe(expected);
      expect(o.name).toBe(n.attributes!.name);
    }
    for (const e of json.edges) {
      const o = byKey.get(e.key!)!;
      const a = e.attributes!;
      const reversed = a.type === 'carried-out';
      expect(o.source_ref).toBe(byKgId.get(reversed ? e.target : e.source)!.id);
      expect(o.target_ref).toBe(byKgId.get(reversed ? e.source : e.target)!.id);
      expect(o.relationship_type).toBe(
        { targets: 'targets', 'located-in': 'located-at', 'carried-out': 'attributed-to' }[a.type as string] ?? a.type,
      );
      expect(o.x_kg_status).toBe(a.status);
      if (a.since) expect(String(o.start_time).slice(0, 4)).toBe(a.since.slice(0, 4));
      if (a.credibility !== undefined && a.credibility < 6)
        expect(o.confidence).toBe({ 1: 90, 2: 70, 3: 50, 4: 30, 5: 10 }[a.credibility]);
      if (a.credibility === 6) expect(o.confidence).toBeUndefined();
    }
    // Each source's report points at every relationship citing it.
    for (const s of json.attributes?.sources ?? []) {
      const citing = json.edges
        .filter((e) => e.attributes!.evidence.some((c) => c.source === s.id))
        .map((e) => byKey.get(e.key!)!.id);
      const report = bundle.objects.find((o) => o.type === 'report' && o.x_kg_id === s.id) as StixObject | undefined;
      if (citing.length > 0) expect(report?.object_refs).toEqual(expect.arrayContaining(citing));
    }
  });
});

describe('STIX ids and places', () => {
  it('keeps the STIX ids of earlier exports (UUIDv5 in the project namespace, made by uuid)', () => {
    expect(stixEntityId('MilitantGroup', 'ttp')).toBe('threat-actor--8a2f574d-6461-5949-aec7-099e0c659832');
    expect(stixRelationshipId('a--b')).toBe('relationship--81801c79-b814-54be-800d-f4bfa1850ca1');
    expect(stixReportId('ali-2024')).toBe('report--6568ffa6-1768-5c7b-abe3-04bb6a978392');
  });

  it('places a location in its country through located-in, and says so when it had to assume a region', async () => {
    const bundle = exportStix(await trickyGraph());
    const place = (id: string) => bundle.objects.find((o) => o.x_kg_id === id)!;
    expect(place('city').country).toBe('PK');
    expect(place('far-place')).toMatchObject({ region: 'southern-asia', x_kg_region_assumed: true });
  });

  it('refuses a list value that contains the neo4j-admin array delimiter, naming it', async () => {
    const json = structuredClone(await trickyGraph()); // the store hands out frozen attributes
    json.nodes[0]!.attributes!.aliases = ['a;b'];
    expect(() => exportNeo4jCsv(json)).toThrow(/entity alpha: aliases value "a;b" contains ";"/);
  });
});
