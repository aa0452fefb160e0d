import { edgeDisplay, flatten, nodeDisplay, type FlatAttributes } from '../../../src/interop/flat-attributes';
import type { GraphJson } from '../../../src/model';

/**
 * REFERENCE, for tests only: the exporter as it was before it wrote element by element (commit
 * 33ed7d3), kept unchanged so tests can hold the streaming exporter's bytes equal to it. It builds
 * the whole document in memory; never use it for real exports.
 */

/**
 * GraphML for Gephi, yEd and NetworkX. GraphML has no list type, so lists and objects are JSON
 * text (see flat-attributes.ts). Colours are written as the integer `r`, `g`, `b` keys Gephi reads
 * (graphology-graphml turns them back into a `color`), `label` is the name or relation label and
 * edge `weight` the number of citations. The sources list is a graph-level `sources` attribute.
 */
export function referenceGraphml(json: GraphJson): string {
  const nodes = json.nodes.map((n) => ({
    id: n.key,
    data: withRgb({ ...flatten(n.attributes ?? {}, 'all'), ...nodeDisplay(n.attributes!) }),
  }));
  const edges = json.edges.map((e, i) => ({
    id: e.key ?? `e${i}`,
    source: e.source,
    target: e.target,
    data: withRgb({ ...flatten(e.attributes ?? {}, 'all'), ...edgeDisplay(e.attributes!) }),
  }));
  const nodeKeys = declareKeys(nodes.map((n) => n.data));
  const edgeKeys = declareKeys(edges.map((e) => e.data));

  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    '  <key id="g_sources" for="graph" attr.name="sources" attr.type="string"/>',
  ];
  for (const [name, type] of nodeKeys)
    out.push(`  <key id="n_${xmlEscape(name)}" for="node" attr.name="${xmlEscape(name)}" attr.type="${type}"/>`);
  for (const [name, type] of edgeKeys)
    out.push(`  <key id="e_${xmlEscape(name)}" for="edge" attr.name="${xmlEscape(name)}" attr.type="${type}"/>`);
  out.push('  <graph id="ct-actor-graph" edgedefault="directed">');
  out.push(`    <data key="g_sources">${xmlEscape(JSON.stringify(json.attributes?.sources ?? []))}</data>`);
  for (const n of nodes) {
    out.push(`    <node id="${xmlEscape(n.id)}">`);
    for (const [name, value] of Object.entries(n.data))
      out.push(`      <data key="n_${xmlEscape(name)}">${xmlEscape(String(value))}</data>`);
    out.push('    </node>');
  }
  for (const e of edges) {
    out.push(`    <edge id="${xmlEscape(e.id)}" source="${xmlEscape(e.source)}" target="${xmlEscape(e.target)}">`);
    for (const [name, value] of Object.entries(e.data))
      out.push(`      <data key="e_${xmlEscape(name)}">${xmlEscape(String(value))}</data>`);
    out.push('    </edge>');
  }
  out.push('  </graph>', '</graphml>', '');
  return out.join('\n');
}

/** Replaces a hex `color` by the r, g, b integers Gephi's GraphML importer understands. */
function withRgb(data: FlatAttributes): FlatAttributes {
  const { color, ...rest } = data;
  const m = typeof color === 'string' ? /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color) : null;
  if (!m) return data;
  return { ...rest, r: parseInt(m[1]!, 16), g: parseInt(m[2]!, 16), b: parseInt(m[3]!, 16) };
}

/** Every attribute name with its GraphML type: int when every value is an integer, double for other numbers. */
function declareKeys(rows: FlatAttributes[]): Map<string, 'string' | 'int' | 'double'> {
  const keys = new Map<string, 'string' | 'int' | 'double'>();
  for (const row of rows) {
    for (const [name, value] of Object.entries(row)) {
      const type = typeof value === 'number' ? (Number.isInteger(value) ? 'int' : 'double') : 'string';
      const prev = keys.get(name);
      if (!prev) keys.set(name, type);
      else if (prev !== type) keys.set(name, prev === 'string' || type === 'string' ? 'string' : 'double');
    }
  }
  return keys;
}

/** src/interop/xml.ts's xmlEscape as it was, so a change there cannot change the reference too. */
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
function xmlEscape(value: string): string {
  return value
    .replace(INVALID_XML_CHARS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
