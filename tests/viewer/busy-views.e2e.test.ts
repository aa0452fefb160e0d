import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchChromium, SKIP_BROWSER } from '../support/browser';
import { startTestServer } from '../support/server';
import { waitReady, watchedPage } from './helpers';

/**
 * Issue 19: depth-2 neighbourhoods of busy actors drew a hairball (42 to 63 pairs of nodes on
 * top of each other, labels over labels, half the area empty). Over the real seed at 1400x900:
 * no two nodes overlap, no label lies on another or on a node (from the label boxes the renderer
 * drew), the focus is emphasised and selected, the picture fills the area, and the same URL draws
 * the same picture.
 */
interface Circle {
  node: string;
  x: number;
  y: number;
  radius: number;
}
interface Box {
  node: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}
interface Scene {
  circles: Circle[];
  labels: Box[];
  area: { width: number; height: number };
  focus: { id: string; name: string; radius: number } | null;
  panelTitle: string | null;
}

async function scene(page: Page): Promise<Scene> {
  const box = (await page.locator('#graph').boundingBox())!;
  const got = await page.evaluate(() => {
    const kg = (
      window as unknown as {
        __kg: {
          nodeCircles(): Circle[];
          labelBoxes(): Box[];
          sigma: { getGraph(): { findNode(f: (n: string, a: { focus?: boolean }) => boolean): string | undefined } };
        };
      }
    ).__kg;
    const graph = kg.sigma.getGraph() as unknown as {
      findNode(f: (n: string, a: { focus?: boolean }) => boolean): string | undefined;
      getNodeAttribute(n: string, k: string): string;
    };
    const focus = graph.findNode((_n, a) => a.focus === true);
    const circles = kg.nodeCircles();
    return {
      circles,
      labels: kg.labelBoxes(),
      focus: focus
        ? {
            id: focus,
            name: graph.getNodeAttribute(focus, 'fullLabel'),
            radius: circles.find((c) => c.node === focus)!.radius,
          }
        : null,
      panelTitle: document.querySelector('#panel h2')?.textContent ?? null,
    };
  });
  return { ...got, area: { width: box.width, height: box.height } };
}

function overlappingNodes(circles: Circle[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < circles.length; i++)
    for (let j = i + 1; j < circles.length; j++) {
      const [a, b] = [circles[i]!, circles[j]!];
      if (Math.hypot(a.x - b.x, a.y - b.y) < a.radius + b.radius) out.push(`${a.node} / ${b.node}`);
    }
  return out;
}

function overlappingLabels(labels: Box[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < labels.length; i++)
    for (let j = i + 1; j < labels.length; j++) {
      const [a, b] = [labels[i]!, labels[j]!];
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
        out.push(`${a.node} / ${b.node}`);
    }
  return out;
}

function labelsOnNodes(labels: Box[], circles: Circle[]): string[] {
  const out: string[] = [];
  for (const b of labels)
    for (const c of circles) {
      if (c.node === b.node) continue;
      const dx = c.x - Math.max(b.left, Math.min(c.x, b.right));
      const dy = c.y - Math.max(b.top, Math.min(c.y, b.bottom));
      if (dx * dx + dy * dy < c.radius * c.radius) out.push(`label ${b.node} on node ${c.node}`);
    }
  return out;
}

/** The share of the graph area the drawing's nodes span (their bounding box). */
function areaShare(s: Scene): number {
  const xs = s.circles.map((c) => c.x);
  const ys = s.circles.map((c) => c.y);
  return ((Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys))) / (s.area.width * s.area.height);
}

async function setZoom(page: Page, ratio: number): Promise<void> {
  await page.evaluate(
    (r) =>
      (window as unknown as { __kg: { sigma: { getCamera(): { setState(s: { ratio: number }): void } } } }).__kg.sigma
        .getCamera()
        .setState({ ratio: r }),
    ratio,
  );
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))));
}

const VIEWS = [
  'focus=bla&depth=2',
  'focus=pakistan&depth=2',
  'focus=azm-i-istehkam&depth=2',
  'focus=ttp&depth=2',
  'focus=ttp',
] as const;

