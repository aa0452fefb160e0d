import { describe, expect, it } from 'vitest';
import { concatChunks } from '../../src/interop/chunks';
import { bodyOf, EXPORT_FORMATS } from '../../src/interop/export';
import { exportGexfChunks } from '../../src/interop/export/gexf';
import { exportGraphmlChunks } from '../../src/interop/export/graphml';
import { CsvExportError, exportNeo4jCsv } from '../../src/interop/export/neo4j-csv';
import { zipStore } from '../../src/interop/zip';
import type { GraphJson } from '../../src/model';
import { useGeneratedStore } from '../store/generated-store';
import { seedGraph, trickyGraph } from './graphs';
import { referenceGexf } from './reference/gexf';
import { referenceGraphml } from './reference/graphml';
import { referenceNeo4jCsv } from './reference/neo4j-csv';

/**
 * The exporters write element by element into buffers; what they write must be exactly what the
 * whole-document exporters wrote (tests/interop/reference: graphology-gexf's writer for GEXF, the
 * previous GraphML and CSV code), on the real seed, on a generated graph and on values chosen to
 * break writers: XML's special characters, tabs and line breaks, text outside ASCII (including
 * characters outside the BMP), empty lists, missing optional fields, numbers of every GEXF type.
 */

const generated = useGeneratedStore(11);
const copy = (json: GraphJson): GraphJson => structuredClone(json);

/** The tricky graph with worse values: every place a writer escapes, quotes, skips or types. */
async function awkwardGraph(): Promise<GraphJson> {
  const json = copy(await trickyGraph());
  const node = (key: string) =>
    json.nodes.find((n) => n.key === key)!.attributes! as unknown as Record<string, unknown>;
  const edge = (i: number) => json.edges[i]!.attributes! as unknown as Record<string, unknown>;
  Object.assign(node('alpha'), {
    name: 'A & B <C> "D" \'E\'\ttab\r\nCRLF ]]> &amp',
    description: 'control \u0001 and \u000b, emoji 🚩, Urdu تحریک طالبان',
  });
  Object.assign(node('betaland'), { aliases: [], demonyms: [], score: 1.5, big: 2 ** 40, mixed: 7, negative: -3 });
  Object.assign(node('city'), { score: 3, mixed: 'seven', negative: 0, name: 'Kōhāt «کوہاٹ»' });
  delete node('plan').description;
  delete node('op').until;
  Object.assign(edge(0), { note: 'x < y & z > w "quoted"\n', credibility: 3 });
  Object.assign(edge(1), { weightish: 0.1 + 0.2, evidence: [] });
  delete edge(2).credibility;
  json.attributes = {
    sources: [
      ...(json.attributes?.sources ?? []),
      { id: 'src-ü', title: 'Title <&> "q"', authors: ['Ünal'], published: '2024', file: 'u.txt' },
    ],
  };
  return json;
}

/** The awkward graph with every string list list-safe, so GEXF writes them as liststring, not JSON. */
async function listSafeGraph(): Promise<GraphJson> {
  const json = await awkwardGraph();
  for (const n of json.nodes)
    n.attributes!.aliases = n.attributes!.aliases.length === 0 ? [] : ['AT&T <x>', 'تحریک', `Alias ${n.key}`];
  for (const e of json.edges) e.attributes!.assertedBy = e.attributes!.assertedBy.map((a) => `${a}&co`);
  return json;
}

const empty = async (): Promise<GraphJson> => ({
  ...copy(await trickyGraph()),
  nodes: [],
  edges: [],
  attributes: { sources: [] },
});
const nodesOnly = async (): Promise<GraphJson> => ({ ...copy(await trickyGraph()), edges: [] });

const graphs: [string, () => Promise<GraphJson>][] = [
  ['the seed graph', seedGraph],
  ['a generated graph of 400 entities', () => generated().graph()],
  ['the tricky graph', trickyGraph],
  ['a graph of awkward values', awkwardGraph],
  ['a graph whose string lists are all list-safe', listSafeGraph],
  ['a graph without relations', nodesOnly],
  ['an empty graph', empty],
];

const csvText = (files: { name: string; chunks: Buffer[] }[]) =>
  files.map((f) => ({ name: f.name, text: Buffer.concat(f.chunks).toString('utf8') }));

describe.each(graphs)('the streaming exporters on %s', (_label, load) => {
  it('write the GEXF graphology-gexf writes, byte for byte', async () => {
    const json = await load();
    const reference = Buffer.from(referenceGexf(json), 'utf8');
    expect(concatChunks(exportGexfChunks(json)).equals(reference)).toBe(true);
    // Small chunks: the document is the same however it is cut.
    const small = [...exportGexfChunks(json, 256)];
    expect(Buffer.concat(small).equals(reference)).toBe(true);
    expect(small.length).toBeGreaterThan(1);
  });

  it('write the GraphML the whole-document exporter wrote, byte for byte', async () => {
    const json = await load();
    const reference = Buffer.from(referenceGraphml(json), 'utf8');
    expect(concatChunks(exportGraphmlChunks(json)).equals(reference)).toBe(true);
    expect(Buffer.concat([...exportGraphmlChunks(json, 256)]).equals(reference)).toBe(true);
  });

  it('write the neo4j-admin CSV files the whole-document exporter wrote, byte for byte, and zip them the same', async () => {
    const json = await load();
    const reference = referenceNeo4jCsv(json);
    const files = exportNeo4jCsv(json);
    expect(csvText(files)).toEqual(reference.map((f) => ({ name: f.name, text: f.content })));
    expect(csvText(exportNeo4jCsv(json, 256))).toEqual(csvText(files));
    // The HTTP body: the same archive as zipping the reference's texts.
    const body = concatChunks(bodyOf(EXPORT_FORMATS.csv.render(json)));
    expect(body.equals(zipStore(reference))).toBe(true);
  });
});

describe('the streaming exporters refuse what the whole-document ones refused', () => {
  it('names a list value holding the array delimiter, as before, and writes nothing', async () => {
    const json = copy(await trickyGraph());
    json.edges.find((e) => e.key === 'betaland--carried-out--op')!.attributes!.assertedBy = ['a;b'];
    expect(() => referenceNeo4jCsv(json)).toThrow(/relation betaland--carried-out--op: assertedBy value "a;b"/);
    expect(() => exportNeo4jCsv(json)).toThrow(CsvExportError);
    expect(() => exportNeo4jCsv(json)).toThrow(
      /relation betaland--carried-out--op: assertedBy value "a;b" contains ";"/,
    );
  });
});
