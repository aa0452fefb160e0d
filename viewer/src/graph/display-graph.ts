import { MultiDirectedGraph } from 'graphology';
import type { RelationAttributes, RelationStatus, SchemaResponse } from '../api/types';
import { edgeColor, FOLD_COLOR, isContested, kindColor, nodeSize, typeLabel } from '../appearance/palette';
import type { DataGraph } from './data-graph';
import { STATUS_STRENGTH, type Fold } from './fold';

/** What sigma draws for an entity, or for a group of folded entities: position and looks. */
export interface DisplayNode {
  x: number;
  y: number;
  size: number;
  color: string;
  /** The name as drawn: long names shortened (the full one shows on hover). */
  label: string;
  /** The whole name, shown on hover (absent: the label is whole). */
  fullLabel?: string;
  kind: string;
  /** Label priority: the focus first, then the busiest entities. */
  zIndex: number;
  focus?: boolean;
  /** Held still by ForceAtlas2 (the focus, while the layout runs). */
  fixed?: boolean;
  /** Set on an "N more" node: the folded entities it stands for. */
  group?: { anchor: string; type: string; members: string[] };
}

/**
 * What sigma draws for all the claims from one entity to another: one line. The relation type of
 * its strongest claim lives in `relation`, never in `type`, which sigma reads as the program name.
 */
export interface DisplayEdge {
  relation: string;
  /** Every relation type among the line's claims (the legend hides a line when all are hidden). */
  relations?: string[];
  /** The data graph's claim keys the line stands for. */
  claims?: string[];
  status: RelationStatus;
  color: string;
  size: number;
  program: 'arrow' | 'line' | 'curvedArrow' | 'curve';
  /** How far a curved line bows (lines both ways between two entities curve apart). */
  curvature?: number;
}

export type DisplayGraph = MultiDirectedGraph<DisplayNode, DisplayEdge>;

export function emptyDisplayGraph(): DisplayGraph {
  return new MultiDirectedGraph<DisplayNode, DisplayEdge>({ allowSelfLoops: false });
}

/** Names longer than this are cut at a word and end in "…"; hovering shows the whole name. */
export const LABEL_MAX = 26;

