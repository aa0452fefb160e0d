import { describe, expect, it } from 'vitest';
import { fitLabels, type LabelBox } from '../../viewer/src/renderer/label-fit';

const box = (x: number, y: number, labelWidth = 0, radius = 6): LabelBox => ({
  x,
  y,
  radius,
  labelWidth,
  labelHalfHeight: 8,
});

/** Where each box's extremes land on screen under a fit. */
function onScreen(boxes: LabelBox[], fit: ReturnType<typeof fitLabels>, width: number, height: number) {
  const at = (p: number, c: number, half: number) => half + fit.scale * (p - c);
  return boxes.map((b) => ({
    left: at(b.x, fit.centre.x, width / 2) - b.radius,
    right: at(b.x, fit.centre.x, width / 2) + b.radius + b.labelWidth,
    top: at(b.y, fit.centre.y, height / 2) - Math.max(b.radius, b.labelHalfHeight),
    bottom: at(b.y, fit.centre.y, height / 2) + Math.max(b.radius, b.labelHalfHeight),
  }));
}

describe('fitting the camera so labels stay inside the graph area', () => {
  it('zooms out and shifts left just enough for a long label at the right edge', () => {
    // As sigma frames a view 700 px wide: nodes up to 50 px from the edge, a 200 px label at the right.
    const boxes = [box(50, 400, 40), box(650, 300, 200), box(350, 50, 60), box(350, 750, 60)];
    const fit = fitLabels(boxes, 700, 800);
    expect(fit.scale).toBeLessThan(1);
    expect(fit.scale).toBeGreaterThan(0.6);
    for (const s of onScreen(boxes, fit, 700, 800)) {
      expect(s.left).toBeGreaterThanOrEqual(8 - 1e-9);
      expect(s.right).toBeLessThanOrEqual(700 - 8 + 1e-9);
      expect(s.top).toBeGreaterThanOrEqual(8 - 1e-9);
      expect(s.bottom).toBeLessThanOrEqual(800 - 8 + 1e-9);
    }
  });

  it('leaves a view that already fits at the same zoom', () => {
    const boxes = [box(100, 100, 30), box(400, 300, 30)];
    expect(fitLabels(boxes, 700, 800).scale).toBe(1);
  });

  it('copes with nothing to show and with a single node', () => {
    expect(fitLabels([], 700, 800)).toEqual({ scale: 1, centre: { x: 350, y: 400 } });
    const one = fitLabels([box(350, 400, 100)], 700, 800);
    expect(one.scale).toBe(1);
    const [s] = onScreen([box(350, 400, 100)], one, 700, 800);
    expect(s!.right).toBeLessThanOrEqual(692);
  });

  it('fits a view of 300,000 nodes (spreading that many values into Math.min overflowed the stack)', () => {
    const boxes = Array.from({ length: 300_000 }, (_, i) =>
      box(50 + (i % 600), 50 + Math.floor(i / 600) * 1.4, i % 7 === 0 ? 120 : 0),
    );
    const fit = fitLabels(boxes, 700, 800);
    expect(fit.scale).toBeLessThan(1);
    const screen = onScreen(boxes, fit, 700, 800);
    expect(Math.max(...screen.slice(0, 1000).map((s) => s.right))).toBeLessThanOrEqual(692 + 1e-9);
    expect(
      screen.every((s) => s.left >= 8 - 1e-9 && s.right <= 692 + 1e-9 && s.top >= 8 - 1e-9 && s.bottom <= 792 + 1e-9),
    ).toBe(true);
  });
});
