import { CHUNK_SIZE, chunked } from '../chunks';
import { edgeDisplay, flatten, nodeDisplay, type FlatAttributes } from '../flat-attributes';
import { xmlEscape } from '../xml';
import type { EntityAttributes, RelationAttributes } from '../../model';
import type { GraphJson } from '../../model';

/**
 * GraphML for Gephi, yEd and NetworkX. GraphML has no list type, so lists and objects are JSON
 * text (see flat-attributes.ts). Colours are written as the integer `r`, `g`, `b` keys Gephi reads
 * (graphology-graphml turns them back into a `color`), `label` is the name or relation label and
 * edge `weight` the number of citations. The sources list is a graph-level `sources` attribute.
 *
 * Written element by element in two passes (the first declares every key with its type), so a
 * large graph never exists as one string.
 */
export function exportGraphmlChunks(json: GraphJson, chunkSize = CHUNK_SIZE): Generator<Buffer, void, undefined> {
  return chunked(graphmlPieces(json), chunkSize);
}

const nodeData = (a: EntityAttributes): FlatAttributes => withRgb({ ...flatten(a, 'all'), ...nodeDisplay(a) });
const edgeData = (a: RelationAttributes): FlatAttributes => withRgb({ ...flatten(a, 'all'), ...edgeDisplay(a) });

function* graphmlPieces(json: GraphJson): Generator<string, void, undefined> {
  const nodeKeys = declareKeys(json.nodes, (n) => nodeData(n.attributes!));
  const edgeKeys = declareKeys(json.edges, (e) => edgeData(e.attributes!));

  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n';
  yield '  <key id="g_sources" for="graph" attr.name="sources" attr.type="string"/>\n';
  for (const [name, type] of nodeKeys)
    yield `  <key id="n_${xmlEscape(name)}" for="node" attr.name="${xmlEscape(name)}" attr.type="${type}"/>\n`;
  for (const [name, type] of edgeKeys)
    yield `  <key id="e_${xmlEscape(name)}" for="edge" attr.name="${xmlEscape(name)}" attr.type="${type}"/>\n`;
  yield '  <graph id="ct-actor-graph" edgedefault="directed">\n';
  yield `    <data key="g_sources">${xmlEscape(JSON.stringify(json.attributes?.sources ?? []))}</data>\n`;
  for (const n of json.nodes)
    yield `    <node id="${xmlEscape(n.key)}">\n${dataLines('n', nodeData(n.attributes!))}    </node>\n`;
  for (let i = 0; i < json.edges.length; i++) {
    const e = json.edges[i]!;
    yield `    <edge id="${xmlEscape(e.key ?? `e${i}`)}" source="${xmlEscape(e.source)}" target="${xmlEscape(e.target)}">\n${dataLines('e', edgeData(e.attributes!))}    </edge>\n`;
  }
  yield '  </graph>\n</graphml>\n';
}

function dataLines(prefix: 'n' | 'e', data: FlatAttributes): string {
  let out = '';
  for (const [name, value] of Object.entries(data))
    out += `      <data key="${prefix}_${xmlEscape(name)}">${xmlEscape(String(value))}</data>\n`;
  return out;
}

/** Replaces a hex `color` by the r, g, b integers Gephi's GraphML importer understands. */
function withRgb(data: FlatAttributes): FlatAttributes {
  const { color, ...rest } = data;
  const m = typeof color === 'string' ? /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color) : null;
  if (!m) return data;
  return { ...rest, r: parseInt(m[1]!, 16), g: parseInt(m[2]!, 16), b: parseInt(m[3]!, 16) };
}

/** Every attribute name with its GraphML type: int when every value is an integer, double for other numbers. */
function declareKeys<T>(
  items: readonly T[],
  data: (item: T) => FlatAttributes,
): Map<string, 'string' | 'int' | 'double'> {
  const keys = new Map<string, 'string' | 'int' | 'double'>();
  for (const item of items) {
    for (const [name, value] of Object.entries(data(item))) {
      const type = typeof value === 'number' ? (Number.isInteger(value) ? 'int' : 'double') : 'string';
      const prev = keys.get(name);
      if (!prev) keys.set(name, type);
      else if (prev !== type) keys.set(name, prev === 'string' || type === 'string' ? 'string' : 'double');
    }
  }
  return keys;
}
