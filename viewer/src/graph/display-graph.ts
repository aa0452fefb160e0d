import { MultiDirectedGraph } from 'graphology';
import type { RelationStatus, SchemaResponse } from '../api/types';
import { edgeColor, isContested, kindColor, nodeSize } from '../appearance/palette';
import type { DataGraph } from './data-graph';

/** What sigma draws for an entity: position and looks, derived from the data graph. */
export interface DisplayNode {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  kind: string;
  /** Sigma's label grid shows higher-zIndex labels first when they would collide. */
  zIndex: number;
}

/**
 * What sigma draws for a claim. The relation type lives in `relation`, never in `type`, which
 * sigma reads as the name of the edge program.
 */
export interface DisplayEdge {
  relation: string;
  status: RelationStatus;
  color: string;
  size: number;
  program: 'arrow' | 'line';
}

export type DisplayGraph = MultiDirectedGraph<DisplayNode, DisplayEdge>;

export function emptyDisplayGraph(): DisplayGraph {
  return new MultiDirectedGraph<DisplayNode, DisplayEdge>({ allowSelfLoops: false });
}

export function displayEdge(
  schema: SchemaResponse,
  type: string,
  status: RelationStatus,
  symmetric: boolean,
): DisplayEdge {
  const contested = isContested(status);
  return {
    relation: type,
    status,
    color: edgeColor(schema, type, contested),
    size: contested ? 3 : 5,
    program: symmetric ? 'line' : 'arrow',
  };
}

/**
 * Brings `display` in line with `data`: drops what left, adds what came (placed next to a
 * neighbour already on screen so the layout continues rather than restarts), refreshes looks.
 * Keeps existing positions: expanding must not scramble the picture the user has in mind.
 */
export function syncDisplayGraph(
  display: DisplayGraph,
  data: DataGraph,
  schema: SchemaResponse,
  focus: string,
): { added: number } {
  display.forEachNode((n) => {
    if (!data.hasNode(n)) display.dropNode(n);
  });
  display.forEachEdge((e) => {
    if (!data.hasEdge(e)) display.dropEdge(e);
  });
  let added = 0;
  const fresh: string[] = [];
  data.forEachNode((n, a) => {
    const looks = {
      size: nodeSize(data.degree(n)),
      color: kindColor(schema, a.kind),
      label: a.name,
      kind: a.kind,
      zIndex: n === focus ? 2 : data.degree(n) > 2 ? 1 : 0,
    };
    if (display.hasNode(n)) display.mergeNodeAttributes(n, looks);
    else {
      display.addNode(n, { x: 0, y: 0, ...looks });
      fresh.push(n);
      added++;
    }
  });
  placeNewNodes(display, data, fresh, focus);
  data.forEachEdge((e, a, s, t) => {
    const looks = displayEdge(schema, a.type, a.status, schema.relationTypes[a.type]?.symmetric ?? false);
    if (display.hasEdge(e)) display.mergeEdgeAttributes(e, looks);
    else display.addDirectedEdgeWithKey(e, s, t, looks);
  });
  return { added };
}

/**
 * New nodes start around a placed neighbour (or the origin), at an angle and distance jittered by
 * a hash of their id: evenly spaced starts are symmetric, and ForceAtlas2 keeps symmetric nodes
 * opposite each other, which lines up edges on top of one another. The hash keeps it repeatable.
 */
function placeNewNodes(display: DisplayGraph, data: DataGraph, fresh: string[], focus: string): void {
  const freshSet = new Set(fresh);
  const spread = Math.max(1, Math.sqrt(display.order));
  fresh.forEach((n, i) => {
    const anchor = data.neighbors(n).find((m) => !freshSet.has(m) && display.hasNode(m));
    const jitter = hash(n);
    const angle = (2 * Math.PI * i) / Math.max(1, fresh.length) + jitter * 2;
    const [cx, cy] = anchor ? [display.getNodeAttribute(anchor, 'x'), display.getNodeAttribute(anchor, 'y')] : [0, 0];
    const r = n === focus && !anchor ? 0 : (anchor ? 1 : spread) * (0.6 + jitter);
    display.mergeNodeAttributes(n, { x: cx + r * Math.cos(angle), y: cy + r * Math.sin(angle) });
  });
}

/** A number in [0, 1) from a string (FNV-1a). */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0) / 2 ** 32;
}
