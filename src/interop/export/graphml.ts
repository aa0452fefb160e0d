import type { EntityAttributes, GraphJson, RelationAttributes } from '../../model';
import { CHUNK_SIZE, chunked } from '../chunks';
import { edgeDisplay, flatten, nodeDisplay, type FlatAttributes } from '../flat-attributes';
import { graphmlPieces } from '../graphml';

/**
 * GraphML for Gephi, yEd and NetworkX: lists and objects as JSON text (see flat-attributes.ts),
 * colours as the integer `r`, `g`, `b` keys Gephi reads (graphology-graphml turns them back into a
 * `color`), `label` the name or relation label, edge `weight` the number of citations, and the
 * sources list as a graph-level `sources` attribute. Made while it is read, in buffers.
 */
export function exportGraphmlChunks(json: GraphJson, chunkSize = CHUNK_SIZE): Generator<Buffer, void, undefined> {
  return chunked(
    graphmlPieces({
      graph: { sources: JSON.stringify(json.attributes?.sources ?? []) },
      nodes: function* () {
        for (const n of json.nodes) yield { id: n.key, data: nodeData(n.attributes!) };
      },
      edges: function* () {
        for (const [i, e] of json.edges.entries())
          yield { id: e.key ?? `e${i}`, source: e.source, target: e.target, data: edgeData(e.attributes!) };
      },
    }),
    chunkSize,
  );
}

const nodeData = (a: EntityAttributes) => withRgb({ ...flatten(a, 'all'), ...nodeDisplay(a) });
const edgeData = (a: RelationAttributes) => withRgb({ ...flatten(a, 'all'), ...edgeDisplay(a) });

/** Replaces a hex `color` by the r, g, b integers Gephi's GraphML importer understands. */
function withRgb(data: FlatAttributes): Record<string, string | number> {
  const { color, ...rest } = data as Record<string, string | number>;
  const m = typeof color === 'string' ? /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color) : null;
  if (!m) return data as Record<string, string | number>;
  return { ...rest, r: parseInt(m[1]!, 16), g: parseInt(m[2]!, 16), b: parseInt(m[3]!, 16) };
}