describe.skipIf(SKIP_BROWSER)('viewer: busy views read as a picture (issue 19)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    page = await watchedPage(browser, errors, { viewport: { width: 1400, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const view of VIEWS) {
    it(`${view}: no overlapping nodes or labels, focus emphasised and selected, area used, same picture twice`, async () => {
      await page.goto(`${server.url}/?${view}`);
      await waitReady(page);
      const first = await scene(page);
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, `busy-${view.replace(/[^a-z0-9]+/gi, '-')}.png`) });

      expect(overlappingNodes(first.circles)).toEqual([]);
      expect(overlappingLabels(first.labels)).toEqual([]);
      expect(labelsOnNodes(first.labels, first.circles)).toEqual([]);
      const outside = first.labels.filter(
        (b) => b.left < 0 || b.top < 0 || b.right > first.area.width || b.bottom > first.area.height,
      );
      expect(outside.map((b) => b.node)).toEqual([]);
      // A readable number of entities is drawn, most of them named.
      expect(first.circles.length).toBeLessThanOrEqual(60);
      expect(first.labels.length).toBeGreaterThan(first.circles.length * 0.75);

      // The focus: drawn largest, named, and what the evidence panel shows.
      expect(first.focus).not.toBeNull();
      const focus = first.focus!;
      expect(focus.radius).toBeGreaterThanOrEqual(Math.max(...first.circles.map((c) => c.radius)));
      expect(first.labels.map((l) => l.node)).toContain(focus.id);
      expect(first.panelTitle).toBe(focus.name);

      // The drawing spans most of the graph area.
      expect(areaShare(first)).toBeGreaterThan(0.6);

      // Labels stay apart when zooming in and out too.
      for (const ratio of [0.5, 2]) {
        await setZoom(page, ratio);
        const zoomed = await scene(page);
        expect(overlappingLabels(zoomed.labels), `ratio ${ratio}`).toEqual([]);
        expect(labelsOnNodes(zoomed.labels, zoomed.circles), `ratio ${ratio}`).toEqual([]);
        expect(overlappingNodes(zoomed.circles), `ratio ${ratio}`).toEqual([]);
      }

      // Seeded: a second load of the same URL draws every node at the same place.
      await page.goto(`${server.url}/?${view}`);
      await waitReady(page);
      const second = await scene(page);
      const at = (s: Scene) => Object.fromEntries(s.circles.map((c) => [c.node, [Math.round(c.x), Math.round(c.y)]]));
      expect(at(second)).toEqual(at(first));
    });
  }

  it('opens an "N more" group on click and draws its entities', async () => {
    await page.goto(`${server.url}/?focus=bla&depth=2`);
    await waitReady(page);
    const folded = await page.evaluate(() =>
      (
        window as unknown as { __kg: { folded(): { drawn: number; groups: { key: string; members: number }[] } } }
      ).__kg.folded(),
    );
    expect(folded.groups.length).toBeGreaterThan(0);
    expect(await page.locator('#legend .folded').count()).toBeGreaterThan(0);
    const group = folded.groups[0]!;
    const pos = await page.evaluate(
      (k) =>
        (window as unknown as { __kg: { nodePosition(n: string): { x: number; y: number } | null } }).__kg.nodePosition(
          k,
        ),
      group.key,
    );
    const box = (await page.locator('#graph').boundingBox())!;
    await page.mouse.click(box.x + pos!.x, box.y + pos!.y);
    await page.waitForFunction(
      (k) => !(window as unknown as { __kg: { nodes(): string[] } }).__kg.nodes().includes(k),
      group.key,
    );
    await waitReady(page);
    const after = await page.evaluate(
      () => (window as unknown as { __kg: { folded(): { drawn: number } } }).__kg.folded().drawn,
    );
    expect(after).toBe(folded.drawn + group.members);
    const s = await scene(page);
    expect(overlappingNodes(s.circles)).toEqual([]);
    expect(overlappingLabels(s.labels)).toEqual([]);
  });

  it('lays the picture out again for a resized window, still without overlaps', async () => {
    await page.goto(`${server.url}/?focus=azm-i-istehkam&depth=2`);
    await waitReady(page);
    await page.setViewportSize({ width: 1100, height: 760 });
    await page.waitForFunction(() => {
      const kg = (window as unknown as { __kg: { layoutArea(): { width: number; height: number } } }).__kg;
      const box = document.querySelector('#graph')!.getBoundingClientRect();
      const area = kg.layoutArea();
      return Math.abs(area.width - box.width) <= 1 && Math.abs(area.height - box.height) <= 1;
    });
    await waitReady(page);
    const s = await scene(page);
    expect(overlappingNodes(s.circles)).toEqual([]);
    expect(overlappingLabels(s.labels)).toEqual([]);
    expect(labelsOnNodes(s.labels, s.circles)).toEqual([]);
    expect(areaShare(s)).toBeGreaterThan(0.6);
    await page.setViewportSize({ width: 1400, height: 900 });
  });

  it('logged no console errors', () => {
    expect(errors).toEqual([]);
  });
});
