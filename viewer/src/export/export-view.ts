import type Sigma from 'sigma';
import { write as writeGexf } from 'graphology-gexf/browser';
import { MultiDirectedGraph } from 'graphology';
import type { DataGraph } from '../graph/data-graph';
import type { DisplayGraph } from '../graph/display-graph';
import { writeGraphml } from './graphml';

export type ExportFormat = 'png' | 'gexf' | 'graphml' | 'json';

/**
 * The view as the user sees it (filtered entities and claims left out), with positions and
 * colours, plus the data attributes flattened to strings where a format needs scalars.
 */
export function viewGraph(
  data: DataGraph,
  display: DisplayGraph,
  isShown: { node: (n: string) => boolean; edge: (e: string) => boolean },
  flat: boolean,
): MultiDirectedGraph {
  const out = new MultiDirectedGraph();
  data.forEachNode((n, a) => {
    if (!isShown.node(n) || !display.hasNode(n)) return;
    const d = display.getNodeAttributes(n);
    const attrs = { ...a, label: a.name, x: d.x, y: d.y, size: d.size, color: d.color };
    out.addNode(n, flat ? flatten(attrs) : attrs);
  });
  data.forEachEdge((e, a, s, t) => {
    if (!isShown.edge(e) || !out.hasNode(s) || !out.hasNode(t)) return;
    // GEXF and GraphML readers take `type` for their own use; the relation type is kept as `relation`.
    const { type, ...rest } = a;
    const attrs = flat ? { ...flatten(rest), relation: type, color: display.getEdgeAttribute(e, 'color') } : { ...a };
    out.addDirectedEdgeWithKey(e, s, t, attrs);
  });
  return out;
}

function flatten(attrs: Record<string, unknown>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined) continue;
    out[k] = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v);
  }
  return out;
}

export function serialise(format: Exclude<ExportFormat, 'png'>, graph: MultiDirectedGraph): Blob {
  if (format === 'gexf') return new Blob([writeGexf(graph, { pretty: true })], { type: 'application/gexf+xml' });
  if (format === 'graphml') return new Blob([writeGraphml(graph)], { type: 'application/graphml+xml' });
  return new Blob([JSON.stringify(graph.export(), null, 2)], { type: 'application/json' });
}

/**
 * A PNG of what sigma shows: its WebGL and 2D layers composited on white. Rendering right before
 * reading means the WebGL buffers still hold the frame (sigma does not preserve them).
 */
export function snapshotPng(sigma: Sigma): Promise<Blob> {
  sigma.refresh();
  const { width, height } = sigma.getDimensions();
  const ratio = window.devicePixelRatio || 1;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext('2d');
  if (!ctx) return Promise.reject(new Error('no 2D canvas available'));
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  const layers = sigma.getCanvases();
  for (const id of ['edges', 'nodes', 'edgeLabels', 'labels', 'hovers', 'hoverNodes']) {
    const layer = layers[id];
    if (layer) ctx.drawImage(layer, 0, 0, canvas.width, canvas.height);
  }
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}

export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
