import type { GraphJson } from '../../model';
import { CHUNK_SIZE, chunked } from '../chunks';
import { flatElements, type FlatAttributes } from '../flat-attributes';
import { graphmlPieces } from '../graphml';

/** GraphML for Gephi, yEd and NetworkX, made while read: lists as JSON text, colours as the r, g, b Gephi reads. */
export function exportGraphmlChunks(json: GraphJson, chunkSize = CHUNK_SIZE): Generator<Buffer, void, undefined> {
  const graph = { sources: JSON.stringify(json.attributes?.sources ?? []) };
  return chunked(graphmlPieces({ graph, ...flatElements(json, 'graphml', withRgb) }), chunkSize);
}

/** The registry's `#rrggbb` colour as r, g, b (lists are JSON text here: the values are scalars). */
function withRgb(data: FlatAttributes): Record<string, string | number> {
  const { color, ...rest } = data as Record<string, string | number>;
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(String(color).slice(i, i + 2), 16));
  return { ...rest, r: r!, g: g!, b: b! };
}
