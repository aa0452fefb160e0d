import forceAtlas2 from 'graphology-layout-forceatlas2';
import noverlap from 'graphology-layout-noverlap';
import type { DisplayGraph } from '../graph/display-graph';

/** The graph area in CSS pixels; the layout is made in these units so that sizes are pixels too. */
export interface Area {
  width: number;
  height: number;
}

/** Pixels kept clear between the area's edge and the outermost nodes. */
export const EDGE_MARGIN = 16;
/** Pixels kept clear between two nodes (the focus halo needs more, see haloOf). */
export const NODE_GAP = 6;
/** Width over height of the layout is stretched toward the area's at most this much. */
const MAX_STRETCH = 1.6;

/** The focus carries a halo drawn around it (renderer/rings.ts): it needs the room. */
export function haloOf(size: number): number {
  return size + 9;
}

/**
 * A picture a reader can take in, the same for the same data: ForceAtlas2 run for a fixed number
 * of iterations from positions seeded by id (display-graph.ts), turned so its long side lies
 * along the area's, stretched to fill it, then Noverlap pushes nodes apart until no two
 * overlap. Positions are area pixels: the renderer maps [0, width] x [0, height] onto the area
 * one to one, so a node's size is its radius on screen.
 */
export function readableLayout(graph: DisplayGraph, area: Area): void {
  const { width, height } = area;
  if (graph.order === 0) return;
  if (graph.order === 1) {
    graph.updateEachNodeAttributes((_n, a) => ({ ...a, x: width / 2, y: height / 2 }));
    return;
  }
  const n = graph.order;
  // The focus holds still at the middle while the rest settles round it.
  const focus = graph.findNode((_n, a) => a.focus === true);
  if (focus) graph.mergeNodeAttributes(focus, { x: 0, y: 0, fixed: true });
  forceAtlas2.assign(graph, {
    iterations: n <= 200 ? 500 : n <= 1000 ? 200 : 80,
    getEdgeWeight: null,
    settings: {
      ...forceAtlas2.inferSettings(graph),
      barnesHutOptimize: n > 400,
      // Hubs pull less: their many leaves spread round them instead of piling up.
      outboundAttractionDistribution: true,
      gravity: 1,
      scalingRatio: 4,
    },
  });
  if (focus) graph.removeNodeAttribute(focus, 'fixed');
  orient(graph, width >= height);
  const reach = (a: { size: number; focus?: boolean }) => (a.focus ? haloOf(a.size) : a.size);
  let maxReach = 0;
  graph.forEachNode((_n, a) => (maxReach = Math.max(maxReach, reach(a))));
  const inner = {
    x0: EDGE_MARGIN + maxReach,
    y0: EDGE_MARGIN + maxReach,
    x1: width - EDGE_MARGIN - maxReach,
    y1: height - EDGE_MARGIN - maxReach,
  };
  stretchInto(graph, inner);
  // Noverlap spreads the nodes, which can push the outer ones out of the area; pull the whole
  // picture back in and separate again, until both hold (a few rounds suffice in practice).
  for (let round = 0; round < 8; round++) {
    noverlap.assign(graph, {
      maxIterations: 400,
      inputReducer: (_key, a) => ({ x: a.x, y: a.y, size: reach(a as { size: number }) + NODE_GAP / 2 }),
      settings: { margin: 0, ratio: 1, speed: 3, gridSize: 20, expansion: 1.1 },
    });
    if (within(graph, inner) || round === 7) break;
    shrinkInto(graph, inner);
  }
}

/** Turns the layout so that its principal axis is horizontal (wide area) or vertical (tall area). */
function orient(graph: DisplayGraph, wide: boolean): void {
  let cx = 0;
  let cy = 0;
  graph.forEachNode((_n, a) => {
    cx += a.x;
    cy += a.y;
  });
  cx /= graph.order;
  cy /= graph.order;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  graph.forEachNode((_n, a) => {
    sxx += (a.x - cx) ** 2;
    syy += (a.y - cy) ** 2;
    sxy += (a.x - cx) * (a.y - cy);
  });
  const axis = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  const turn = (wide ? 0 : Math.PI / 2) - axis;
  const [cos, sin] = [Math.cos(turn), Math.sin(turn)];
  graph.updateEachNodeAttributes((_n, a) => {
    const [dx, dy] = [a.x - cx, a.y - cy];
    return { ...a, x: dx * cos - dy * sin, y: dx * sin + dy * cos };
  });
}

interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function bounds(graph: DisplayGraph): Rect {
  const b = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  graph.forEachNode((_n, a) => {
    b.x0 = Math.min(b.x0, a.x);
    b.y0 = Math.min(b.y0, a.y);
    b.x1 = Math.max(b.x1, a.x);
    b.y1 = Math.max(b.y1, a.y);
  });
  return b;
}

function within(graph: DisplayGraph, r: Rect): boolean {
  const b = bounds(graph);
  const slack = 0.5;
  return b.x0 >= r.x0 - slack && b.y0 >= r.y0 - slack && b.x1 <= r.x1 + slack && b.y1 <= r.y1 + slack;
}

/** Scales each axis so the layout fills the rectangle, with the stretch between them capped. */
function stretchInto(graph: DisplayGraph, r: Rect): void {
  const b = bounds(graph);
  const bw = Math.max(b.x1 - b.x0, 1e-9);
  const bh = Math.max(b.y1 - b.y0, 1e-9);
  let sx = (r.x1 - r.x0) / bw;
  let sy = (r.y1 - r.y0) / bh;
  if (sx > sy * MAX_STRETCH) sx = sy * MAX_STRETCH;
  if (sy > sx * MAX_STRETCH) sy = sx * MAX_STRETCH;
  place(graph, b, r, sx, sy);
}

/** Scales the layout uniformly (never up) so it fits the rectangle again. */
function shrinkInto(graph: DisplayGraph, r: Rect): void {
  const b = bounds(graph);
  const s = Math.min(1, (r.x1 - r.x0) / Math.max(b.x1 - b.x0, 1e-9), (r.y1 - r.y0) / Math.max(b.y1 - b.y0, 1e-9));
  place(graph, b, r, s, s);
}

/** Maps bounds `b` scaled by (sx, sy) onto the centre of rectangle `r`. */
function place(graph: DisplayGraph, b: Rect, r: Rect, sx: number, sy: number): void {
  const [bcx, bcy] = [(b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2];
  const [rcx, rcy] = [(r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2];
  graph.updateEachNodeAttributes((_n, a) => ({ ...a, x: rcx + (a.x - bcx) * sx, y: rcy + (a.y - bcy) * sy }));
}
