/**
 * Which labels to draw, and on which side of their node, so that no label lies on another label
 * or on any node, and none leaves the graph area. Greedy by priority: the focus and the
 * selection first (always drawn, on their least crowded side), then the busiest entities. This
 * module is the geometry alone, in viewport pixels; the renderer feeds it what sigma shows.
 */
export interface LabelCandidate {
  node: string;
  x: number;
  y: number;
  radius: number;
  /** Width of the text in pixels. */
  width: number;
  /** Drawn whatever the crowding (focus, selection). */
  forced: boolean;
}

export type Side = 'right' | 'left' | 'below' | 'above' | 'upper-right' | 'lower-right' | 'upper-left' | 'lower-left';

export interface PlacedLabel {
  node: string;
  side: Side;
  /** The label's box (text plus a pixel of padding). */
  left: number;
  top: number;
  right: number;
  bottom: number;
  /** Set when the label sits away from its node: a thin line joins them. */
  leader?: boolean;
}

export interface Circle {
  node: string;
  x: number;
  y: number;
  radius: number;
}

/** Pixels between a node's edge and its label (sigma's own default gap). */
export const LABEL_GAP = 3;
const PAD = 1;

function box(c: LabelCandidate, side: Side, height: number): Omit<PlacedLabel, 'node' | 'side'> {
  const half = height / 2;
  const right = { left: c.x + c.radius + LABEL_GAP - PAD, right: c.x + c.radius + LABEL_GAP + c.width + PAD };
  const left = { left: c.x - c.radius - LABEL_GAP - c.width - PAD, right: c.x - c.radius - LABEL_GAP + PAD };
  const centred = { left: c.x - c.width / 2 - PAD, right: c.x + c.width / 2 + PAD };
  // Diagonal places sit beside the node's top or bottom edge, clear of it.
  const lift = c.radius * 0.7 + half;
  switch (side) {
    case 'right':
      return { ...right, top: c.y - half, bottom: c.y + half };
    case 'left':
      return { ...left, top: c.y - half, bottom: c.y + half };
    case 'below':
      return { ...centred, top: c.y + c.radius + 1, bottom: c.y + c.radius + 1 + height };
    case 'above':
      return { ...centred, top: c.y - c.radius - 1 - height, bottom: c.y - c.radius - 1 };
    case 'upper-right':
      return { ...right, top: c.y - lift - half, bottom: c.y - lift + half };
    case 'lower-right':
      return { ...right, top: c.y + lift - half, bottom: c.y + lift + half };
    case 'upper-left':
      return { ...left, top: c.y - lift - half, bottom: c.y - lift + half };
    case 'lower-left':
      return { ...left, top: c.y + lift - half, bottom: c.y + lift + half };
  }
}

type Box = Omit<PlacedLabel, 'node' | 'side' | 'leader'>;

/** The nearest free box up to eight label heights above or below the node's own places. */
function farPlace(c: LabelCandidate, height: number, free: (b: Box) => boolean): Box | null {
  for (let k = 1; k <= 8; k++)
    for (const dy of [-k * height, k * height])
      for (const side of ['right', 'left', 'above', 'below'] as const) {
        const b = box(c, side, height);
        const moved = { ...b, top: b.top + dy, bottom: b.bottom + dy };
        if (free(moved)) return moved;
      }
  return null;
}

function boxesMeet(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

function circleMeetsBox(c: Circle, b: Box): boolean {
  const dx = c.x - Math.max(b.left, Math.min(c.x, b.right));
  const dy = c.y - Math.max(b.top, Math.min(c.y, b.bottom));
  return dx * dx + dy * dy < c.radius * c.radius;
}

/** A uniform grid over the viewport: each item is filed under every cell its box touches. */
class Grid<T> {
  private readonly cells = new Map<number, T[]>();
  constructor(private readonly size: number) {}
  private *keys(b: Box): Generator<number> {
    const s = this.size;
    for (let i = Math.floor(b.left / s); i <= Math.floor(b.right / s); i++)
      for (let j = Math.floor(b.top / s); j <= Math.floor(b.bottom / s); j++) yield i * 100_003 + j;
  }
  add(b: Box, item: T): void {
    for (const k of this.keys(b)) {
      const list = this.cells.get(k);
      if (list) list.push(item);
      else this.cells.set(k, [item]);
    }
  }
  near(b: Box): Set<T> {
    const out = new Set<T>();
    for (const k of this.keys(b)) for (const item of this.cells.get(k) ?? []) out.add(item);
    return out;
  }
}

const SIDES: readonly Side[] = [
  'right',
  'left',
  'below',
  'above',
  'upper-right',
  'lower-right',
  'upper-left',
  'lower-left',
];

/**
 * Places labels in `candidates` order (callers sort by priority). `nodes` are every drawn node,
 * obstacles for all labels but their own. A forced label that fits nowhere goes where it meets
 * the fewest others; the rest are left out. `limit` bounds the work on huge views.
 */
export function placeLabels(
  candidates: readonly LabelCandidate[],
  nodes: readonly Circle[],
  area: { width: number; height: number },
  height: number,
  limit = 1500,
): PlacedLabel[] {
  const nodeGrid = new Grid<Circle>(64);
  for (const c of nodes)
    nodeGrid.add({ left: c.x - c.radius, right: c.x + c.radius, top: c.y - c.radius, bottom: c.y + c.radius }, c);
  const labelGrid = new Grid<PlacedLabel>(64);
  const placed: PlacedLabel[] = [];
  const inside = (b: Box) => b.left >= 0 && b.top >= 0 && b.right <= area.width && b.bottom <= area.height;
  const clashes = (c: LabelCandidate, b: Box) => {
    let n = 0;
    for (const other of nodeGrid.near(b)) if (other.node !== c.node && circleMeetsBox(other, b)) n++;
    for (const other of labelGrid.near(b)) if (boxesMeet(other, b)) n++;
    return n;
  };
  let tried = 0;
  for (const c of candidates) {
    if (!c.forced && tried++ >= limit) continue;
    let best: { side: Side; b: Box; clashes: number } | null = null;
    for (const side of SIDES) {
      const b = box(c, side, height);
      if (!inside(b)) continue;
      const n = clashes(c, b);
      if (n === 0) {
        best = { side, b, clashes: 0 };
        break;
      }
      if (c.forced && (!best || n < best.clashes)) best = { side, b, clashes: n };
    }
    if (!best || (best.clashes > 0 && !c.forced)) continue;
    let leader = false;
    if (best.clashes > 0) {
      // A forced label with no free place beside its node (a zoomed-out crowd): look further
      // out, a label height at a time, and draw a leader line to it.
      const far = farPlace(c, height, (b) => inside(b) && clashes(c, b) === 0);
      if (far) {
        best = { side: best.side, b: far, clashes: 0 };
        leader = true;
      }
    }
    const label = { node: c.node, side: best.side, ...best.b, ...(leader ? { leader } : {}) };
    placed.push(label);
    labelGrid.add(label, label);
  }
  return placed;
}
