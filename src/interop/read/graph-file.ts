import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import type { Source } from '../../model';
import type { GraphJson } from '../../model';
import { FlatFormatError, unflattenEdge, unflattenNode } from '../flat-attributes';
import { jsonFromParts } from '../graph-json';

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
