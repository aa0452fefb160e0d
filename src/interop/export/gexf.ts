import type { GraphJson } from '../../model';
import { CHUNK_SIZE, chunked } from '../chunks';
import { flatElements, type FlatAttributes, type FlatValue } from '../flat-attributes';
import { xmlEscape } from '../xml';

/**
 * GEXF 1.3 for Gephi: the bytes graphology-gexf 0.13 writes (typing, list syntax, layout), made element by element
 * in two passes, the first declaring each attribute's widest type. Built as one string by graphology-gexf it took
 * 296 s and 4.7 GB at 100k entities, against 25 s for this. The sources travel as JSON in `<meta><sources>`.
 */
export function exportGexfChunks(json: GraphJson, chunkSize = CHUNK_SIZE): Generator<Buffer, void, undefined> {
  return chunked(gexfPieces(json), chunkSize);
}

type GexfElement = { id: string; source?: string; target?: string; data: ReturnType<typeof gexfParts> };

function* gexfPieces(json: GraphJson): Generator<string, void, undefined> {
  const { nodes, edges } = flatElements(json, 'gexf', gexfParts);
  const [nodeModel, edgeModel] = [inferModel(nodes()), inferModel(edges())];
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<gexf version="1.3" xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd">';
  yield `\n  <meta>\n    <creator>ct-actor-graph</creator>\n    <description>Pakistan counterterrorism actor graph: entities, cited relations and their sources</description>\n    <sources>${xmlEscape(JSON.stringify(json.attributes?.sources ?? []))}</sources>\n  </meta>`;
  yield '\n  <graph defaultedgetype="directed">';
  yield declarations(nodeModel, 'node');
  yield declarations(edgeModel, 'edge');
  yield* elements('node', nodes(), nodeModel);
  yield* elements('edge', edges(), edgeModel);
  yield '\n  </graph>\n</gexf>';
}

/** What graphology-gexf's formatNode / formatEdge received: label, colour and weight apart from the data. */
function gexfParts(data: FlatAttributes) {
  const { label, color, weight, ...attributes } = data;
  return { label: String(label), color: String(color), weight, attributes };
}

function* elements(tag: 'node' | 'edge', items: Iterable<GexfElement>, model: Model) {
  const declared = Object.entries(model);
  let none = true;
  // One node or edge: ids, weight, label, its values (lists as `[a, b]`) and its registry colour (always #rrggbb).
  for (const { id, source = '', target = '', data: el } of items) {
    if (none) yield `\n    <${tag}s>`;
    none = false;
    let values = '';
    for (const [name, type] of declared) {
      const value = el.attributes[name];
      if (value === undefined || isEmpty(value)) continue;
      const text = type === 'liststring' ? `[${[value].flat().join(', ')}]` : String(value);
      values += `\n          <attvalue${attr('for', name)}${attr('value', text)}/>`;
    }
    const ids = attr('id', id) + attr('source', source) + attr('target', target);
    const attvalues = values ? `\n        <attvalues>${values}\n        </attvalues>` : '\n        <attvalues/>';
    yield `\n      <${tag}${ids}${attr('weight', String(el.weight ?? ''))}${attr('label', el.label)}>${declared.length > 0 ? attvalues : ''}\n        <viz:color${attr('hex', el.color)}/>\n      </${tag}>`;
  }
  yield none ? `\n    <${tag}s/>` : `\n    </${tag}s>`;
}

/** The GEXF types of flattened values, ranked as graphology-gexf ranks them (mixed: the lowest). */
const RANK = { liststring: 0, string: 1, double: 2, long: 3, integer: 4 } as const;
type GexfType = keyof typeof RANK;
/** Attribute name -> declared type, in the order the names first appear. */
type Model = Record<string, GexfType>;

/** Empty values are left out of the document, as graphology-gexf leaves them. */
const isEmpty = (value: FlatValue) =>
  value === '' || Number.isNaN(value) || (Array.isArray(value) && value.length === 0);

function valueType(value: FlatValue): GexfType {
  if (Array.isArray(value)) return 'liststring';
  if (typeof value === 'string') return 'string';
  // `value | 0` keeps 32 bits, so larger whole numbers are doubles (graphology-gexf's test, kept).
  if (value === (value | 0)) return value >= -0x7fffffff ? 'integer' : 'long';
  return 'double';
}

/** The first pass: every attribute any element has, with the type all its values fit. */
function inferModel(items: Iterable<GexfElement>): Model {
  const model: Model = {};
  for (const { data } of items)
    for (const [name, value] of Object.entries(data.attributes)) {
      const type = isEmpty(value) ? undefined : valueType(value);
      if (type && (!model[name] || RANK[type] < RANK[model[name]])) model[name] = type;
    }
  return model;
}

function declarations(model: Model, modelClass: 'node' | 'edge'): string {
  const lines = Object.entries(model).map(
    ([name, type]) => `\n      <attribute${attr('id', name)}${attr('title', name)}${attr('type', type)}/>`,
  );
  return lines.length === 0 ? '' : `\n    <attributes class="${modelClass}">${lines.join('')}\n    </attributes>`;
}

/** An attribute, skipped when empty (as graphology-gexf does). */
const attr = (name: string, value: string) => (value ? ` ${name}="${xmlEscape(value)}"` : '');