export function shortLabel(name: string): string {
  if (name.length <= LABEL_MAX) return name;
  const cut = name.slice(0, LABEL_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > LABEL_MAX / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:(–-]+$/, '')}…`;
}

/** Line width by the number of claims it stands for; contested-only lines thinner. */
export function lineSize(claims: number, contested: boolean): number {
  return (contested ? 1.5 : 2.5) + 1.5 * (Math.sqrt(claims) - 1);
}

const CURVATURE = 0.3;

interface Line {
  source: string;
  target: string;
  claims: string[];
  attrs: RelationAttributes[];
  symmetric: boolean;
}

/** The claims between drawn entities, one line per direction (symmetric claims point low id -> high). */
function linesOf(data: DataGraph, schema: SchemaResponse, fold: Fold): Map<string, Line> {
  const lines = new Map<string, Line>();
  data.forEachEdge((e, a, s, t) => {
    if (!fold.kept.has(s) || !fold.kept.has(t)) return;
    const symmetric = schema.relationTypes[a.type]?.symmetric ?? false;
    const [from, to] = symmetric && t < s ? [t, s] : [s, t];
    const key = `${from}->${to}`;
    const line = lines.get(key) ?? { source: from, target: to, claims: [], attrs: [], symmetric: true };
    line.claims.push(e);
    line.attrs.push(a);
    line.symmetric &&= symmetric;
    lines.set(key, line);
  });
  return lines;
}

function strongest(attrs: RelationAttributes[]): RelationAttributes {
  return attrs.reduce((best, a) =>
    STATUS_STRENGTH[a.status] > STATUS_STRENGTH[best.status] ||
    (STATUS_STRENGTH[a.status] === STATUS_STRENGTH[best.status] && a.evidence.length > best.evidence.length)
      ? a
      : best,
  );
}

function lineLooks(schema: SchemaResponse, line: Line, reverse: boolean): DisplayEdge {
  const top = strongest(line.attrs);
  const contested = isContested(top.status);
  const straight = line.symmetric ? 'line' : 'arrow';
  return {
    relation: top.type,
    relations: [...new Set(line.attrs.map((a) => a.type))].sort(),
    claims: line.claims,
    status: top.status,
    color: edgeColor(schema, top.type, contested),
    size: lineSize(line.claims.length, contested),
    program: reverse ? (line.symmetric ? 'curve' : 'curvedArrow') : straight,
    curvature: reverse ? CURVATURE : 0,
  };
}

function groupLooks(schema: SchemaResponse, type: string): DisplayEdge {
  return {
    relation: type,
    relations: [type],
    claims: [],
    status: 'reported',
    // Thin and pale: a group's line says where the folded entities hang, it is not a claim.
    color: edgeColor(schema, type, true),
    size: 1.5,
    program: 'line',
    curvature: 0,
  };
}

/**
 * Brings `display` in line with `data` as folded by `fold`: drops what left, adds what came
 * (placed next to a neighbour already on screen so the layout continues rather than restarts),
 * refreshes looks. Keeps existing positions: expanding must not scramble the picture.
 */
export function syncDisplayGraph(
  display: DisplayGraph,
  data: DataGraph,
  schema: SchemaResponse,
  focus: string,
  fold: Fold,
): void {
  const nodes = new Map<string, Omit<DisplayNode, 'x' | 'y'>>();
  let biggest = 0;
  for (const n of fold.kept) if (n !== focus) biggest = Math.max(biggest, nodeSize(data.neighbors(n).length));
  for (const n of fold.kept) {
    const a = data.getNodeAttributes(n);
    const degree = data.neighbors(n).length;
    const isFocus = n === focus;
    nodes.set(n, {
      // The focus is drawn at least a little bigger than the biggest other entity.
      size: isFocus ? Math.max(18, biggest + 3, nodeSize(degree) * 1.2) : nodeSize(degree),
      color: kindColor(schema, a.kind),
      label: isFocus ? a.name : shortLabel(a.name),
      fullLabel: a.name,
      kind: a.kind,
      zIndex: isFocus ? 3 : degree > 2 ? 1 : 0,
      ...(isFocus ? { focus: true } : {}),
    });
  }
  for (const g of fold.groups) {
    const label = `${g.members.length} more: ${typeLabel(schema, g.type).toLowerCase()}`;
    nodes.set(g.key, {
      size: 5 + Math.sqrt(g.members.length) * 1.5,
      color: FOLD_COLOR,
      label,
      fullLabel: `${label} (click to show)`,
      kind: 'more',
      zIndex: 0,
      group: { anchor: g.anchor, type: g.type, members: g.members },
    });
  }
  display.forEachNode((n) => {
    if (!nodes.has(n)) display.dropNode(n);
  });
  display.clearEdges();
  const fresh: string[] = [];
  for (const [n, looks] of nodes) {
    if (display.hasNode(n))
      display.replaceNodeAttributes(n, {
        ...looks,
        x: display.getNodeAttribute(n, 'x'),
        y: display.getNodeAttribute(n, 'y'),
      });
    else {
      display.addNode(n, { x: 0, y: 0, ...looks });
      fresh.push(n);
    }
  }
  const lines = linesOf(data, schema, fold);
  for (const [key, line] of lines) {
    const reverse = lines.has(`${line.target}->${line.source}`);
    display.addDirectedEdgeWithKey(key, line.source, line.target, lineLooks(schema, line, reverse));
  }
  for (const g of fold.groups)
    display.addDirectedEdgeWithKey(`${g.anchor}->${g.key}`, g.anchor, g.key, groupLooks(schema, g.type));
  placeNewNodes(display, fresh, focus);
}

/**
 * New nodes start around a placed neighbour (or the origin), at an angle and distance jittered by
 * a hash of their id: evenly spaced starts are symmetric, and ForceAtlas2 keeps symmetric nodes
 * opposite each other, which lines up edges on top of one another. The hash keeps it repeatable.
 */
function placeNewNodes(display: DisplayGraph, fresh: string[], focus: string): void {
  const freshSet = new Set(fresh);
  const spread = Math.max(1, Math.sqrt(display.order));
  fresh.forEach((n, i) => {
    const anchor = display.neighbors(n).find((m) => !freshSet.has(m));
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

/**
 * The drawn entities with one edge per claim (keyed as in the data graph), each in the colour of
 * the line it is drawn in: what the exports write, claim by claim.
 */
export function claimsView(data: DataGraph, display: DisplayGraph): DisplayGraph {
  const out = emptyDisplayGraph();
  display.forEachNode((n, a) => {
    if (!a.group) out.addNode(n, a);
  });
  display.forEachEdge((_e, a) => {
    for (const claim of a.claims ?? []) {
      const [s, t] = data.extremities(claim);
      if (out.hasNode(s) && out.hasNode(t) && !out.hasEdge(claim)) out.addDirectedEdgeWithKey(claim, s, t, a);
    }
  });
  return out;
}
