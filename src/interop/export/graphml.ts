import type { GraphJson } from '../../model';
import { CHUNK_SIZE, chunked } from '../chunks';
import { edgeDisplay, flatten, nodeDisplay, type FlatAttributes } from '../flat-attributes';
import { graphmlPieces } from '../graphml';

/**
 * GraphML for Gephi, yEd and NetworkX, made while it is read: lists and objects as JSON text, the
 * display attributes with colours as the r, g, b integers Gephi reads, the sources as graph data.
 */
export function exportGraphmlChunks(json: GraphJson, chunkSize = CHUNK_SIZE): Generator<Buffer, void, undefined> {
  return chunked(
    graphmlPieces({
      graph: { sources: JSON.stringify(json.attributes?.sources ?? []) },
      nodes: function* () {
        for (const n of json.nodes)
          yield { id: n.key, data: withRgb(flatten(n.attributes!, 'all'), nodeDisplay(n.attributes!)) };
      },
      edges: function* () {
        for (const [i, e] of json.edges.entries()) {
          const data = withRgb(flatten(e.attributes!, 'all'), edgeDisplay(e.attributes!));
          yield { id: e.key ?? `e${i}`, source: e.source, target: e.target, data };
        }
      },
    }),
    chunkSize,
  );
}

/** The data with its display attributes, the registry's `#rrggbb` colour as r, g, b. */
function withRgb(data: FlatAttributes, display: FlatAttributes): Record<string, string | number> {
  const { color, ...rest } = { ...data, ...display } as Record<string, string | number>;
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(String(color).slice(i, i + 2), 16));
  return { ...rest, r: r!, g: g!, b: b! };
}
