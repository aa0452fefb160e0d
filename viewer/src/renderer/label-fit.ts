/**
 * Fitting the camera so that nodes *and their labels* stay inside the graph area. Sigma's own
 * reset frames node positions only; its labels are drawn to the right of each node at a fixed
 * pixel size, so the right-hand names were cut off ("Chinese natio"). This module is the
 * arithmetic alone; the renderer feeds it what sigma reports.
 */
export interface LabelBox {
  /** Viewport position of the node with the camera reset (ratio 1, centred). */
  x: number;
  y: number;
  /** Node radius in pixels at ratio 1. */
  radius: number;
  /** Pixels the label takes to the right of the node (gap included); 0 without a label. */
  labelWidth: number;
  /** Half the label's height in pixels. */
  labelHalfHeight: number;
}

export interface Fit {
  /** Zoom factor on the reset view: 1 leaves it as is, below 1 zooms out. */
  scale: number;
  /** The point of the reset view (viewport pixels) that goes to the centre of the area. */
  centre: { x: number; y: number };
}

/**
 * The largest zoom (at most the reset one) and the centre at which every box fits in a
 * `width` x `height` area with `margin` pixels to spare. Node and label sizes are treated as
 * fixed in pixels, which over-estimates them when zooming out (sigma shrinks nodes then): safe.
 */
/** The least and greatest of f over the boxes, in a loop: spreading ~100k values into Math.min overflows the stack. */
function extent(boxes: readonly LabelBox[], f: (b: LabelBox) => number): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const b of boxes) {
    const v = f(b);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

export function fitLabels(boxes: readonly LabelBox[], width: number, height: number, margin = 8): Fit {
  const centre = { x: width / 2, y: height / 2 };
  if (boxes.length === 0 || width <= 2 * margin || height <= 2 * margin) return { scale: 1, centre };
  const minX = extent(boxes, (b) => b.x).min;
  const minY = extent(boxes, (b) => b.y).min;
  const maxRadius = extent(boxes, (b) => b.radius).max;
  const maxHalfHeight = extent(boxes, (b) => Math.max(b.radius, b.labelHalfHeight)).max;
  let scale = 1;
  for (const b of boxes) {
    // The span from the leftmost node's edge to this box's label end must fit the width.
    const room = width - 2 * margin - maxRadius - b.radius - b.labelWidth;
    if (b.x > minX) scale = Math.min(scale, Math.max(room, 1) / (b.x - minX));
    const roomY = height - 2 * margin - maxHalfHeight - Math.max(b.radius, b.labelHalfHeight);
    if (b.y > minY) scale = Math.min(scale, Math.max(roomY, 1) / (b.y - minY));
  }
  // With the scale fixed, each box bounds the offset on each side; take the middle of what is left.
  const offset = (lo: number, hi: number) => (lo <= hi ? (lo + hi) / 2 : lo);
  const left = extent(boxes, (b) => margin + b.radius - scale * b.x).max;
  const right = extent(boxes, (b) => width - margin - b.radius - b.labelWidth - scale * b.x).min;
  const top = extent(boxes, (b) => margin + Math.max(b.radius, b.labelHalfHeight) - scale * b.y).max;
  const bottom = extent(boxes, (b) => height - margin - Math.max(b.radius, b.labelHalfHeight) - scale * b.y).min;
  const dx = offset(left, right);
  const dy = offset(top, bottom);
  // On screen a point p lands at scale * p + d; the one landing in the middle is the new centre.
  return { scale, centre: { x: (width / 2 - dx) / scale, y: (height / 2 - dy) / scale } };
}
