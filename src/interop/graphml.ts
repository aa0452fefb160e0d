import { xmlEscape } from './xml';

/**
 * The one GraphML writer, for `kg export`/the API and the viewer's download (a pure module the
 * viewer bundles). Callers pass scalars; each attribute's key takes the type all its values fit.
 */
type GraphmlValue = string | number | boolean;
export type GraphmlData = Readonly<Record<string, GraphmlValue>>;

/** `nodes` and `edges` are called once per pass (keys are declared first, then elements written): no whole-graph copy is held. */
type GraphmlDocument = {
  graph?: GraphmlData;
  nodes: () => Iterable<{ id: string; data: GraphmlData }>;
  edges: () => Iterable<{ id: string; source: string; target: string; data: GraphmlData }>;
};

type KeyType = 'string' | 'int' | 'double' | 'boolean';

/** The document as text pieces, element by element (the caller joins them or turns them into buffers). */
export function* graphmlPieces(doc: GraphmlDocument): Generator<string, void, undefined> {
  const graph = doc.graph ?? {};
  const keys: [string, string, Map<string, KeyType>][] = [
    ['g', 'graph', declareKeys([{ data: graph }])],
    ['n', 'node', declareKeys(doc.nodes())],
    ['e', 'edge', declareKeys(doc.edges())],
  ];
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n';
  for (const [prefix, domain, declared] of keys)
    for (const [name, type] of declared)
      yield `  <key id="${prefix}_${xmlEscape(name)}" for="${domain}" attr.name="${xmlEscape(name)}" attr.type="${type}"/>\n`;
  yield '  <graph id="ct-actor-graph" edgedefault="directed">\n';
  yield dataLines('g', graph, '    ');
  for (const n of doc.nodes())
    yield `    <node id="${xmlEscape(n.id)}">\n${dataLines('n', n.data, '      ')}    </node>\n`;
  for (const e of doc.edges())
    yield `    <edge id="${xmlEscape(e.id)}" source="${xmlEscape(e.source)}" target="${xmlEscape(e.target)}">\n${dataLines('e', e.data, '      ')}    </edge>\n`;
  yield '  </graph>\n</graphml>\n';
}

function dataLines(prefix: string, data: GraphmlData, indent: string): string {
  let out = '';
  for (const [name, value] of Object.entries(data))
    out += `${indent}<data key="${prefix}_${xmlEscape(name)}">${xmlEscape(String(value))}</data>\n`;
  return out;
}

function keyType(value: GraphmlValue): KeyType {
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'double';
  return typeof value === 'boolean' ? 'boolean' : 'string';
}

/** Every attribute name with the type all its values fit: int widens to double, other mixes to string. */
function declareKeys(elements: Iterable<{ data: GraphmlData }>): Map<string, KeyType> {
  const keys = new Map<string, KeyType>();
  for (const { data } of elements)
    for (const [name, value] of Object.entries(data)) {
      const type = keyType(value);
      const prev = keys.get(name) ?? type;
      const numbers = [prev, type].every((t) => t === 'int' || t === 'double');
      keys.set(name, prev === type ? type : numbers ? 'double' : 'string');
    }
  return keys;
}
