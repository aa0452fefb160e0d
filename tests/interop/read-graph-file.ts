import Graph, { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { STRING_LIST_FIELDS } from '../../src/interop/flat-attributes';
import {
  ENTITY_KINDS,
  RELATION_TYPES,
  type EntityAttributes,
  type EntityKind,
  type GraphAttributes,
  type GraphJson,
  type KnowledgeGraph,
  type RelationAttributes,
  type RelationType,
  type Source,
} from '../../src/model';

/**
 * For tests: reads a graph our exporters wrote (JSON, GEXF, GraphML) back into the serialised
 * form, undoing the flattening of src/interop/flat-attributes.ts, so a test can hold the round
 * trip export -> read to the same graph (no format loses data).
 */

const JSON_FIELDS = ['facts', 'mentions', 'evidence'];
/** Added for display; never part of the data. */
const DISPLAY_FIELDS = ['label', 'color', 'weight', 'kindLabel', 'cited', 'r', 'g', 'b'];

export type GraphFileFormat = 'json' | 'gexf' | 'graphml';

/** The format of a graph file from its name, or null when it is not one. */
export function graphFileFormat(file: string): GraphFileFormat | null {
  const m = /\.(json|gexf|graphml)$/i.exec(file);
  return m ? (m[1]!.toLowerCase() as GraphFileFormat) : null;
}

export class GraphFileError extends Error {
  override readonly name = 'GraphFileError';
}

/**
 * Reads a graph written by our exporters (JSON, GEXF, GraphML) back into the serialised form,
 * undoing the flattening: the round trip export -> read yields the same graph.
 */
export function readGraphFile(format: GraphFileFormat, text: string): GraphJson {
  try {
    if (format === 'json') return readJson(text);
    // Parsing into a mixed multigraph accepts whatever the file declares; we then check it.
    const parsed =
      format === 'gexf' ? parseGexf(Graph, text, { allowUndeclaredAttributes: false }) : parseGraphml(Graph, text);
    const sourcesText = parsed.getAttribute('sources');
    const sources = typeof sourcesText === 'string' && sourcesText.trim() ? (JSON.parse(sourcesText) as Source[]) : [];
    const nodes = parsed.mapNodes((key, a) => ({ key, attributes: unflattenNode(key, a) }));
    const edges = parsed.mapEdges((key, a, source, target, _sa, _ta, undirected) => {
      if (undirected) throw new GraphFileError(`edge ${key} is undirected; every relation has a direction`);
      return { key, source, target, attributes: unflattenEdge(key, a) };
    });
    return jsonFromParts(sources, nodes, edges);
  } catch (e) {
    if (e instanceof GraphFileError || e instanceof FlatFormatError) throw e;
    throw new GraphFileError(`not a readable ${format.toUpperCase()} graph: ${(e as Error).message.split('\n')[0]}`);
  }
}

function readJson(text: string): GraphJson {
  const data = JSON.parse(text) as GraphJson;
  if (!data || !Array.isArray(data.nodes) || !Array.isArray(data.edges))
    throw new GraphFileError('not a graphology serialisation: expected { nodes: [...], edges: [...] }');
  return jsonFromParts(
    data.attributes?.sources ?? [],
    data.nodes.map((n) => ({ key: String(n.key), attributes: n.attributes! })),
    data.edges.map((e, i) => ({
      key: String(e.key ?? `e${i}`),
      source: String(e.source),
      target: String(e.target),
      attributes: e.attributes!,
    })),
  );
}

/** The serialised form of a graph rebuilt by a reader, with the options the stores use. */
export function jsonFromParts(
  sources: GraphAttributes['sources'],
  nodes: { key: string; attributes: EntityAttributes }[],
  edges: { key: string; source: string; target: string; attributes: RelationAttributes }[],
): GraphJson {
  const graph: KnowledgeGraph = new MultiDirectedGraph<EntityAttributes, RelationAttributes, GraphAttributes>();
  graph.replaceAttributes({ sources });
  for (const n of nodes) graph.addNode(n.key, n.attributes);
  for (const e of edges) graph.addDirectedEdgeWithKey(e.key, e.source, e.target, e.attributes);
  return graph.export() as GraphJson;
}

class FlatFormatError extends Error {
  override readonly name = 'FlatFormatError';
}

function parseJsonField(owner: string, name: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new FlatFormatError(`${owner}: attribute "${name}" is not valid JSON text`);
  }
}

function stringList(owner: string, name: string, value: unknown): string[] {
  const parsed = Array.isArray(value) ? value : parseJsonField(owner, name, value);
  if (!Array.isArray(parsed)) throw new FlatFormatError(`${owner}: attribute "${name}" must be a list`);
  return parsed.map(String);
}

/** Reads flattened node attributes back into entity attributes (display attributes dropped). */
export function unflattenNode(key: string, flat: Record<string, unknown>): EntityAttributes {
  const owner = `node ${key}`;
  const out: Record<string, unknown> = { aliases: [], demonyms: [], facts: [], mentions: [] };
  for (const [name, value] of Object.entries(flat)) {
    if (DISPLAY_FIELDS.includes(name) || value === undefined || value === null || value === '') continue;
    if ((STRING_LIST_FIELDS as readonly string[]).includes(name)) out[name] = stringList(owner, name, value);
    else if (JSON_FIELDS.includes(name)) out[name] = parseJsonField(owner, name, value);
    else out[name] = name === 'since' || name === 'until' ? String(value) : value;
  }
  if (typeof out.kind !== 'string' || !(out.kind in ENTITY_KINDS))
    throw new FlatFormatError(`${owner}: missing or unknown kind "${String(out.kind)}"`);
  return out as unknown as EntityAttributes & { kind: EntityKind };
}

/** Reads flattened edge attributes back into relation attributes (display attributes dropped). */
export function unflattenEdge(key: string, flat: Record<string, unknown>): RelationAttributes {
  const owner = `edge ${key}`;
  const out: Record<string, unknown> = { assertedBy: [], evidence: [] };
  for (const [name, value] of Object.entries(flat)) {
    if (DISPLAY_FIELDS.includes(name) || value === undefined || value === null || value === '') continue;
    if ((STRING_LIST_FIELDS as readonly string[]).includes(name)) out[name] = stringList(owner, name, value);
    else if (JSON_FIELDS.includes(name)) out[name] = parseJsonField(owner, name, value);
    else if (name === 'credibility') out[name] = Number(value);
    else out[name] = name === 'since' || name === 'until' ? String(value) : value;
  }
  if (typeof out.type !== 'string' || !(out.type in RELATION_TYPES))
    throw new FlatFormatError(`${owner}: missing or unknown relation type "${String(out.type)}"`);
  return out as unknown as RelationAttributes & { type: RelationType };
}
